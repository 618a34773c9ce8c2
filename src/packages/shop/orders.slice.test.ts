import { callFunction } from '@/services/cloud';
import type { SessionProfile } from '@/services/contracts';
import { orderView, paidOrder, quote } from '@/test-support/orders-fixtures';
import { deferred, NETWORK_DOWN, type Reply } from '@/test-support/replies';
import { createAppStore as createCoreStore } from '../../store/index';
import { ORDERS_PAGE_SIZE, withShop } from './store';

const createAppStore = () => withShop(createCoreStore());

// The orders slice with the real store; only the transport is replaced.
jest.mock('@/services/cloud', () => ({ callFunction: jest.fn() }));
const callFunctionMock = callFunction as jest.MockedFunction<typeof callFunction>;
const networkError = NETWORK_DOWN;
const quoted = (over = {}): Reply => ({ ok: true, data: { quote: quote(over) } });
const created = (over = {}): Reply => ({ ok: true, data: { order: orderView(over), replayed: false } });

const sent = (action: string) =>
  callFunctionMock.mock.calls.filter(([name, a]) => name === 'shop' && a === action).map(([, , payload]) => payload as Record<string, unknown>);

const lines = [{ productId: 'p-beans', qty: 2 }];

beforeEach(() => callFunctionMock.mockReset());

describe('checkout', () => {
  it('shows the server’s quote, and asks again with the coupon picked', async () => {
    const store = createAppStore();
    callFunctionMock.mockResolvedValueOnce(quoted());
    const starting = store.getState().startCheckout('cart', lines);
    expect(store.getState().quoteStatus).toBe('loading');
    await starting;
    expect(sent('quote')).toEqual([{ lines }]);
    expect(store.getState().quote?.payFen).toBe(16600);

    callFunctionMock.mockResolvedValueOnce(quoted({ couponId: null, discountFen: 0, payFen: 17600 }));
    await store.getState().chooseCoupon(null);
    expect(sent('quote')[1]).toEqual({ lines, couponId: null });
    expect(store.getState().quote?.payFen).toBe(17600);
  });

  it('drops a quote answered after a newer one was asked', async () => {
    const store = createAppStore();
    callFunctionMock.mockResolvedValueOnce(quoted());
    await store.getState().startCheckout('buy_now', lines);
    const slow = deferred();
    callFunctionMock.mockReturnValueOnce(slow.promise).mockResolvedValueOnce(quoted({ payFen: 3 }));
    const first = store.getState().setCheckoutQty('p-beans', 3);
    await store.getState().setCheckoutQty('p-beans', 4);
    slow.resolve(quoted({ payFen: 1 }));
    await first;
    expect(store.getState().quote?.payFen).toBe(3);
    expect(sent('quote').map((p) => p.lines)).toEqual([lines, [{ productId: 'p-beans', qty: 3 }], [{ productId: 'p-beans', qty: 4 }]]);
  });

  it('places the order shown: its lines, the coupon the quote applied, the checkout’s request id', async () => {
    const store = createAppStore();
    callFunctionMock.mockResolvedValueOnce(quoted());
    await store.getState().startCheckout('cart', lines);
    const { requestId } = store.getState().checkout!;
    expect(requestId.length).toBeGreaterThanOrEqual(8);

    callFunctionMock.mockResolvedValueOnce(created());
    const result = await store.getState().submitOrder();
    expect(result?.ok).toBe(true);
    expect(sent('createOrder')).toEqual([{ requestId, lines, couponId: 'c-10' }]);
    expect(store.getState().checkout?.orderId).toBe('ord_1');
    expect(store.getState().orderDetails.ord_1.order?._id).toBe('ord_1');
    // Placed: nothing is sent again.
    expect(await store.getState().submitOrder()).toBeNull();
  });

  it('reuses the request id on a retry after no answer, so the server creates one order', async () => {
    const store = createAppStore();
    callFunctionMock.mockResolvedValueOnce(quoted());
    await store.getState().startCheckout('cart', lines);

    callFunctionMock.mockResolvedValueOnce(networkError);
    const first = await store.getState().submitOrder();
    expect(first?.ok).toBe(false);
    expect(store.getState().submitStatus).toBe('unknown');

    callFunctionMock.mockResolvedValueOnce({ ok: true, data: { order: orderView(), replayed: true } });
    await store.getState().submitOrder();
    const [a, b] = sent('createOrder');
    expect(b.requestId).toBe(a.requestId);
    expect(store.getState().submitStatus).toBe('idle');
  });

  it('locks the lines and the coupon while a submission has no answer: a retry must be the same order', async () => {
    const store = createAppStore();
    callFunctionMock.mockResolvedValueOnce(quoted()).mockResolvedValueOnce(networkError);
    await store.getState().startCheckout('buy_now', lines);
    await store.getState().submitOrder();

    await store.getState().chooseCoupon(null);
    await store.getState().setCheckoutQty('p-beans', 5);
    expect(sent('quote')).toHaveLength(1);
    expect(store.getState().checkout).toMatchObject({ lines, couponId: undefined });
  });

  it('keeps the request id when the same checkout is opened again after no answer', async () => {
    const store = createAppStore();
    callFunctionMock.mockResolvedValueOnce(quoted()).mockResolvedValueOnce(networkError).mockResolvedValueOnce(quoted());
    await store.getState().startCheckout('cart', lines);
    await store.getState().submitOrder();
    const { requestId } = store.getState().checkout!;

    await store.getState().startCheckout('cart', lines);
    expect(store.getState().checkout?.requestId).toBe(requestId);

    // Another cart is another checkout.
    callFunctionMock.mockResolvedValueOnce(quoted());
    await store.getState().startCheckout('cart', [{ productId: 'p-mug', qty: 1 }]);
    expect(store.getState().checkout?.requestId).not.toBe(requestId);
  });

  it('sends one request for a double tap', async () => {
    const store = createAppStore();
    callFunctionMock.mockResolvedValueOnce(quoted());
    await store.getState().startCheckout('cart', lines);
    const answer = deferred();
    callFunctionMock.mockReturnValueOnce(answer.promise);
    const one = store.getState().submitOrder();
    const two = store.getState().submitOrder();
    expect(store.getState().submitStatus).toBe('sending');
    answer.resolve(created());
    expect(await one).toBe(await two);
    expect(sent('createOrder')).toHaveLength(1);
  });

  it('after a refusal, says why, prices again, and the next attempt is a new one', async () => {
    const store = createAppStore();
    callFunctionMock.mockResolvedValueOnce(quoted());
    await store.getState().startCheckout('cart', lines);
    const { requestId } = store.getState().checkout!;

    callFunctionMock
      .mockResolvedValueOnce({ ok: false, error: { code: 'COUPON_UNUSABLE', message: '该券已过期' } })
      .mockResolvedValueOnce(quoted({ couponId: null }));
    await store.getState().submitOrder();
    await new Promise((r) => setTimeout(r, 0));

    expect(store.getState().submitError?.code).toBe('COUPON_UNUSABLE');
    expect(store.getState().submitStatus).toBe('idle');
    expect(sent('quote')).toHaveLength(2);
    expect(store.getState().quote?.couponId).toBeNull();
    expect(store.getState().checkout?.requestId).not.toBe(requestId);
  });

  it('keeps the quote’s refusal (e.g. membership) for the page to explain', async () => {
    const store = createAppStore();
    callFunctionMock.mockResolvedValueOnce({ ok: false, error: { code: 'NOT_A_MEMBER', message: '加入会员后才能下单' } });
    await store.getState().startCheckout('buy_now', lines);
    expect(store.getState().quoteStatus).toBe('error');
    expect(store.getState().quoteError?.code).toBe('NOT_A_MEMBER');
    expect(await store.getState().submitOrder()).toBeNull();
  });
});

describe('my orders', () => {
  const page = (ids: string[], nextCursor: string | null): Reply => ({
    ok: true,
    data: { orders: ids.map((id) => orderView({ _id: id })), nextCursor },
  });

  it('loads a filter page by page, without duplicates', async () => {
    const store = createAppStore();
    callFunctionMock.mockResolvedValueOnce(page(['o3', 'o2'], 'c1')).mockResolvedValueOnce(page(['o2', 'o1'], null));
    await store.getState().loadOrders('pending_payment');
    expect(sent('myOrders')[0]).toEqual({ filter: 'pending_payment', limit: ORDERS_PAGE_SIZE });
    await store.getState().loadMoreOrders();
    expect(sent('myOrders')[1]).toEqual({ filter: 'pending_payment', cursor: 'c1', limit: ORDERS_PAGE_SIZE });

    const list = store.getState().orderList;
    expect(list.orders.map((o) => o._id)).toEqual(['o3', 'o2', 'o1']);
    expect(list.nextCursor).toBeNull();
    await store.getState().loadMoreOrders();
    expect(sent('myOrders')).toHaveLength(2);
  });

  it('keeps the orders shown when the next page fails', async () => {
    const store = createAppStore();
    callFunctionMock.mockResolvedValueOnce(page(['o2'], 'c1')).mockResolvedValueOnce(networkError);
    await store.getState().loadOrders('all');
    await store.getState().loadMoreOrders();
    expect(store.getState().orderList.orders.map((o) => o._id)).toEqual(['o2']);
    expect(store.getState().orderList.moreStatus).toBe('error');
    expect(store.getState().orderList.nextCursor).toBe('c1');
  });

  it('drops a page of the previous tab', async () => {
    const store = createAppStore();
    const slow = deferred();
    callFunctionMock.mockReturnValueOnce(slow.promise).mockResolvedValueOnce(page(['paid-1'], null));
    const all = store.getState().loadOrders('all');
    await store.getState().loadOrders('paid');
    slow.resolve(page(['any-1'], null));
    await all;
    expect(store.getState().orderList.filter).toBe('paid');
    expect(store.getState().orderList.orders.map((o) => o._id)).toEqual(['paid-1']);
  });
});

describe('one order', () => {
  it('cancels: the page and the list show the closed order', async () => {
    const store = createAppStore();
    callFunctionMock.mockResolvedValueOnce({ ok: true, data: { orders: [orderView()], nextCursor: null } });
    await store.getState().loadOrders('all');
    callFunctionMock.mockResolvedValueOnce({
      ok: true,
      data: { order: orderView({ status: 'closed', statusText: '已关闭', canPay: false, canCancel: false }) },
    });
    await store.getState().cancelOrder('ord_1');

    expect(sent('cancelOrder')).toEqual([{ orderId: 'ord_1' }]);
    expect(store.getState().orderDetails.ord_1.order?.status).toBe('closed');
    expect(store.getState().orderList.orders[0].statusText).toBe('已关闭');
    expect(store.getState().orderAction).toBeNull();
  });

  it('a cancel the payment beat: refused, and by the time it answers the page and the list show the order paid', async () => {
    const store = createAppStore();
    callFunctionMock.mockResolvedValueOnce({ ok: true, data: { orders: [orderView()], nextCursor: null } });
    await store.getState().loadOrders('all');
    const refusal: Reply = { ok: false, error: { code: 'ORDER_NOT_CANCELLABLE', message: '订单已付款，无法取消' } };
    callFunctionMock.mockResolvedValueOnce(refusal).mockResolvedValueOnce({ ok: true, data: { order: paidOrder() } });

    const result = await store.getState().cancelOrder('ord_1');
    expect(result).toEqual(refusal);
    expect(sent('cancelOrder')).toEqual([{ orderId: 'ord_1' }]);
    expect(sent('order')).toEqual([{ orderId: 'ord_1' }]);
    expect(store.getState().orderDetails.ord_1.order).toMatchObject({ status: 'paid', statusText: '已付款', canCancel: false });
    expect(store.getState().orderList.orders[0].statusText).toBe('已付款');
    expect(store.getState().orderAction).toBeNull();
  });

  it('a cancel without an answer reads nothing more (the outcome is unknown; the person may try again)', async () => {
    const store = createAppStore();
    callFunctionMock.mockResolvedValueOnce(networkError);
    expect(await store.getState().cancelOrder('ord_1')).toEqual(networkError);
    expect(sent('order')).toEqual([]);
  });

  it('reads the order until it is paid, then stops', async () => {
    const store = createAppStore();
    callFunctionMock
      .mockResolvedValueOnce({ ok: true, data: { order: orderView() } })
      .mockResolvedValueOnce(networkError)
      .mockResolvedValueOnce({ ok: true, data: { order: paidOrder() } });
    const order = await store.getState().waitUntilPaid('ord_1', { attempts: 5, intervalMs: 0 });
    expect(order?.status).toBe('paid');
    expect(sent('order')).toHaveLength(3);
    expect(store.getState().orderDetails.ord_1.order?.pointsEarned).toBe(199);
  });

  it('gives up after a few reads, with the order as it last was', async () => {
    const store = createAppStore();
    callFunctionMock.mockResolvedValue({ ok: true, data: { order: orderView() } });
    const order = await store.getState().waitUntilPaid('ord_1', { attempts: 3, intervalMs: 0 });
    expect(order?.status).toBe('pending_payment');
    expect(sent('order')).toHaveLength(3);
  });

  it('asks for a refund with the reason, and shows the order with its refund', async () => {
    const store = createAppStore();
    callFunctionMock.mockResolvedValueOnce({ ok: true, data: { order: paidOrder({ statusText: '退款中', canRequestRefund: false }) } });
    const result = await store.getState().requestRefund('ord_1', '包装破损');
    expect(result.ok).toBe(true);
    expect(sent('requestRefund')).toEqual([{ orderId: 'ord_1', reason: '包装破损' }]);
    expect(store.getState().orderDetails.ord_1.order?.statusText).toBe('退款中');
  });

  it('forgets every order when the person switches identity', async () => {
    const store = createAppStore();
    const profile = {
      memberId: 'o-a',
      nickname: 'A',
      avatarUrl: '',
      tier: 'buyer',
      tierName: '已购会员',
      points: 0,
      role: 'customer',
      isMember: true,
      joinedAt: null,
    } as SessionProfile;
    store.setState({ profile });
    callFunctionMock.mockResolvedValueOnce({ ok: true, data: { order: orderView() } });
    await store.getState().loadOrder('ord_1');
    store.getState().resetSession();
    expect(store.getState().orderDetails).toEqual({});
    expect(store.getState().orderList.orders).toEqual([]);
  });
});
