import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { callFunction } from '@/services/cloud';
import { usePointsStore } from './store';
import { coupon, reward, summary } from '@/test-support/points-fixtures';
import RewardsPage from './rewards';

// The page with the real store; only the transport is replaced.
jest.mock('@/services/cloud', () => ({ callFunction: jest.fn() }));
const callFunctionMock = callFunction as jest.MockedFunction<typeof callFunction>;
type Reply = Awaited<ReturnType<typeof callFunction>>;

const catalogue = [
  reward(),
  reward({
    _id: 'r-mug',
    title: '山川马克杯',
    description: '陶瓷，350ml',
    kind: 'product',
    pointsCost: 2000,
    remaining: 3,
    coupon: null,
    image: 'https://cdn.example.com/mug.png',
  }),
  reward({ _id: 'r-koc', title: 'KOC 专享券', minTier: 'koc', available: false, unavailableReason: '品牌KOC 专享' }),
];

let balance = 1500;

function serve(answers: Partial<Record<string, Reply | ((payload: unknown) => Reply | Promise<Reply>)>> = {}) {
  callFunctionMock.mockImplementation(async (name, action, payload) => {
    const answer = answers[action];
    if (name === 'points' && answer) return typeof answer === 'function' ? answer(payload) : answer;
    switch (action) {
      case 'summary':
        return { ok: true, data: { ...summary, balance } };
      case 'rewards':
        return { ok: true, data: { rewards: catalogue } };
      default:
        throw new Error(`unexpected ${name}.${action}`);
    }
  });
}

const redeemCalls = () =>
  callFunctionMock.mock.calls.filter(([, action]) => action === 'redeem').map(([, , payload]) => payload as { rewardId: string; requestId: string });

const dialog = () => document.querySelector<HTMLElement>('.nut-dialog');

async function confirmInDialog() {
  await act(async () => {
    fireEvent.click(screen.getByTestId('redeem-confirm'));
  });
}

/** Confirms, and lets the store's automatic retries (which wait between tries) run to their end. */
async function confirmWithAutomaticRetries() {
  jest.useFakeTimers();
  try {
    await confirmInDialog();
    await act(async () => {
      await jest.advanceTimersByTimeAsync(10_000);
    });
  } finally {
    jest.useRealTimers();
  }
}

beforeEach(() => {
  balance = 1500;
  callFunctionMock.mockReset();
  usePointsStore.getState().resetSession();
});

describe('RewardsPage', () => {
  it('shows loading, then the grid with cost, stock, coupon terms and the balance', async () => {
    serve({ rewards: () => new Promise<Reply>(() => undefined) });
    const { unmount } = render(<RewardsPage />);
    expect(screen.getByTestId('rewards-loading')).toBeTruthy();
    unmount();

    serve();
    render(<RewardsPage />);
    const grid = await screen.findByTestId('rewards-grid');
    expect(await screen.findByText('1500')).toBeTruthy();
    const card = within(grid).getByTestId('reward-r-coupon-10');
    expect(card.textContent).toContain('10 元代金券');
    expect(card.textContent).toContain('满 ¥50.00 减 ¥10.00');
    expect(card.textContent).toContain('300 积分');
    expect(card.textContent).toContain('剩余 12');
    const mug = within(grid).getByTestId('reward-r-mug');
    expect(mug.querySelector('img')?.getAttribute('src')).toBe('https://cdn.example.com/mug.png');
    // Not enough points: the button says how many are missing.
    expect(screen.getByTestId('reward-note-r-mug').textContent).toBe('还差 500 积分');
    expect(screen.getByTestId('redeem-r-mug').className).toContain('nut-button-disabled');
    expect(screen.getByTestId('redeem-r-mug').textContent).toBe('积分不足');
  });

  it('greys out what the server says is unavailable, with its reason', async () => {
    serve();
    render(<RewardsPage />);

    const card = await screen.findByTestId('reward-r-koc');
    expect(card.getAttribute('data-available')).toBe('false');
    expect(card.className).toContain('reward-card--unavailable');
    expect(screen.getByTestId('reward-note-r-koc').textContent).toBe('品牌KOC 专享');
    expect(screen.getByTestId('redeem-r-koc').className).toContain('nut-button-disabled');
    expect(screen.getByTestId('redeem-r-koc').textContent).toBe('暂不可兑');
  });

  it('redeems after a confirmation showing cost and balance after, then updates the balance', async () => {
    serve();
    render(<RewardsPage />);
    await screen.findByTestId('rewards-grid');
    await screen.findByText('1500');

    fireEvent.click(screen.getByTestId('redeem-r-coupon-10'));
    const confirmation = await screen.findByTestId('redeem-dialog');
    expect(confirmation.textContent).toContain('10 元代金券');
    expect(screen.getByTestId('redeem-cost').textContent).toBe('300');
    expect(screen.getByTestId('redeem-balance-after').textContent).toBe('1200');
    expect(redeemCalls()).toHaveLength(0);

    balance = 1200;
    serve({ redeem: { ok: true, data: { coupon: coupon(), balance: 1200, replayed: false } } });
    await confirmInDialog();

    expect(await screen.findByText('兑换成功')).toBeTruthy();
    expect(redeemCalls()).toEqual([{ rewardId: 'r-coupon-10', requestId: expect.any(String) }]);
    await waitFor(() => expect(screen.getByTestId('rewards-balance').textContent).toBe('1200'));
    await waitFor(() => expect(screen.queryByTestId('redeem-dialog')).toBeNull());
  });

  it("shows the server's reason when a redemption is refused", async () => {
    serve();
    render(<RewardsPage />);
    await screen.findByTestId('rewards-grid');
    fireEvent.click(screen.getByTestId('redeem-r-coupon-10'));
    await screen.findByTestId('redeem-dialog');

    serve({ redeem: { ok: false, error: { code: 'REWARD_OUT_OF_STOCK', message: '来晚了，该奖品已兑完' } } });
    await confirmInDialog();

    expect(await screen.findByText('来晚了，该奖品已兑完')).toBeTruthy();
    await waitFor(() => expect(screen.queryByTestId('redeem-dialog')).toBeNull());
    expect(screen.getByTestId('rewards-balance').textContent).toBe('1500');
  });

  it('after a network failure keeps the dialog open, and a retry sends the same requestId', async () => {
    serve();
    render(<RewardsPage />);
    await screen.findByTestId('rewards-grid');
    fireEvent.click(screen.getByTestId('redeem-r-coupon-10'));
    await screen.findByTestId('redeem-dialog');

    serve({ redeem: { ok: false, error: { code: 'NETWORK_ERROR', message: '网络异常，请稍后重试' } } });
    await confirmWithAutomaticRetries();

    expect((await screen.findByTestId('redeem-error')).textContent).toContain('网络异常，请稍后重试');
    expect(screen.getByTestId('redeem-confirm').textContent).toBe('重试');
    // The store already tried again by itself, with the same requestId.
    expect(redeemCalls()).toHaveLength(3);

    serve({ redeem: { ok: true, data: { coupon: coupon(), balance: 1200, replayed: true } } });
    await confirmInDialog();

    expect(await screen.findByText('兑换成功')).toBeTruthy();
    expect(new Set(redeemCalls().map((c) => c.requestId)).size).toBe(1);
  });

  it('when the server stays busy, says nothing was redeemed and offers a retry with the same requestId', async () => {
    serve();
    render(<RewardsPage />);
    await screen.findByTestId('rewards-grid');
    fireEvent.click(screen.getByTestId('redeem-r-coupon-10'));
    await screen.findByTestId('redeem-dialog');

    serve({ redeem: { ok: false, error: { code: 'CONFLICT', message: '兑换的人有点多，请稍后再试' } } });
    await confirmWithAutomaticRetries();

    expect((await screen.findByTestId('redeem-error')).textContent).toBe('兑换的人有点多，请稍后再试。本次未兑换，可再次确认。');
    expect(screen.getByTestId('redeem-confirm').textContent).toBe('重试');

    serve({ redeem: { ok: true, data: { coupon: coupon(), balance: 1200, replayed: false } } });
    await confirmInDialog();

    expect(await screen.findByText('兑换成功')).toBeTruthy();
    expect(new Set(redeemCalls().map((c) => c.requestId)).size).toBe(1);
  });

  it('cancelling the dialog redeems nothing', async () => {
    serve();
    render(<RewardsPage />);
    await screen.findByTestId('rewards-grid');
    fireEvent.click(screen.getByTestId('redeem-r-coupon-10'));
    await screen.findByTestId('redeem-dialog');

    fireEvent.click(within(dialog()!).getByTestId('redeem-cancel'));

    await waitFor(() => expect(screen.queryByTestId('redeem-dialog')).toBeNull());
    expect(redeemCalls()).toHaveLength(0);
  });

  it('has an empty state and an error state with a retry', async () => {
    serve({ rewards: { ok: true, data: { rewards: [] } } });
    const { unmount } = render(<RewardsPage />);
    expect((await screen.findByTestId('rewards-empty')).textContent).toContain('暂无可兑换的奖品');
    unmount();

    serve({ rewards: { ok: false, error: { code: 'INTERNAL', message: 'boom' } } });
    render(<RewardsPage />);
    expect((await screen.findByTestId('rewards-error')).textContent).toContain('服务开小差了，请稍后重试');
    serve();
    fireEvent.click(screen.getByTestId('rewards-error-action'));
    expect(await screen.findByTestId('rewards-grid')).toBeTruthy();
  });
});
