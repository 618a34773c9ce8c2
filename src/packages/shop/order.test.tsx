import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { Current } from '@tarojs/runtime';
import Taro from '@tarojs/taro';
import { callFunction } from '@/services/cloud';
import type { OrderView } from '@/services/contracts';
import { useAppStore } from '@/store';
import { useShopStore } from '@/packages/shop/store';
import { orderView, paidOrder, payStart, refundView } from '@/test-support/orders-fixtures';
import OrderPage from './order';

// 订单详情 with the real store; only the transport is replaced. The id comes from the route.
jest.mock('@/services/cloud', () => ({ callFunction: jest.fn() }));
const callFunctionMock = callFunction as jest.MockedFunction<typeof callFunction>;
type Reply = Awaited<ReturnType<typeof callFunction>>;

const env = { ...process.env };

function serve(order: OrderView, answers: Partial<Record<string, Reply | ((payload: Record<string, unknown>) => Reply)>> = {}) {
  callFunctionMock.mockImplementation(async (name, action, payload) => {
    const answer = answers[action];
    if (name === 'shop' && answer) return typeof answer === 'function' ? answer(payload as Record<string, unknown>) : answer;
    if (name === 'shop' && action === 'order') return { ok: true, data: { order } };
    throw new Error(`unexpected ${name}.${action}`);
  });
}

const sent = (action: string) =>
  callFunctionMock.mock.calls.filter(([name, a]) => name === 'shop' && a === action).map(([, , payload]) => payload as Record<string, unknown>);

const open = (id = 'ord_1') => {
  (Current as { router: unknown }).router = { params: { id }, path: '/packages/shop/order' };
  return render(<OrderPage />);
};

async function click(testId: string) {
  const target = await screen.findByTestId(testId);
  await act(async () => {
    fireEvent.click(target);
  });
}

function typeReason(value: string) {
  // NutUI puts the test id on the <input> itself in jsdom (on a wrapper in the H5 build).
  const field = screen.getByTestId('refund-reason');
  const input = field.tagName === 'INPUT' ? field : field.querySelector('input')!;
  fireEvent.input(input, { target: { value } });
  fireEvent.change(input, { target: { value } });
}

const local = (h: number, m: number) => new Date(2025, 2, 4, h, m).toISOString();

beforeEach(() => {
  callFunctionMock.mockReset();
  useAppStore.getState().resetSession();
  useShopStore.getState().resetOrders();
  process.env.TARO_ENV = 'h5';
});

afterEach(() => {
  (Current as { router: unknown }).router = null;
  process.env = { ...env };
  jest.restoreAllMocks();
});

describe('订单详情', () => {
  it('an unpaid order: status, the time to pay by, amounts, coupon; 去支付 and 取消订单 only', async () => {
    jest.useFakeTimers({ now: new Date(2025, 2, 4, 14, 5), doNotFake: ['setTimeout', 'setInterval', 'queueMicrotask', 'nextTick', 'setImmediate'] });
    serve(orderView({ expiresAt: local(14, 30) }));
    open();

    const status = await screen.findByTestId('order-status');
    jest.useRealTimers();
    expect(status.textContent).toBe('待付款');
    expect(status.getAttribute('data-status')).toBe('pending_payment');
    expect(screen.getByTestId('order-expiry').textContent).toContain('请在 14:30 前支付');
    expect(screen.getByTestId('order-subtotal').textContent).toBe('¥176.00');
    expect(screen.getByTestId('order-discount').textContent).toBe('-¥10.00');
    expect(screen.getByTestId('order-pay-amount').textContent).toBe('¥166.00');
    expect(screen.getByTestId('order-coupon').textContent).toContain('10 元代金券');
    expect(screen.getByTestId('order-number').textContent).toContain('ord_1');
    expect(screen.getByTestId('order-pay')).toBeTruthy();
    expect(screen.getByTestId('order-cancel')).toBeTruthy();
    expect(screen.queryByTestId('order-refund')).toBeNull();
    expect(screen.queryByTestId('order-points')).toBeNull();
  });

  it('a paid order: points earned, what happened, and 申请退款 only', async () => {
    serve(paidOrder());
    open();

    expect((await screen.findByTestId('order-points')).textContent).toBe('已获得 199 积分');
    expect(screen.getByTestId('order-status').textContent).toBe('已付款');
    const rows = within(screen.getByTestId('order-history')).getAllByTestId('order-history-row');
    // Newest first.
    expect(rows.map((row) => row.getAttribute('data-event'))).toEqual(['paid', 'created']);
    expect(rows[0].textContent).toContain('支付成功');
    expect(screen.getByTestId('order-refund')).toBeTruthy();
    expect(screen.queryByTestId('order-pay')).toBeNull();
    expect(screen.queryByTestId('order-cancel')).toBeNull();
    expect(screen.queryByTestId('order-expiry')).toBeNull();
  });

  it('offers nothing the server does not allow', async () => {
    serve(orderView({ status: 'closed', statusText: '已关闭', canPay: false, canCancel: false, canRequestRefund: false }));
    open();

    await screen.findByTestId('order-status');
    expect(screen.queryByTestId('order-pay')).toBeNull();
    expect(screen.queryByTestId('order-cancel')).toBeNull();
    expect(screen.queryByTestId('order-refund')).toBeNull();
    expect(screen.queryByTestId('order-expiry')).toBeNull();
  });

  it('says the points were taken back once a refund reversed them', async () => {
    serve(paidOrder({ status: 'refunded', statusText: '已退款', pointsReversed: 199, canRequestRefund: false }));
    open();
    expect((await screen.findByTestId('order-points')).textContent).toBe('已扣回 199 积分');
  });

  it('shows 0 points earned as earned (null is what means not credited yet)', async () => {
    serve(paidOrder({ pointsEarned: 0 }));
    open();
    expect((await screen.findByTestId('order-points')).textContent).toBe('已获得 0 积分');
  });

  it('cancels after a confirmation', async () => {
    serve(orderView(), {
      cancelOrder: { ok: true, data: { order: orderView({ status: 'closed', statusText: '已关闭', canPay: false, canCancel: false }) } },
    });
    open();

    await click('order-cancel');
    expect(screen.getByTestId('order-cancel-dialog')).toBeTruthy();
    expect(sent('cancelOrder')).toEqual([]);
    await click('order-cancel-confirm');
    expect(sent('cancelOrder')).toEqual([{ orderId: 'ord_1' }]);
    expect(screen.getByTestId('order-status').textContent).toBe('已关闭');
    expect(screen.queryByTestId('order-pay')).toBeNull();
  });

  it('a cancel the payment beat: the page shows the order paid and says 订单已付款，无法取消', async () => {
    let paid = false;
    serve(orderView(), {
      cancelOrder: () => {
        paid = true; // the member paid on another screen a moment before
        return { ok: false, error: { code: 'ORDER_NOT_CANCELLABLE', message: '订单已付款，无法取消' } };
      },
      order: () => ({ ok: true, data: { order: paid ? paidOrder() : orderView() } }),
    });
    open();
    await screen.findByTestId('order-cancel');

    await click('order-cancel');
    await click('order-cancel-confirm');
    expect(sent('cancelOrder')).toEqual([{ orderId: 'ord_1' }]);
    const status = screen.getByTestId('order-status');
    expect(status.textContent).toBe('已付款');
    expect(status.getAttribute('data-status')).toBe('paid');
    // Taro's H5 toast renders into the document.
    expect(await screen.findByText('订单已付款，无法取消')).toBeTruthy();
    expect(screen.queryByText('订单已取消')).toBeNull();
    expect(screen.queryByTestId('order-cancel')).toBeNull();
    expect(screen.queryByTestId('order-pay')).toBeNull();
    expect(screen.getByTestId('order-refund')).toBeTruthy();
  });

  it('keeps the order when the confirmation is declined', async () => {
    serve(orderView());
    open();
    await click('order-cancel');
    await click('order-cancel-keep');
    expect(sent('cancelOrder')).toEqual([]);
  });

  it('asks for a refund: a reason is required (2+ characters) before anything is sent', async () => {
    const refunding = paidOrder({ statusText: '退款中', canRequestRefund: false, refund: refundView({ reason: '包装破损' }) });
    serve(paidOrder(), { requestRefund: { ok: true, data: { order: refunding } } });
    open();

    await click('order-refund');
    expect(screen.getByTestId('refund-form')).toBeTruthy();
    await click('refund-submit');
    expect(screen.getByTestId('refund-reason-error').textContent).toBe('请填写退款原因');
    typeReason(' 破 ');
    await click('refund-submit');
    expect(screen.getByTestId('refund-reason-error').textContent).toBe('退款原因至少 2 个字');
    expect(sent('requestRefund')).toEqual([]);

    typeReason('  包装破损 ');
    expect(screen.queryByTestId('refund-reason-error')).toBeNull();
    await click('refund-submit');
    expect(sent('requestRefund')).toEqual([{ orderId: 'ord_1', reason: '包装破损' }]);

    const block = screen.getByTestId('order-refund-block');
    expect(block.getAttribute('data-status')).toBe('requested');
    expect(screen.getByTestId('order-refund-status').textContent).toBe('退款审核中');
    expect(screen.getByTestId('order-refund-reason').textContent).toBe('退款原因：包装破损');
    expect(screen.queryByTestId('refund-form')).toBeNull();
    expect(screen.queryByTestId('order-refund')).toBeNull();
  });

  it('shows the server’s refusal of a refund', async () => {
    serve(paidOrder(), { requestRefund: { ok: false, error: { code: 'REFUND_NOT_ALLOWED', message: '已超过 7 天退款期限' } } });
    open();
    await click('order-refund');
    typeReason('不想要了');
    await click('refund-submit');
    expect(screen.getByTestId('refund-error').textContent).toBe('已超过 7 天退款期限');
  });

  it('shows a rejected refund with the reason staff gave', async () => {
    serve(paidOrder({ canRequestRefund: false, refund: refundView({ status: 'rejected', statusText: '退款被驳回', rejectReason: '商品已拆封' }) }));
    open();
    expect((await screen.findByTestId('order-refund-reject-reason')).textContent).toBe('驳回原因：商品已拆封');
    expect(screen.getByTestId('order-refund-status').textContent).toBe('退款被驳回');
  });

  it('去支付 on h5 starts the payment and opens the cashier', async () => {
    serve(orderView(), { pay: { ok: true, data: payStart('ord_1') } });
    const navigate = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' } as never);
    open();
    await click('order-pay');
    expect(sent('pay')).toEqual([{ orderId: 'ord_1' }]);
    expect(navigate).toHaveBeenCalledWith({ url: '/packages/shop/cashier?id=ord_1&trade=ord_1' });
  });

  it('反馈问题 opens 我要吐槽 for a paid order, and is not offered on an unpaid one', async () => {
    serve(paidOrder());
    const navigate = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' } as never);
    const { unmount } = open();
    await click('order-feedback');
    expect(navigate).toHaveBeenCalledWith({ url: '/packages/feedback/new?orderId=ord_1' });
    unmount();
    useShopStore.getState().resetOrders();

    serve(orderView());
    open();
    expect((await screen.findByTestId('order-status')).getAttribute('data-status')).toBe('pending_payment');
    expect(screen.queryByTestId('order-feedback')).toBeNull();
  });

  it('says an order that is not mine does not exist', async () => {
    callFunctionMock.mockResolvedValue({ ok: false, error: { code: 'NOT_FOUND', message: '订单不存在' } });
    open('ord_x');
    expect(await screen.findByTestId('order-not-found')).toBeTruthy();
  });
});
