/**
 * Orders that lose a race, made deterministic: a transaction attempt stops right after reading the
 * order (pausingDb), a competing step commits and the clock moves on, then the attempt conflicts
 * and is retried. A retried attempt must write its own (later) time, never the one taken before
 * the first attempt, so histories and ledgers stay in order; and a cancel that loses to the
 * payment must say so rather than answer "ok" with a paid order.
 */
import type { Database } from '../../core/platform/database';
import { cancelOrder, closeOrder } from '../../core/orders/orders.closing';
import { markPaid } from '../../core/orders/orders.payment';
import { requestRefund } from '../../core/orders/orders.refunds';
import { changePoints, expiryFromNow } from '../../core/points/points.usecases';
import { startProductEmulator, type ProductEmulator } from './product-emulator';
import { all, memberWithPoints, sdkDb } from './rewards-helpers';
import { beans, putProduct } from './shop-helpers';
import { control, order, PAY_ENV, pausingDb, shop, NO_PAY } from './orders-helpers';

// The machine may be shared: 20 rounds of checkout, payment and cancel take seconds.
jest.setTimeout(60_000);
let p: ProductEmulator;
let db: Database;

beforeAll(async () => {
  p = await startProductEmulator(PAY_ENV);
  db = sdkDb();
});
afterAll(() => p.emu.close());

let seq = 0;
async function buyer(): Promise<{ m: string; productId: string }> {
  const m = `o-race-${seq}`;
  const productId = `p-race-${seq++}`;
  await memberWithPoints(db, m, 'member', 0);
  await putProduct(db, productId, beans({ stock: 50 }));
  return { m, productId };
}
const orderDoc = (id: string) => p.emu.db.find({ collection: 'orders', query: { _id: id }, limit: 1 })[0] as any;
const ms = (d: unknown) => new Date(d as string).getTime();
const inOrder = (times: number[]) => times.every((t, i) => i === 0 || t >= times[i - 1]);
const MINUTE = 60_000;

test('a payment that loses a race to a cancel writes its history after the cancel (late payment refunded)', async () => {
  const { m, productId } = await buyer();
  const o = await order(p, m, [{ productId, qty: 1 }]);
  const raced = pausingDb(db, 'orders', o._id, async () => {
    p.emu.clock.advance(MINUTE);
    expect(await closeOrder({ db, pay: NO_PAY }, o._id, 'cancelled')).toMatchObject({ status: 'closed' });
  });
  const marked = await markPaid({ db: raced, pay: NO_PAY }, { outTradeNo: o._id, transactionId: '4200000000202401010000000101', totalFee: o.payFen });
  expect(raced.paused()).toBe(true);
  expect(marked).toEqual({ ok: true, data: 'closed_refunding' });

  const doc = orderDoc(o._id);
  expect(doc.history.map((h: any) => h.event)).toEqual(['created', 'closed_cancelled', 'paid', 'refund_approved']);
  expect(inOrder(doc.history.map((h: any) => ms(h.at)))).toBe(true);
  expect(ms(doc.refundedAt)).toBeGreaterThanOrEqual(ms(doc.closedAt));
  const refund = p.emu.db.find({ collection: 'refunds', query: { _id: `R${o._id}` }, limit: 1 })[0] as any;
  expect(ms(refund.requestedAt)).toBeGreaterThanOrEqual(ms(doc.closedAt));
});

test('points an order earns, retried after another ledger change, are the newest line and carry the balance', async () => {
  const { m, productId } = await buyer();
  const o = await order(p, m, [{ productId, qty: 1 }]);
  p.emu.clock.advance(1000);
  // The payment's transaction credits the points: another ledger change commits while it is paused.
  const raced = pausingDb(db, 'orders', o._id, async () => {
    p.emu.clock.advance(MINUTE);
    const bonus = await changePoints(db, {
      kind: 'earn',
      memberId: m,
      sourceKey: `test:${m}:bonus`,
      amount: 50,
      reason: '活动奖励',
      expiresAt: expiryFromNow(),
    });
    expect(bonus.ok).toBe(true);
  });
  expect(await markPaid({ db: raced, pay: NO_PAY }, { outTradeNo: o._id, transactionId: '4200000000202401010000000102', totalFee: o.payFen })).toEqual({
    ok: true,
    data: 'paid',
  });
  expect(raced.paused()).toBe(true);

  const wallet = p.emu.db.find({ collection: 'points_wallets', query: { _id: m }, limit: 1 })[0] as any;
  expect(wallet.balance).toBe(115 + 50);
  const lines = all(p, 'points_entries', { memberId: m }).sort((a, b) => ms(a.createdAt) - ms(b.createdAt));
  expect(lines.map((e) => e._id)).toEqual([`test:${m}:bonus`, `order:${o._id}:earn`]);
  // Newest first, as the points history shows it: the newest line's balance is the balance.
  expect(lines.at(-1).balanceAfter).toBe(wallet.balance);
  expect(ms(orderDoc(o._id).updatedAt)).toBeGreaterThanOrEqual(ms(lines[0].createdAt));
});

test('a refund request retried after a write to its order is stamped after that write', async () => {
  const { m, productId } = await buyer();
  const o = await order(p, m, [{ productId, qty: 1 }]);
  expect(await markPaid({ db, pay: NO_PAY }, { outTradeNo: o._id, transactionId: '4200000000202401010000000103', totalFee: o.payFen })).toEqual({
    ok: true,
    data: 'paid',
  });
  let touchedAt = 0;
  const raced = pausingDb(db, 'orders', o._id, async () => {
    p.emu.clock.advance(MINUTE);
    touchedAt = p.emu.clock.now();
    // Something else writes the order meanwhile (an effect the payment left for the timer, staff).
    await db
      .collection('orders')
      .doc(o._id)
      .update({ data: { updatedAt: new Date(touchedAt) } });
  });
  const res = await requestRefund({ caller: { openid: m, appid: 'wx-test' }, db: raced }, { orderId: o._id, reason: '买错了规格' });
  expect(res).toMatchObject({ ok: true, data: { order: { refund: { status: 'requested' } } } });
  expect(raced.paused()).toBe(true);
  const doc = orderDoc(o._id);
  expect(doc.history.map((h: any) => h.event)).toEqual(['created', 'paid', 'refund_requested']);
  expect(ms(doc.history.at(-1).at)).toBeGreaterThanOrEqual(touchedAt);
  expect(inOrder(doc.history.map((h: any) => ms(h.at)))).toBe(true);
});

describe('cancelling while the payment goes through', () => {
  test('a cancel that loses to the payment is refused (订单已付款，无法取消) and the order is paid', async () => {
    const { m, productId } = await buyer();
    const o = await order(p, m, [{ productId, qty: 1 }]);
    await shop(p, m, { action: 'pay', orderId: o._id });
    const raced = pausingDb(db, 'orders', o._id, async () => {
      // The member paid on another screen: WeChat Pay confirms and its notification is recorded.
      const paid = await control(p, `/control/payments/${o._id}/confirm`, {});
      expect(paid.body.delivery.result).toEqual({ errcode: 0, errmsg: 'OK' });
    });
    const res = await cancelOrder({ caller: { openid: m, appid: 'wx-test' }, db: raced }, NO_PAY, o._id);
    expect(raced.paused()).toBe(true);
    expect(res).toEqual({ ok: false, error: { code: 'ORDER_NOT_CANCELLABLE', message: '订单已付款，无法取消' } });
    expect(orderDoc(o._id)).toMatchObject({ status: 'paid', closedAt: null });
    // Asked again through the function, the answer is the same refusal.
    expect(await shop(p, m, { action: 'cancelOrder', orderId: o._id })).toEqual({
      ok: false,
      error: { code: 'ORDER_NOT_CANCELLABLE', message: '订单已付款，无法取消' },
    });
    expect(await shop(p, m, { action: 'order', orderId: o._id })).toMatchObject({
      ok: true,
      data: { order: { status: 'paid', statusText: '已付款', canCancel: false } },
    });
  });

  test('cancel and payment at (nearly) the same moment, 20 rounds: never "ok" with a paid order; every round ends consistent', async () => {
    const { m, productId } = await buyer();
    const tally: Record<string, number> = {};
    for (let round = 0; round < 20; round++) {
      const o = await order(p, m, [{ productId, qty: 1 }]);
      await shop(p, m, { action: 'pay', orderId: o._id });
      // The cancel starts a little later each round, so the rounds cover both winners and the overlap.
      const cancelling = new Promise((resolve) => setTimeout(resolve, round)).then(() => shop(p, m, { action: 'cancelOrder', orderId: o._id }));
      const [cancel, confirm] = await Promise.all([cancelling, control(p, `/control/payments/${o._id}/confirm`, {})]);
      const final = orderDoc(o._id);
      if (cancel.ok) {
        // Closed first: WeChat Pay either refused the payment (closed in time) or took it, and then the late payment is refunded.
        expect(cancel.data.order.status).toBe('closed');
        expect(['closed', 'refunded']).toContain(final.status);
        if (confirm.status === 200) expect(final.status).toBe('refunded');
        tally[`ok, then ${final.status}`] = (tally[`ok, then ${final.status}`] ?? 0) + 1;
      } else {
        expect(cancel.error).toEqual({ code: 'ORDER_NOT_CANCELLABLE', message: '订单已付款，无法取消' });
        expect(final.status).toBe('paid');
        tally.refused = (tally.refused ?? 0) + 1;
      }
    }
    console.log('cancel racing the payment, 20 rounds:', tally);
  });
});
