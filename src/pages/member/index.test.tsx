import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { callFunction } from '@/services/cloud';
import type { SessionProfile } from '@/services/contracts';
import { useAppStore } from '@/store';
import MemberCentrePage from './index';

jest.mock('@/services/cloud', () => ({ callFunction: jest.fn() }));
const callFunctionMock = callFunction as jest.MockedFunction<typeof callFunction>;

const follower: SessionProfile = {
  memberId: 'm1', nickname: '小林', avatarUrl: '', tier: 'follower', tierName: '基础用户',
  points: 0, role: 'customer', isMember: false, joinedAt: null,
};

beforeEach(() => {
  callFunctionMock.mockReset();
  useAppStore.getState().resetSession();
});

const joinButtonIsDisabled = () => screen.getByTestId('join-button').className.includes('nut-button-disabled');

describe('MemberCentrePage', () => {
  it('shows tier, points and the ladder of the person', async () => {
    callFunctionMock.mockResolvedValue({ ok: true, data: { profile: { ...follower, points: 120 } } });
    render(<MemberCentrePage />);

    expect((await screen.findByTestId('tier-name')).textContent).toBe('基础用户');
    expect(screen.getByTestId('points-balance').textContent).toBe('120');
    expect(screen.getByTestId('tier-ladder').getAttribute('data-position')).toBe('1');
  });

  it('joins only after the terms are accepted, sends no empty phone, and confirms with a toast', async () => {
    callFunctionMock.mockResolvedValueOnce({ ok: true, data: { profile: follower } });
    render(<MemberCentrePage />);
    await screen.findByTestId('join-card');
    expect(joinButtonIsDisabled()).toBe(true);

    fireEvent.click(screen.getByText('我已阅读并同意'));
    await waitFor(() => expect(joinButtonIsDisabled()).toBe(false));
    callFunctionMock.mockResolvedValueOnce({
      ok: true,
      data: { profile: { ...follower, tier: 'member', tierName: '未购会员', isMember: true, joinedAt: '2025-01-02T03:04:05.000Z' } },
    });
    // A member sees the points card, which asks for the points summary.
    callFunctionMock.mockResolvedValueOnce({ ok: true, data: { balance: 0, debt: 0, expiringSoon: { total: 0, days: 30, lots: [] } } });
    fireEvent.click(screen.getByText('加入会员', { selector: '.nut-button-children' }));

    await screen.findByTestId('membership-summary');
    expect(callFunctionMock).toHaveBeenCalledWith('member', 'join', { agreeTerms: true });
    expect(screen.getByTestId('tier-name').textContent).toBe('未购会员');
    // Taro's H5 toast renders into the document.
    expect(await screen.findByText('入会成功')).toBeTruthy();
  });

  it('tells the person why a join was refused', async () => {
    callFunctionMock.mockResolvedValueOnce({ ok: true, data: { profile: follower } });
    render(<MemberCentrePage />);
    await screen.findByTestId('join-card');
    fireEvent.click(screen.getByText('我已阅读并同意'));
    await waitFor(() => expect(joinButtonIsDisabled()).toBe(false));
    callFunctionMock.mockResolvedValueOnce({ ok: false, error: { code: 'VALIDATION_FAILED', message: '手机号格式不正确' } });

    fireEvent.click(screen.getByText('加入会员', { selector: '.nut-button-children' }));

    expect(await screen.findByText('手机号格式不正确')).toBeTruthy();
    expect(screen.getByTestId('join-card')).toBeTruthy();
  });

  it('shows an error state with a retry that reopens the session', async () => {
    callFunctionMock
      .mockResolvedValueOnce({ ok: false, error: { code: 'INTERNAL', message: 'boom' } })
      .mockResolvedValueOnce({ ok: true, data: { profile: follower } });
    render(<MemberCentrePage />);

    expect((await screen.findByTestId('member-error')).textContent).toContain('服务开小差了，请稍后重试');
    fireEvent.click(screen.getByText('重试'));

    expect(await screen.findByTestId('tier-name')).toBeTruthy();
  });
});

describe('MemberCentrePage points card', () => {
  const member: SessionProfile = { ...follower, tier: 'repeat_buyer', tierName: '复购会员', isMember: true, points: 1500, joinedAt: '2025-01-02T03:04:05.000Z' };
  const local = (y: number, m: number, d: number) => new Date(y, m - 1, d, 23, 59).toISOString();
  type Reply = Awaited<ReturnType<typeof callFunction>>;

  function serve(profile: SessionProfile, summary: Reply | (() => Promise<Reply>)) {
    callFunctionMock.mockImplementation(async (name, action) => {
      if (name === 'member' && action === 'open') return { ok: true, data: { profile } };
      if (name === 'points' && action === 'summary') return typeof summary === 'function' ? summary() : summary;
      throw new Error(`unexpected ${name}.${action}`);
    });
  }

  it('shows a member the balance, the soonest expiry and the ways into the points area', async () => {
    serve(member, {
      ok: true,
      data: {
        balance: 1500, debt: 0,
        expiringSoon: { total: 250, days: 30, lots: [{ amount: 50, expiresAt: local(2025, 4, 20) }, { amount: 200, expiresAt: local(2025, 4, 3) }] },
      },
    });
    render(<MemberCentrePage />);

    const card = await screen.findByTestId('member-points-card');
    expect(card.textContent).toContain('1500');
    expect((await screen.findByTestId('member-expiring')).textContent).toBe('200 积分将于 4月3日 过期，30 天内共 250 积分到期');
    expect(screen.getByTestId('member-points-entry').textContent).toBe('积分明细');
    expect(screen.getByTestId('member-rewards-entry').textContent).toBe('积分商城');
    expect(screen.getByTestId('member-coupons-entry').textContent).toBe('我的券');
    // The header keeps its own balance (tests/e2e reads it).
    expect(screen.getByTestId('points-balance').textContent).toBe('1500');
  });

  it('says nothing about expiry when nothing expires within 30 days, and mentions a debt', async () => {
    serve(member, { ok: true, data: { balance: 0, debt: 40, expiringSoon: { total: 0, days: 30, lots: [] } } });
    render(<MemberCentrePage />);

    expect((await screen.findByTestId('member-points-debt')).textContent).toContain('有 40 积分待抵扣');
    expect(screen.queryByTestId('member-expiring')).toBeNull();
  });

  it('keeps the card usable when the summary fails, with a retry', async () => {
    serve(member, { ok: false, error: { code: 'NETWORK_ERROR', message: '网络异常，请稍后重试' } });
    render(<MemberCentrePage />);

    fireEvent.click(await screen.findByTestId('member-points-error'));
    await waitFor(() => expect(callFunctionMock.mock.calls.filter(([, action]) => action === 'summary')).toHaveLength(2));
    // The profile's cached balance is still shown.
    expect(screen.getByTestId('member-points-card').textContent).toContain('1500');
    expect(screen.getByTestId('member-rewards-entry')).toBeTruthy();
  });

  it('is not shown to someone who has not joined', async () => {
    serve(follower, { ok: true, data: { balance: 0, debt: 0, expiringSoon: { total: 0, days: 30, lots: [] } } });
    render(<MemberCentrePage />);

    await screen.findByTestId('join-card');
    expect(screen.queryByTestId('member-points-card')).toBeNull();
    expect(screen.getByTestId('member-ladder-entry')).toBeTruthy();
  });
});
