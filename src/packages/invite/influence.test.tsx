import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { Current } from '@tarojs/runtime';
import { callFunction } from '@/services/cloud';
import { useAppStore } from '@/store';
import { useInviteStore } from '@/packages/invite/store';
import { influenceView } from '@/test-support/invite-fixtures';
import { showPageAgain } from '@/test-support/use-page-show';
import InfluencePage from './influence';

// 我的影响力 with the real store; only the transport is replaced. Every number and sentence is the server's.
jest.mock('@/services/cloud', () => ({ callFunction: jest.fn() }));
const callFunctionMock = callFunction as jest.MockedFunction<typeof callFunction>;

const open = () => {
  (Current as { router: unknown }).router = { params: {}, path: '/packages/invite/influence' };
  return render(<InfluencePage />);
};

beforeEach(() => {
  callFunctionMock.mockReset();
  useAppStore.getState().resetSession();
  useInviteStore.getState().resetInvite();
});

afterEach(() => {
  (Current as { router: unknown }).router = null;
});

describe('我的影响力', () => {
  it('shows the counts, purchases by status, recent purchases, friends and the way to 品牌KOC', async () => {
    callFunctionMock.mockResolvedValue({ ok: true, data: influenceView() });
    open();

    await screen.findByTestId('influence-page');
    expect(callFunctionMock).toHaveBeenCalledWith('referral', 'influence', {});
    expect(screen.getByTestId('influence-shares').textContent).toBe('3');
    expect(screen.getByTestId('influence-visits').textContent).toBe('7');
    expect(screen.getByTestId('influence-friends-count').textContent).toBe('2');
    expect(screen.getByTestId('influence-points').textContent).toBe('200');

    const pending = screen.getByTestId('influence-purchases-pending');
    expect(pending.getAttribute('data-count')).toBe('1');
    expect(pending.textContent).toContain('待确认');
    expect(pending.textContent).toContain('1 笔');
    expect(pending.textContent).toContain('¥88.00');
    expect(screen.getByTestId('influence-purchases-confirmed').textContent).toContain('¥256.00');
    expect(screen.getByTestId('influence-purchases-confirmed').getAttribute('data-count')).toBe('2');
    expect(screen.getByTestId('influence-purchases-reversed').textContent).toContain('¥99.00');

    const purchases = screen.getAllByTestId('influence-purchase');
    expect(purchases.map((p) => p.getAttribute('data-status'))).toEqual(['pending', 'confirmed', 'reversed']);
    expect(within(purchases[0]).getByTestId('influence-purchase-status').textContent).toBe('待确认（7 天退款期后发放奖励）');
    // When the pending one confirms (2025-03-11T06:05Z is 3月11日 in UTC+8).
    expect(within(purchases[0]).getByTestId('influence-purchase-confirms').textContent).toBe('预计 3月11日 确认');
    expect(purchases[0].textContent).toContain('王*明');
    expect(within(purchases[1]).getByTestId('influence-purchase-points').textContent).toBe('+100 积分');
    expect(within(purchases[1]).queryByTestId('influence-purchase-confirms')).toBeNull();
    expect(within(purchases[2]).getByTestId('influence-purchase-status').textContent).toBe('已退款');

    const friends = screen.getAllByTestId('influence-friend');
    expect(friends.map((f) => [f.getAttribute('data-status'), f.textContent?.includes('王*明')])).toEqual([
      ['counted', true],
      ['flagged', false],
    ]);
    expect(friends[0].textContent).toContain('已加入');
    expect(friends[0].textContent).toContain('2025-03-02');
    expect(friends[1].textContent).toContain('审核中');

    expect(screen.getByTestId('influence-koc-text').textContent).toBe('再邀请 1 位好友购买，即可成为品牌KOC');
    expect(screen.getByTestId('influence-koc-pending').textContent).toBe('另有 1 笔好友订单待确认，退款期结束后计入');
    expect(screen.queryByTestId('influence-koc-badge')).toBeNull();
  });

  it('a 品牌KOC gets the badge; nothing pending, nothing said about it', async () => {
    const base = influenceView();
    callFunctionMock.mockResolvedValue({
      ok: true,
      data: influenceView({ koc: { ...base.koc, tier: 'koc', tierName: '品牌KOC', isKoc: true, friendsBought: 1, text: '你已是品牌KOC', pendingText: null } }),
    });
    open();
    expect((await screen.findByTestId('influence-koc-badge')).textContent).toBe('品牌KOC');
    expect(screen.getByTestId('influence-koc-text').textContent).toBe('你已是品牌KOC');
    expect(screen.getByTestId('influence-koc').getAttribute('data-tier')).toBe('koc');
    expect(screen.queryByTestId('influence-koc-pending')).toBeNull();
  });

  it('says so when no friend joined or bought yet', async () => {
    callFunctionMock.mockResolvedValue({
      ok: true,
      data: influenceView({
        friends: [],
        friendsJoined: 0,
        recentPurchases: [],
        purchases: { pending: { count: 0, payFen: 0 }, confirmed: { count: 0, payFen: 0 }, reversed: { count: 0, payFen: 0 } },
      }),
    });
    open();
    expect(await screen.findByTestId('influence-friends-empty')).toBeTruthy();
    expect(screen.getByTestId('influence-purchases-empty')).toBeTruthy();
    expect(screen.queryAllByTestId('influence-friend')).toHaveLength(0);
  });

  it('reads again when shown again, keeping what is shown meanwhile', async () => {
    callFunctionMock.mockResolvedValueOnce({ ok: true, data: influenceView() });
    open();
    await screen.findByTestId('influence-page');
    callFunctionMock.mockResolvedValueOnce({ ok: true, data: influenceView({ shares: 4 }) });
    await act(async () => showPageAgain());
    expect(screen.getByTestId('influence-shares').textContent).toBe('4');
    expect(callFunctionMock).toHaveBeenCalledTimes(2);
  });

  it('has an error state with a retry', async () => {
    callFunctionMock.mockResolvedValueOnce({ ok: false, error: { code: 'NETWORK_ERROR', message: '网络异常，请稍后重试' } });
    open();
    expect((await screen.findByTestId('influence-error')).textContent).toContain('网络异常');
    callFunctionMock.mockResolvedValueOnce({ ok: true, data: influenceView() });
    await act(async () => {
      fireEvent.click(screen.getByTestId('influence-error-action'));
    });
    expect(screen.getByTestId('influence-page')).toBeTruthy();
  });
});
