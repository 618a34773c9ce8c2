import { fireEvent, screen, waitFor } from '@testing-library/react';
import { renderPage as render } from '@/test-support/render-page';
import { callFunction } from '@/services/cloud';
import type { CouponState, MyCoupon } from '@/services/contracts';
import { usePointsStore } from './store';
import { coupon } from '@/test-support/points-fixtures';
import CouponsPage from './coupons';

// The page with the real store; only the transport is replaced.
jest.mock('@/services/cloud', () => ({ callFunction: jest.fn() }));
const callFunctionMock = callFunction as jest.MockedFunction<typeof callFunction>;
type Reply = Awaited<ReturnType<typeof callFunction>>;

function serve(byState: Partial<Record<CouponState, Reply | (() => Promise<Reply>)>>) {
  callFunctionMock.mockImplementation(async (name, action, payload) => {
    const state = (payload as { state?: CouponState }).state ?? 'available';
    const answer = byState[state];
    if (name === 'points' && action === 'coupons' && answer) return typeof answer === 'function' ? answer() : answer;
    if (name === 'points' && action === 'coupons') return { ok: true, data: { coupons: [] } };
    throw new Error(`unexpected ${name}.${action}`);
  });
}

const list = (coupons: MyCoupon[]): Reply => ({ ok: true, data: { coupons } });
const couponCalls = () => callFunctionMock.mock.calls.filter(([, action]) => action === 'coupons').map(([, , payload]) => payload);

beforeEach(() => {
  callFunctionMock.mockReset();
  usePointsStore.getState().resetSession();
});

describe('CouponsPage', () => {
  it('opens on 可用 and shows each coupon with its value, condition and validity', async () => {
    serve({ available: list([coupon({ expiresAt: new Date(2025, 2, 31, 23, 59).toISOString() })]) });
    render(<CouponsPage />);

    const rows = await screen.findAllByTestId('coupon-row');
    expect(rows).toHaveLength(1);
    expect(rows[0].getAttribute('data-state')).toBe('available');
    expect(rows[0].textContent).toContain('¥10.00');
    expect(rows[0].textContent).toContain('满 ¥50.00 可用');
    expect(rows[0].textContent).toContain('10 元代金券');
    expect(rows[0].textContent).toContain('有效期至 2025-03-31');
    expect(screen.getByTestId('coupons-list').getAttribute('data-state')).toBe('available');
    expect(screen.getByTestId('coupons-tab-available').getAttribute('data-active')).toBe('true');
    expect(couponCalls()).toEqual([{ state: 'available' }]);
  });

  it('switches to 已使用 and 已过期, asking the server for each state', async () => {
    serve({
      available: list([coupon()]),
      used: list([coupon({ _id: 'c2', state: 'used', usedAt: new Date(2025, 2, 10, 12, 30).toISOString() })]),
      expired: list([]),
    });
    render(<CouponsPage />);
    await screen.findByTestId('coupon-row');

    fireEvent.click(screen.getByTestId('coupons-tab-used'));
    await waitFor(() => expect(screen.getByTestId('coupons-list').getAttribute('data-state')).toBe('used'));
    const used = screen.getByTestId('coupon-row');
    expect(used.textContent).toContain('已于 2025-03-10 12:30 使用');
    expect(used.className).toContain('coupon-row--used');

    fireEvent.click(screen.getByTestId('coupons-tab-expired'));
    expect((await screen.findByTestId('coupons-empty')).textContent).toContain('没有过期的券');
    expect(couponCalls()).toEqual([{ state: 'available' }, { state: 'used' }, { state: 'expired' }]);
  });

  it('offers the rewards shop when there is no coupon to use', async () => {
    serve({ available: list([]) });
    render(<CouponsPage />);

    const empty = await screen.findByTestId('coupons-empty');
    expect(empty.textContent).toContain('暂无可用的券');
    expect(screen.getByTestId('coupons-empty-action').textContent).toContain('去积分商城');
  });

  it('shows loading, then an error with a retry', async () => {
    serve({ available: () => new Promise<Reply>(() => undefined) });
    const { unmount } = render(<CouponsPage />);
    expect(screen.getByTestId('coupons-loading')).toBeTruthy();
    unmount();
    usePointsStore.getState().resetPointsArea();

    serve({ available: { ok: false, error: { code: 'NETWORK_ERROR', message: '网络异常，请稍后重试' } } });
    render(<CouponsPage />);
    expect((await screen.findByTestId('coupons-error')).textContent).toContain('网络异常，请稍后重试');

    serve({ available: list([coupon()]) });
    fireEvent.click(screen.getByTestId('coupons-error-action'));
    expect(await screen.findByTestId('coupon-row')).toBeTruthy();
  });
});

describe('CouponsPage with a coupon held by an unpaid order', () => {
  it('shows it as 待支付订单占用, stamped, not as usable', async () => {
    serve({ available: list([coupon(), coupon({ _id: 'c-held', state: 'locked' })]) });
    render(<CouponsPage />);

    const rows = await screen.findAllByTestId('coupon-row');
    const held = rows.find((row) => row.getAttribute('data-coupon-id') === 'c-held')!;
    expect(held.getAttribute('data-state')).toBe('locked');
    expect(held.textContent).toContain('待支付订单占用');
    expect(held.textContent).not.toContain('有效期至');
    expect(held.querySelector('.coupon-row__stamp')?.textContent).toBe('待支付');
    expect(held.className).toContain('coupon-row--locked');
    // The usable one is unchanged.
    const usable = rows.find((row) => row.getAttribute('data-coupon-id') === 'c1')!;
    expect(usable.textContent).toContain('有效期至');
    expect(usable.querySelector('.coupon-row__stamp')).toBeNull();
  });
});
