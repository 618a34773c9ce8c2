/**
 * Orders end to end through the emulator with the real SDK and the functions as deployed:
 * server pricing, coupons, stock holds, WeChat Pay's simulated payment and its callback, the
 * effects (points with the tier multiplier, the ladder, stock), expiry and refunds.
 */
import type { Database } from '../../core/platform/database';
import { markPaid } from '../../core/orders/orders.payment';
import { closeOrder } from '../../core/orders/orders.closing';
import type { ProductEmulator } from './product-emulator';
import { all, memberWithPoints, startWithStaff } from './rewards-helpers';
import { beans, putProduct } from './shop-helpers';
import { admin, buyAndPay, control, fireTimer, newRequestId, order, PAY_ENV, payFor, shop, NO_PAY, putCoupon } from './orders-helpers';

let p: ProductEmulator;
let db: Database;
const ADMIN = 'o-orders-admin';
const MODERATOR = 'o-orders-moderator';

let seq = 0;
/** A fresh member (and product) per test keeps the tests independent. */
async function freshMember(tier: 'member' | 'buyer' | 'follower' = 'member', points = 0): Promise<string> {
  const id = `o-ord-${tier}-${seq++}`;
  await memberWithPoints(db, id, tier, points);
  return id;
}
async function freshProduct(extra: Record<string, unknown> = {}): Promise<string> {
  const id = `p-ord-${seq++}`;
  await putProduct(db, id, beans(extra));
  return id;
}
const coupon = (memberId: string, extra: Record<string, unknown> = {}) => putCoupon(p, db, `c-ord-${seq++}`, memberId, extra);
const product = (id: string) => p.emu.db.find({ collection: 'products', query: { _id: id }, limit: 1 })[0] as any;
const member = (id: string) => p.emu.db.find({ collection: 'members', query: { _id: id }, limit: 1 })[0] as any;
const couponDoc = (id: string) => p.emu.db.find({ collection: 'coupons', query: { _id: id }, limit: 1 })[0] as any;
const orderDoc = (id: string) => p.emu.db.find({ collection: 'orders', query: { _id: id }, limit: 1 })[0] as any;
const entries = (memberId: string) => all(p, 'points_entries', { memberId });
const wallet = (memberId: string) => p.emu.db.find({ collection: 'points_wallets', query: { _id: memberId }, limit: 1 })[0] as any;

beforeAll(async () => ({ p, db } = await startWithStaff({ [ADMIN]: 'admin', [MODERATOR]: 'moderator' }, PAY_ENV)));
afterAll(() => p.emu.close());

describe('checkout: the server prices and checks everything', () => {
  test('a quote prices each line at the caller’s tier, lists their coupons and previews the points', async () => {
    const buyer = await freshMember('buyer');
    const pid = await freshProduct();
    const mine = await coupon(buyer);
    await coupon(buyer, { minSpendFen: 50000, title: '满500减50', valueFen: 5000 });
    const res = await shop(p, buyer, { action: 'quote', lines: [{ productId: pid, qty: 2 }], couponId: mine });
    expect(res.ok).toBe(true);
    const q = res.data.quote;
    expect(q.lines).toEqual([expect.objectContaining({ productId: pid, qty: 2, unitPriceFen: 10900, listPriceFen: 12800, lineFen: 21800 })]);
    expect(q).toMatchObject({ tier: 'buyer', tierName: '已购会员', subtotalFen: 21800, discountFen: 2000, payFen: 19800, couponId: mine });
    // 198 yuan x 1.2 (已购会员's multiplier).
    expect(q.pointsPreview).toBe(237);
    expect(q.coupons.map((c: any) => [c.title, c.usable, c.reason])).toEqual(
      expect.arrayContaining([
        ['满100减20', true, null],
        ['满500减50', false, '满¥500.00可用'],
      ]),
    );
  });

  test('prices, tiers or totals sent by the client are refused, not believed', async () => {
    const buyer = await freshMember();
    const pid = await freshProduct();
    for (const extra of [{ payFen: 1 }, { tier: 'koc' }, { lines: [{ productId: pid, qty: 1, unitPriceFen: 1 }] }]) {
      const res = await shop(p, buyer, { action: 'createOrder', requestId: newRequestId(), lines: [{ productId: pid, qty: 1 }], ...extra });
      expect(res).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    }
    expect(product(pid).stock).toBe(10);
    expect(all(p, 'orders', { memberId: buyer })).toHaveLength(0);
  });

  test('a follower is asked to join first; bad quantities and unknown products are typed errors', async () => {
    const follower = await freshMember('follower');
    const pid = await freshProduct();
    expect(await shop(p, follower, { action: 'createOrder', requestId: newRequestId(), lines: [{ productId: pid, qty: 1 }] })).toMatchObject({
      ok: false,
      error: { code: 'NOT_A_MEMBER', message: '请先加入会员再下单' },
    });
    const m = await freshMember();
    expect(await shop(p, m, { action: 'createOrder', requestId: newRequestId(), lines: [{ productId: pid, qty: 0 }] })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    });
    expect(await shop(p, m, { action: 'createOrder', requestId: newRequestId(), lines: [{ productId: pid, qty: 21 }] })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    });
    expect(await shop(p, m, { action: 'createOrder', requestId: newRequestId(), lines: [{ productId: 'p-nope', qty: 1 }] })).toMatchObject({
      ok: false,
      error: { code: 'ORDER_PRODUCT_UNAVAILABLE' },
    });
    const off = await freshProduct({ status: 'off_shelf' });
    expect(await shop(p, m, { action: 'createOrder', requestId: newRequestId(), lines: [{ productId: off, qty: 1 }] })).toMatchObject({
      ok: false,
      error: { code: 'ORDER_PRODUCT_UNAVAILABLE' },
    });
    const kocOnly = await freshProduct({ memberOnlyFromTier: 'koc' });
    expect(await shop(p, m, { action: 'createOrder', requestId: newRequestId(), lines: [{ productId: kocOnly, qty: 1 }] })).toMatchObject({
      ok: false,
      error: { code: 'ORDER_PRODUCT_UNAVAILABLE' },
    });
    expect(await shop(p, m, { action: 'createOrder', requestId: newRequestId(), lines: [{ productId: pid, qty: 11 }] })).toMatchObject({
      ok: false,
      error: { code: 'ORDER_OUT_OF_STOCK' },
    });
    expect(product(pid)).toMatchObject({ stock: 10 });
    expect(product(pid).holds ?? {}).toEqual({});
  });

  test('refusals never name a product the caller cannot see; a visible one out of stock is named', async () => {
    const m = await freshMember();
    const secret = await freshProduct({ name: '黑金会员限定豆', memberOnlyFromTier: 'koc' });
    const draft = await freshProduct({ name: '未发布新品', status: 'off_shelf' });
    const visible = await freshProduct({ name: '耶加雪菲 250g', stock: 1 });
    for (const hidden of [secret, draft]) {
      for (const action of ['quote', 'createOrder']) {
        const res = await shop(p, m, {
          action,
          ...(action === 'createOrder' ? { requestId: newRequestId() } : {}),
          lines: [
            { productId: visible, qty: 1 },
            { productId: hidden, qty: 1 },
          ],
        });
        expect(res).toMatchObject({ ok: false, error: { code: 'ORDER_PRODUCT_UNAVAILABLE', message: '部分商品暂时无法购买' } });
        expect(JSON.stringify(res)).not.toMatch(/黑金会员限定豆|未发布新品/);
      }
    }
    for (const action of ['quote', 'createOrder']) {
      expect(
        await shop(p, m, { action, ...(action === 'createOrder' ? { requestId: newRequestId() } : {}), lines: [{ productId: visible, qty: 2 }] }),
      ).toMatchObject({ ok: false, error: { code: 'ORDER_OUT_OF_STOCK', message: '耶加雪菲 250g库存不足' } });
    }
    expect(product(visible).stock).toBe(1);
  });

  test('creating holds the stock on the product; the same requestId again returns the same order', async () => {
    const m = await freshMember();
    const pid = await freshProduct();
    const requestId = newRequestId();
    const first = await shop(p, m, { action: 'createOrder', requestId, lines: [{ productId: pid, qty: 3 }] });
    expect(first).toMatchObject({
      ok: true,
      data: {
        replayed: false,
        order: { status: 'pending_payment', statusText: '待付款', payFen: 34500, canPay: true, canCancel: true, canRequestRefund: false },
      },
    });
    const again = await shop(p, m, { action: 'createOrder', requestId, lines: [{ productId: pid, qty: 3 }] });
    expect(again).toMatchObject({ ok: true, data: { replayed: true, order: { _id: first.data.order._id } } });
    expect(product(pid).stock).toBe(7);
    expect(Object.keys(product(pid).holds)).toEqual([first.data.order._id]);
    const other = await shop(p, m, { action: 'createOrder', requestId, lines: [{ productId: pid, qty: 1 }] });
    expect(other).toMatchObject({ ok: false, error: { code: 'REQUEST_ID_REUSED' } });
    expect(all(p, 'orders', { memberId: m })).toHaveLength(1);
  });

  test('another member’s coupon is refused; one’s own is locked by the order and cannot be used twice', async () => {
    const m = await freshMember();
    const stranger = await freshMember();
    const pid = await freshProduct();
    const theirs = await coupon(stranger);
    expect(await shop(p, m, { action: 'createOrder', requestId: newRequestId(), lines: [{ productId: pid, qty: 1 }], couponId: theirs })).toMatchObject({
      ok: false,
      error: { code: 'COUPON_UNUSABLE', message: '优惠券不存在' },
    });
    expect(product(pid).stock).toBe(10);
    const mine = await coupon(m);
    const o = await order(p, m, [{ productId: pid, qty: 1 }], mine);
    expect(o).toMatchObject({ subtotalFen: 11500, discountFen: 2000, payFen: 9500, coupon: { id: mine, valueFen: 2000 } });
    expect(couponDoc(mine)).toMatchObject({ state: 'locked', orderId: o._id });
    expect(await shop(p, m, { action: 'createOrder', requestId: newRequestId(), lines: [{ productId: pid, qty: 1 }], couponId: mine })).toMatchObject({
      ok: false,
      error: { code: 'COUPON_UNUSABLE', message: '优惠券已被待支付订单占用' },
    });
    // The refused order gave back the unit it had held.
    expect(product(pid).stock).toBe(9);
  });
});

describe('payment: paid exactly once, effects applied once', () => {
  test('first paid order: points at the tier multiplier, 已购会员, coupon used, hold settled', async () => {
    const m = await freshMember();
    const pid = await freshProduct();
    const mine = await coupon(m);
    const o = await order(p, m, [{ productId: pid, qty: 1 }], mine);
    const delivery = await payFor(p, m, o._id);
    expect(delivery.delivery).toMatchObject({ ok: true, result: { errcode: 0 } });
    const after = (await shop(p, m, { action: 'order', orderId: o._id })).data.order;
    expect(after).toMatchObject({ status: 'paid', statusText: '已付款', pointsEarned: 95, canPay: false, canRequestRefund: true });
    expect(after.history.map((h: any) => h.event)).toEqual(['created', 'paid']);
    expect(member(m)).toMatchObject({ tier: 'buyer', points: 95 });
    expect(couponDoc(mine)).toMatchObject({ state: 'used', orderId: o._id });
    expect(product(pid).stock).toBe(9);
    expect(product(pid).holds).toEqual({});
    expect(orderDoc(o._id).stock).toBe('taken');
    // The points and the ladder fact came with the payment's own transaction; settling the stock is
    // the one event left (and no conversion event: no card is behind this purchase).
    expect(all(p, 'order_events', { orderId: o._id }).map((e) => [e.type, e.status])).toEqual([['stock_settle', 'done']]);
    expect(entries(m).map((e) => e._id)).toEqual([`order:${o._id}:earn`]);
  });

  test('a payment callback delivered 3 times credits points once; a second order makes 复购会员 at its multiplier', async () => {
    const m = await freshMember();
    const pid = await freshProduct();
    const o = await order(p, m, [{ productId: pid, qty: 1 }]);
    await payFor(p, m, o._id);
    for (let i = 0; i < 2; i++) expect((await control(p, `/control/payments/${o._id}/confirm`, {})).body.delivery.ok).toBe(true);
    expect(entries(m).filter((e) => e._id === `order:${o._id}:earn`)).toHaveLength(1);
    expect(member(m)).toMatchObject({ tier: 'buyer', points: 115 });

    // Priced at 已购会员 now, and earning at x1.2.
    const second = await order(p, m, [{ productId: pid, qty: 1 }]);
    expect(second.payFen).toBe(10900);
    await payFor(p, m, second._id);
    expect(member(m)).toMatchObject({ tier: 'repeat_buyer', points: 115 + 130 });
    expect(all(p, 'tier_changes', { memberId: m }).map((c) => c.to)).toEqual(expect.arrayContaining(['buyer', 'repeat_buyer']));
  });

  test('a crash between “paid” and its remaining effects: points and tier came with the payment, the order-events timer settles the stock once', async () => {
    const m = await freshMember();
    const pid = await freshProduct();
    const o = await order(p, m, [{ productId: pid, qty: 2 }]);
    // The callback's transaction commits and the function dies before applying anything after it.
    const marked = await markPaid({ db, pay: NO_PAY }, { outTradeNo: o._id, transactionId: 'wx-crash-1', totalFee: o.payFen });
    expect(marked).toEqual({ ok: true, data: 'paid' });
    expect(orderDoc(o._id)).toMatchObject({ status: 'paid', pointsEarned: 230, stock: 'taken' });
    expect(member(m)).toMatchObject({ tier: 'buyer', points: 230 });
    expect(product(pid).holds).toEqual({ [o._id]: expect.objectContaining({ qty: 2 }) });
    expect(all(p, 'order_events', { orderId: o._id, status: 'pending' }).map((e) => e.type)).toEqual(['stock_settle']);

    const run = await fireTimer(p, 'order-events');
    expect(run).toMatchObject({ ok: true, data: { applied: expect.any(Number), failed: 0 } });
    expect(member(m)).toMatchObject({ tier: 'buyer', points: 230 });
    expect(product(pid).holds).toEqual({});
    expect(product(pid).stock).toBe(8);
    // Delivered again (WeChat retries) and the timer again: nothing more.
    expect(await markPaid({ db, pay: NO_PAY }, { outTradeNo: o._id, transactionId: 'wx-crash-1', totalFee: o.payFen })).toEqual({ ok: true, data: 'replayed' });
    await fireTimer(p, 'order-events');
    expect(member(m)).toMatchObject({ tier: 'buyer', points: 230 });
    expect(entries(m)).toHaveLength(1);
    expect(all(p, 'order_events', { orderId: o._id, status: 'pending' })).toHaveLength(0);
  });

  test('a payment of another amount than the order is not taken as payment', async () => {
    const m = await freshMember();
    const pid = await freshProduct();
    const o = await order(p, m, [{ productId: pid, qty: 1 }]);
    expect(await markPaid({ db, pay: NO_PAY }, { outTradeNo: o._id, transactionId: 'wx-bad', totalFee: 1 })).toMatchObject({
      ok: false,
      error: { code: 'PAYMENT_MISMATCH' },
    });
    expect(orderDoc(o._id).status).toBe('pending_payment');
  });

  test('a member cannot call the payment function to fake a payment', async () => {
    const m = await freshMember();
    const pid = await freshProduct();
    const o = await order(p, m, [{ productId: pid, qty: 1 }]);
    const forged = { returnCode: 'SUCCESS', resultCode: 'SUCCESS', outTradeNo: o._id, transactionId: 'forged', totalFee: o.payFen };
    const res = await p.call('payment', m, forged);
    expect(res).toMatchObject({ errcode: 403 });
    expect(orderDoc(o._id).status).toBe('pending_payment');
  });

  test('someone else’s order can be neither paid, read nor cancelled', async () => {
    const m = await freshMember();
    const other = await freshMember();
    const pid = await freshProduct();
    const o = await order(p, m, [{ productId: pid, qty: 1 }]);
    for (const action of ['pay', 'order', 'cancelOrder'])
      expect(await shop(p, other, { action, orderId: o._id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(orderDoc(o._id).status).toBe('pending_payment');
  });
});

describe('unpaid orders close and give back stock and coupons', () => {
  test('an order left unpaid expires after 15 minutes: stock and coupon come back, it can no longer be paid', async () => {
    const m = await freshMember();
    const pid = await freshProduct();
    const mine = await coupon(m);
    const o = await order(p, m, [{ productId: pid, qty: 4 }], mine);
    expect(product(pid).stock).toBe(6);
    p.emu.clock.advance(14 * 60_000);
    expect((await fireTimer(p, 'orders-expire')).data.expired).toBe(0);
    p.emu.clock.advance(2 * 60_000);
    expect(await shop(p, m, { action: 'pay', orderId: o._id })).toMatchObject({ ok: false, error: { code: 'ORDER_NOT_PAYABLE' } });
    expect((await fireTimer(p, 'orders-expire')).data.expired).toBeGreaterThanOrEqual(1);
    expect(product(pid)).toMatchObject({ stock: 10, holds: {} });
    expect(couponDoc(mine)).toMatchObject({ state: 'available', orderId: null });
    const view = (await shop(p, m, { action: 'order', orderId: o._id })).data.order;
    expect(view).toMatchObject({ status: 'closed', statusText: '已关闭', canPay: false, canCancel: false });
    expect(view.history.map((h: any) => h.text)).toEqual(['已下单：使用满100减20，优惠¥20.00', '订单已关闭（超时未支付）']);
    // A second run finds nothing more to give back.
    await fireTimer(p, 'orders-expire');
    await fireTimer(p, 'order-events');
    expect(product(pid).stock).toBe(10);
  });

  test('the member cancels; WeChat Pay is told to close the payment', async () => {
    const m = await freshMember();
    const pid = await freshProduct();
    const o = await order(p, m, [{ productId: pid, qty: 1 }]);
    await shop(p, m, { action: 'pay', orderId: o._id });
    const res = await shop(p, m, { action: 'cancelOrder', orderId: o._id });
    expect(res).toMatchObject({ ok: true, data: { order: { status: 'closed', statusText: '已关闭' } } });
    expect(product(pid).stock).toBe(10);
    expect((await control(p, `/control/payments/${o._id}`)).body.payment.status).toBe('CLOSED');
    expect(await shop(p, m, { action: 'cancelOrder', orderId: o._id })).toMatchObject({ ok: false, error: { code: 'ORDER_NOT_CANCELLABLE' } });
  });

  test('a payment that arrives after the order closed is refunded automatically, not sold', async () => {
    const m = await freshMember();
    const pid = await freshProduct();
    const o = await order(p, m, [{ productId: pid, qty: 1 }]);
    await shop(p, m, { action: 'pay', orderId: o._id });
    // The order closes here while WeChat Pay still takes the payment (its closeOrder is best effort).
    expect(await closeOrder({ db, pay: NO_PAY }, o._id, 'cancelled')).toMatchObject({ status: 'closed' });
    // The member pays; WeChat Pay confirms it and delivers the genuine notification.
    const paid = await control(p, `/control/payments/${o._id}/confirm`, {});
    expect(paid.body.delivery.result).toEqual({ errcode: 0, errmsg: 'OK' });
    expect(orderDoc(o._id)).toMatchObject({ status: 'refunded', transactionId: paid.body.payment.transactionId });
    expect(all(p, 'refunds', { orderId: o._id })).toEqual([expect.objectContaining({ status: 'approved', decidedBy: 'system' })]);
    // The automatic refund reached WeChat Pay.
    expect((await control(p, `/control/refunds/R${o._id}`)).body.refund).toMatchObject({ outTradeNo: o._id, refundFee: o.payFen, status: 'PROCESSING' });
    expect(product(pid).stock).toBe(10);
    expect(member(m)).toMatchObject({ tier: 'member', points: 0 });
  });

  test('a late-payment notification WeChat Pay does not confirm refunds nothing', async () => {
    const m = await freshMember();
    const pid = await freshProduct();
    const o = await order(p, m, [{ productId: pid, qty: 1 }]);
    await shop(p, m, { action: 'pay', orderId: o._id });
    await shop(p, m, { action: 'cancelOrder', orderId: o._id });
    // Someone claims a payment for the closed order; WeChat Pay says it is CLOSED.
    const logged = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const res = await p.emu.invoke(
      'payment',
      { returnCode: 'SUCCESS', resultCode: 'SUCCESS', outTradeNo: o._id, transactionId: '4200000000202401010000000001', totalFee: o.payFen },
      { OPENID: '' },
    );
    expect(logged).toHaveBeenCalledWith(expect.stringContaining('WeChat Pay says the order is CLOSED'), expect.anything());
    logged.mockRestore();
    expect(res.result).toEqual({ errcode: 0, errmsg: 'REFUSED' });
    expect(orderDoc(o._id)).toMatchObject({ status: 'closed', transactionId: null, refundId: null });
    expect(all(p, 'refunds', { orderId: o._id })).toEqual([]);
    expect(all(p, 'order_events', { orderId: o._id }).map((e) => e.type)).toEqual(['stock_release']);
    expect((await control(p, `/control/payments/${o._id}`)).body.refunds).toEqual([]);
  });
});

describe('refunds', () => {
  async function requestRefund(m: string, orderId: string): Promise<string> {
    const res = await shop(p, m, { action: 'requestRefund', orderId, reason: '买错了规格' });
    expect(res).toMatchObject({ ok: true, data: { order: { statusText: '退款审核中', refund: { status: 'requested', reason: '买错了规格' } } } });
    return res.data.order.refund._id;
  }

  test('approved after the points were spent: a debt, never a negative balance; tier enters grace; stock back; money back', async () => {
    const m = await freshMember();
    const pid = await freshProduct();
    const orderId = await buyAndPay(p, m, [{ productId: pid, qty: 1 }]);
    expect(member(m)).toMatchObject({ tier: 'buyer', points: 115 });
    // The member spends 100 of the 115 points.
    await db.collection('members').doc(m).get();
    const { changePoints } = await import('../../core/points/points.usecases');
    expect((await changePoints(db, { kind: 'spend', memberId: m, sourceKey: `test:${m}:spend`, amount: 100, reason: '兑换' })).ok).toBe(true);

    const refundId = await requestRefund(m, orderId);
    const queue = await admin(p, MODERATOR, { action: 'refundQueue', status: 'requested' });
    expect(queue.data.refunds.map((r: any) => r._id)).toContain(refundId);
    expect(await admin(p, MODERATOR, { action: 'decideRefund', refundId, decision: 'approve' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await admin(p, m, { action: 'refundQueue', status: 'requested' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    const decided = await admin(p, ADMIN, { action: 'decideRefund', refundId, decision: 'approve', restock: true });
    expect(decided).toMatchObject({ ok: true, data: { refund: { status: 'approved', orderId, restock: true, order: { status: 'refunded' } } } });
    expect(wallet(m)).toMatchObject({ balance: 0, debt: 100 });
    expect(member(m).points).toBe(0);
    // One paid order refunded: below 已购会员's threshold, but a downgrade waits out the grace period.
    expect(member(m).tier).toBe('buyer');
    expect(member(m).tierGraceUntil).toBeTruthy();
    expect(product(pid).stock).toBe(10);
    const refunds = (await control(p, `/control/refunds`)).body.refunds;
    expect(refunds).toEqual(expect.arrayContaining([expect.objectContaining({ outRefundNo: refundId, refundFee: 11500 })]));

    expect(await admin(p, ADMIN, { action: 'decideRefund', refundId, decision: 'approve' })).toMatchObject({
      ok: false,
      error: { code: 'REFUND_ALREADY_DECIDED' },
    });
    await fireTimer(p, 'order-events');
    expect(wallet(m)).toMatchObject({ balance: 0, debt: 100 });

    // WeChat Pay settles the refund and notifies.
    expect((await control(p, `/control/refunds/${refundId}/confirm`, {})).status).toBe(200);
    const view = (await shop(p, m, { action: 'order', orderId })).data.order;
    expect(view).toMatchObject({
      status: 'refunded',
      statusText: '已退款',
      pointsEarned: 115,
      pointsReversed: 115,
      refund: { status: 'refunded', statusText: '退款已到账' },
    });
    expect(view.history.map((h: any) => h.event)).toEqual(['created', 'paid', 'refund_requested', 'refund_approved', 'refunded']);
  });

  test('rejected with a reason, asked again, approved without restock', async () => {
    const m = await freshMember();
    const pid = await freshProduct();
    const orderId = await buyAndPay(p, m, [{ productId: pid, qty: 2 }]);
    const refundId = await requestRefund(m, orderId);
    expect(await shop(p, m, { action: 'requestRefund', orderId, reason: '再申请一次' })).toMatchObject({ ok: false, error: { code: 'REFUND_NOT_ALLOWED' } });
    expect(await admin(p, ADMIN, { action: 'decideRefund', refundId, decision: 'reject' })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    const rejected = await admin(p, ADMIN, { action: 'decideRefund', refundId, decision: 'reject', rejectReason: '商品已拆封' });
    expect(rejected).toMatchObject({ ok: true, data: { refund: { status: 'rejected', rejectReason: '商品已拆封' } } });
    expect(member(m)).toMatchObject({ points: 230 });
    const view = (await shop(p, m, { action: 'order', orderId })).data.order;
    expect(view).toMatchObject({
      status: 'paid',
      canRequestRefund: true,
      refund: { status: 'rejected', statusText: '退款被驳回', rejectReason: '商品已拆封' },
    });

    await requestRefund(m, orderId);
    await admin(p, ADMIN, { action: 'decideRefund', refundId, decision: 'approve', restock: false });
    expect(wallet(m)).toMatchObject({ balance: 0, debt: 0 });
    expect(product(pid).stock).toBe(8);
    expect(await shop(p, m, { action: 'requestRefund', orderId, reason: '又来了' })).toMatchObject({
      ok: false,
      error: { code: 'REFUND_NOT_ALLOWED', message: '该订单已退款' },
    });
  });

  test('an approval takes the points back and tells the ladder in its own transaction; only the money and the stock are left as events, and no referral work without a card', async () => {
    const m = await freshMember();
    const pid = await freshProduct();
    const orderId = await buyAndPay(p, m, [{ productId: pid, qty: 2 }]);
    expect(orderDoc(orderId)).toMatchObject({ pointsEarned: 230, mayConvert: false });
    const refundId = await requestRefund(m, orderId);
    const decided = await admin(p, ADMIN, { action: 'decideRefund', refundId, decision: 'approve', restock: true });
    // The answer is what the transaction wrote: no re-read shows anything else.
    expect(decided).toMatchObject({
      ok: true,
      data: {
        refund: { _id: refundId, status: 'approved', restock: true, decidedBy: ADMIN, memberNickname: m, order: { status: 'refunded', pointsEarned: 230 } },
      },
    });
    expect(orderDoc(orderId)).toMatchObject({ status: 'refunded', pointsReversed: 230 });
    expect(entries(m).map((e) => [e._id, e.delta])).toEqual(expect.arrayContaining([[`order:${orderId}:reverse`, -230]]));
    expect(member(m)).toMatchObject({ points: 0, tier: 'buyer', tierGraceUntil: expect.any(Date) });
    expect(all(p, 'member_facts', { _id: m })[0].orders).toEqual(expect.arrayContaining([expect.objectContaining({ orderId, refundedAt: expect.any(Date) })]));
    const events = all(p, 'order_events', { orderId });
    expect(events.map((e) => e.type).sort()).toEqual(['pay_refund', 'stock_restore', 'stock_settle']);
    expect(events.every((e) => e.status === 'done')).toBe(true);
    // No card behind the purchase: no conversion reversed, no tombstone written.
    expect(all(p, 'conversions', { _id: orderId })).toEqual([]);
    expect(product(pid)).toMatchObject({ stock: 10, restocks: { [orderId]: expect.objectContaining({ qty: 2 }) } });
  });

  test('a payment whose points the ledger could not credit yet: the refund cancels the earn instead of reversing it, once', async () => {
    const m = await freshMember();
    const pid = await freshProduct();
    const o = await order(p, m, [{ productId: pid, qty: 1 }]);
    // The member document is missing when the payment is recorded: the ledger and the ladder refuse, their events wait.
    await db.collection('members').doc(m).remove();
    await payFor(p, m, o._id);
    expect(orderDoc(o._id)).toMatchObject({ status: 'paid', pointsEarned: null });
    expect(
      all(p, 'order_events', { orderId: o._id, status: 'pending' })
        .map((e) => e.type)
        .sort(),
    ).toEqual(['ladder_paid', 'points_earn']);
    expect(orderDoc(o._id).pointsEarned).toBeNull();
    await memberWithPoints(db, m, 'member', 0);

    const refundId = await requestRefund(m, o._id);
    expect(await admin(p, ADMIN, { action: 'decideRefund', refundId, decision: 'approve', restock: false })).toMatchObject({ ok: true });
    expect(all(p, 'order_events', { _id: `${o._id}:points_earn` })).toEqual([
      expect.objectContaining({ status: 'done', lastError: '订单已退款，不再发放积分' }),
    ]);
    expect(all(p, 'order_events', { orderId: o._id, type: 'points_reverse' })).toEqual([]);
    // The timer finishes the rest when its retry is due (the ladder's paid fact); no point is credited or taken.
    p.emu.clock.advance(2 * 60_000);
    await fireTimer(p, 'order-events');
    expect(all(p, 'order_events', { orderId: o._id, status: 'pending' })).toEqual([]);
    expect(entries(m)).toEqual([]);
    expect(member(m).points).toBe(0);
    expect(orderDoc(o._id).pointsEarned).toBeNull();
  });

  test('the restock mark stays while the restore could run again, and the expiry job drops it an hour after the restore is done', async () => {
    const m = await freshMember();
    const pid = await freshProduct();
    const orderId = await buyAndPay(p, m, [{ productId: pid, qty: 3 }]);
    await admin(p, ADMIN, { action: 'decideRefund', refundId: await requestRefund(m, orderId), decision: 'approve', restock: true });
    expect(product(pid)).toMatchObject({ stock: 10, restocks: { [orderId]: expect.objectContaining({ qty: 3 }) } });
    // As if the done mark had never been written (a crash right after the restore): the event is due again.
    await db
      .collection('order_events')
      .doc(`${orderId}:stock_restore`)
      .update({ data: { status: 'pending', doneAt: null } });
    p.emu.clock.advance(61 * 60_000);
    await fireTimer(p, 'orders-expire');
    expect(product(pid).restocks).toEqual({ [orderId]: expect.objectContaining({ qty: 3 }) });
    // The timer restores again: the mark makes it a no-op, and the event is done.
    await fireTimer(p, 'order-events');
    expect(product(pid).stock).toBe(10);
    expect(all(p, 'order_events', { _id: `${orderId}:stock_restore` })).toEqual([expect.objectContaining({ status: 'done' })]);
    // Done and older than an hour: dropped. The stock stays.
    const run = await fireTimer(p, 'orders-expire');
    expect(run).toMatchObject({ ok: true, data: { restockMarksDropped: expect.any(Number) } });
    expect(run.data.restockMarksDropped).toBeGreaterThanOrEqual(1);
    expect(product(pid).restocks).toEqual({});
    expect(product(pid).stock).toBe(10);
  });

  test('an unpaid order cannot be refunded', async () => {
    const m = await freshMember();
    const o = await order(p, m, [{ productId: await freshProduct(), qty: 1 }]);
    expect(await shop(p, m, { action: 'requestRefund', orderId: o._id, reason: '不想要了' })).toMatchObject({
      ok: false,
      error: { code: 'REFUND_NOT_ALLOWED' },
    });
  });
});

describe('lists', () => {
  test('my orders page by filter, newest first, with a cursor; staff search by member or order number', async () => {
    const m = await freshMember();
    const pid = await freshProduct({ stock: 50 });
    const paid = await buyAndPay(p, m, [{ productId: pid, qty: 1 }]);
    const pending: string[] = [];
    for (let i = 0; i < 3; i++) {
      p.emu.clock.advance(1000);
      pending.push((await order(p, m, [{ productId: pid, qty: 1 }]))._id);
    }
    const page1 = await shop(p, m, { action: 'myOrders', filter: 'all', limit: 2 });
    expect(page1.data.orders.map((o: any) => o._id)).toEqual([pending[2], pending[1]]);
    const page2 = await shop(p, m, { action: 'myOrders', filter: 'all', limit: 2, cursor: page1.data.nextCursor });
    expect(page2.data.orders.map((o: any) => o._id)).toEqual([pending[0], paid]);
    expect(page2.data.nextCursor).toBeNull();
    expect((await shop(p, m, { action: 'myOrders', filter: 'paid' })).data.orders.map((o: any) => o._id)).toEqual([paid]);
    expect((await shop(p, m, { action: 'myOrders', filter: 'pending_payment' })).data.orders).toHaveLength(3);

    const bySearch = await admin(p, MODERATOR, { action: 'ordersList', search: m });
    expect(bySearch.data.orders).toHaveLength(4);
    expect(bySearch.data.orders[0]).toMatchObject({ memberId: m, memberNickname: m });
    const byId = await admin(p, MODERATOR, { action: 'ordersList', search: paid });
    expect(byId.data.orders.map((o: any) => [o._id, o.transactionId !== null])).toEqual([[paid, true]]);
    expect(await admin(p, m, { action: 'ordersList' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});

describe('referral conversions ride on the order’s events', () => {
  test('a friend who opened a member’s card and pays is a pending conversion; the refund reverses it', async () => {
    const sharer = await freshMember('buyer');
    const friend = await freshMember();
    const pid = await freshProduct();
    const shared = await p.call('referral', sharer, { action: 'share', targetType: 'product', targetId: pid, channel: 'chat' });
    expect(shared.ok).toBe(true);
    expect(await p.call('referral', friend, { action: 'visit', code: shared.data.code })).toMatchObject({ ok: true });
    const orderId = await buyAndPay(p, friend, [{ productId: pid, qty: 1 }]);
    const conversion = () => p.emu.db.find({ collection: 'conversions', query: { _id: orderId }, limit: 1 })[0] as any;
    expect(conversion()).toMatchObject({ sharerId: sharer, buyerId: friend, status: 'pending', orderPayFen: 11500 });
    expect(all(p, 'order_events', { orderId, type: 'referral_convert' })).toEqual([expect.objectContaining({ status: 'done' })]);

    expect(orderDoc(orderId).mayConvert).toBe(true);

    const refund = await shop(p, friend, { action: 'requestRefund', orderId, reason: '不想要了' });
    await admin(p, ADMIN, { action: 'decideRefund', refundId: refund.data.order.refund._id, decision: 'approve' });
    expect(conversion().status).toBe('reversed');
    expect(all(p, 'order_events', { orderId, type: 'referral_reverse' })).toEqual([expect.objectContaining({ status: 'done' })]);
  });

  test('a member’s own purchase through their own card is no conversion', async () => {
    const m = await freshMember('buyer');
    const pid = await freshProduct();
    const shared = await p.call('referral', m, { action: 'share', targetType: 'product', targetId: pid, channel: 'chat' });
    await p.call('referral', m, { action: 'visit', code: shared.data.code });
    const orderId = await buyAndPay(p, m, [{ productId: pid, qty: 1 }]);
    expect(p.emu.db.find({ collection: 'conversions', query: { _id: orderId }, limit: 1 })).toHaveLength(0);
    // Opening one's own card is no visit: no card could credit anyone, so there is no conversion work at all.
    expect(all(p, 'order_events', { orderId, type: 'referral_convert' })).toEqual([]);
  });
});
