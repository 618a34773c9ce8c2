import { fireEvent, render, screen, within } from '@testing-library/react';
import { callFunction } from '@/services/cloud';
import { usePointsStore } from './store';
import { ladderView, myLadder, repeatBuyerInGrace } from '@/test-support/member-fixtures';
import LadderPage from './ladder';

// The page with the real store; only the transport is replaced.
jest.mock('@/services/cloud', () => ({ callFunction: jest.fn() }));
const callFunctionMock = callFunction as jest.MockedFunction<typeof callFunction>;
type Reply = Awaited<ReturnType<typeof callFunction>>;

const local = (y: number, m: number, d: number) => new Date(y, m - 1, d, 23, 59).toISOString();

beforeEach(() => {
  callFunctionMock.mockReset();
  usePointsStore.getState().resetSession();
});

describe('LadderPage', () => {
  it('shows loading until member.ladder answers', () => {
    callFunctionMock.mockReturnValue(new Promise<Reply>(() => undefined));
    render(<LadderPage />);

    expect(screen.getByTestId('ladder-loading')).toBeTruthy();
    expect(screen.queryByTestId('ladder-page')).toBeNull();
    expect(callFunctionMock).toHaveBeenCalledWith('member', 'ladder', {});
  });

  it('shows the five steps lowest first with the current one marked, the rules and my progress', async () => {
    const me = myLadder({
      tier: 'buyer',
      tierName: '已购会员',
      isMember: true,
      paidOrders: 1,
      progress: { nextTier: 'repeat_buyer', nextTierName: '复购会员', text: '再下 1 单升级为复购会员' },
      holdsUntil: local(2025, 9, 1),
    });
    callFunctionMock.mockResolvedValue({ ok: true, data: ladderView(me) });
    render(<LadderPage />);

    const page = await screen.findByTestId('ladder-page');
    const steps = within(page).getAllByTestId(/^ladder-step-/);
    expect(steps.map((step) => step.getAttribute('data-testid'))).toEqual([
      'ladder-step-follower',
      'ladder-step-member',
      'ladder-step-buyer',
      'ladder-step-repeat_buyer',
      'ladder-step-koc',
    ]);
    expect(steps.filter((step) => step.getAttribute('data-current') === 'true').map((s) => s.getAttribute('data-testid'))).toEqual(['ladder-step-buyer']);
    const repeat = screen.getByTestId('ladder-step-repeat_buyer');
    expect(repeat.textContent).toContain('近 180 天有 2 笔已支付且未退款的订单');
    expect(repeat.textContent).toContain('1.5 倍积分');
    expect(repeat.textContent).toContain('可参与限量抽签');
    expect(screen.getByTestId('ladder-step-buyer').textContent).toContain('当前');

    expect(screen.getByTestId('ladder-rules').textContent).toContain('等级按最近 180 天的订单计算；条件不再满足时，保留当前等级 30 天');
    expect(screen.getByTestId('ladder-progress').textContent).toBe('再下 1 单升级为复购会员');
    expect(screen.getByTestId('ladder-me').textContent).toContain('近 180 天有效订单 1 笔');
    expect(screen.queryByTestId('ladder-grace')).toBeNull();
    expect(screen.getByTestId('ladder-holds').textContent).toBe('已购会员的条件有效至 9月1日，届时若不再满足，将保留当前等级 30 天');
    expect(callFunctionMock).toHaveBeenCalledTimes(1);
  });

  it('explains the grace: what keeps the tier and until when', async () => {
    callFunctionMock.mockResolvedValue({ ok: true, data: ladderView(repeatBuyerInGrace(local(2025, 5, 3))) });
    render(<LadderPage />);

    expect((await screen.findByTestId('ladder-grace')).textContent).toBe('保级期：复购会员保留至 5月3日，再下 1 单保级');
    expect(screen.getByTestId('ladder-step-repeat_buyer').getAttribute('data-current')).toBe('true');
  });

  it('tells a visitor that joining is the next step', async () => {
    callFunctionMock.mockResolvedValue({ ok: true, data: ladderView() });
    render(<LadderPage />);

    expect((await screen.findByTestId('ladder-progress')).textContent).toBe('加入会员即可成为未购会员');
    expect(screen.getByTestId('ladder-step-follower').getAttribute('data-current')).toBe('true');
    expect(screen.getByTestId('ladder-me').textContent).not.toContain('有效订单');
  });

  it('shows an error with a retry', async () => {
    callFunctionMock
      .mockResolvedValueOnce({ ok: false, error: { code: 'NETWORK_ERROR', message: '网络异常，请稍后重试' } })
      .mockResolvedValueOnce({ ok: true, data: ladderView() });
    render(<LadderPage />);

    expect((await screen.findByTestId('ladder-error')).textContent).toContain('网络异常');
    fireEvent.click(screen.getByTestId('ladder-error-action'));

    expect(await screen.findByTestId('ladder-page')).toBeTruthy();
    expect(callFunctionMock).toHaveBeenCalledTimes(2);
  });
});
