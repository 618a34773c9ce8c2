/**
 * Money only on WeChat Pay's word (issue 10). The `payment` function can be invoked without an
 * OPENID by more than WeChat Pay (other functions, HTTP access routes, API keys, unauthenticated
 * access), so a notification changes nothing until WeChat Pay's own record — queryOrder,
 * queryRefund, answered here by the emulator's WeChat Pay — says the same. Forged notifications
 * of every shape leave the whole database as it was and are acknowledged as refused; a query that
 * fails is not acknowledged (WeChat delivers again); genuine notifications still pay and refund.
 */
import type { Database } from '../../core/platform/database';
import type { ProductEmulator } from './product-emulator';
import { all, memberWithPoints, startWithStaff } from './rewards-helpers';
import { beans, putProduct } from './shop-helpers';
import { admin, buyAndPay, control, order, PAY_ENV, payFor, shop, putCoupon } from './orders-helpers';

let p: ProductEmulator;
let db: Database;
const ADMIN = 'o-trust-admin';
const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);

beforeAll(async () => ({ p, db } = await startWithStaff({ [ADMIN]: 'admin' }, PAY_ENV)));
afterAll(async () => {
  errors.mockRestore();
  await p.emu.close();
});
beforeEach(() => errors.mockClear());

let seq = 0;
async function freshMember(): Promise<string> {
  const id = `o-trust-${seq++}`;
  await memberWithPoints(db, id, 'member', 0);
  return id;
}
async function freshProduct(): Promise<string> {
  const id = `p-trust-${seq++}`;
  await putProduct(db, id, beans());
  return id;
}
const coupon = (memberId: string) => putCoupon(p, db, `c-trust-${seq++}`, memberId);

/** Every document of every collection: "nothing changed" means exactly this is equal. */
function database(): Record<string, unknown[]> {
  const collections = Object.keys(require('../../cloudfunctions/indexes.json'));
  return Object.fromEntries(collections.map((c) => [c, all(p, c).sort((a, b) => String(a._id).localeCompare(String(b._id)))]));
}

/** The payment function called the way anything but a mini-program user reaches it: no OPENID. */
const notify = async (event: Record<string, unknown>) => (await p.emu.invoke('payment', event, { OPENID: '' })).result as any;
const paidNotice = (outTradeNo: string, transactionId: string, totalFee: number) => ({
  returnCode: 'SUCCESS',
  resultCode: 'SUCCESS',
  outTradeNo,
  transactionId,
  totalFee,
  timeEnd: '20240101120000',
});
const REFUSED = { errcode: 0, errmsg: 'REFUSED' };
const RETRY = { errcode: 1, errmsg: 'retry later' };
const loggedRefusal = () => errors.mock.calls.some((args) => /refused/.test(String(args[0])));
const orderDoc = (id: string) => p.emu.db.find({ collection: 'orders', query: { _id: id }, limit: 1 })[0] as any;
const wechatPay = async (outTradeNo: string) => (await control(p, `/control/payments/${outTradeNo}`)).body;

/** WeChat Pay takes the payment but its first notification is not recorded (the function fails): paid there, unpaid here. */
async function paidAtWeChatPayOnly(m: string, orderId: string): Promise<Record<string, any>> {
  await shop(p, m, { action: 'pay', orderId });
  p.emu.faults.add({ action: 'database.commitTransaction', timing: 'before', message: 'database unavailable' });
  const first = await control(p, `/control/payments/${orderId}/confirm`, {});
  p.emu.faults.clear();
  expect(first.body.delivery).toMatchObject({ ok: false, result: RETRY });
  expect(orderDoc(orderId).status).toBe('pending_payment');
  return first.body.delivery.event;
}

describe('payment notifications', () => {
  test('a forged "paid" for an order still NOTPAY at WeChat Pay changes nothing and is acknowledged as refused', async () => {
    const m = await freshMember();
    const pid = await freshProduct();
    const c = await coupon(m);
    const o = await order(p, m, [{ productId: pid, qty: 1 }], c);
    await shop(p, m, { action: 'pay', orderId: o._id });
    const before = database();

    for (const forged of [paidNotice(o._id, '4200000000202401010000000001', o.payFen), paidNotice(o._id, '4200000000202401010000000002', 1)]) {
      expect(await notify(forged)).toEqual(REFUSED);
    }
    // Order, stock and holds, coupon, points, events, ladder facts and tier: all as they were.
    expect(database()).toEqual(before);
    expect(loggedRefusal()).toBe(true);
    expect((await wechatPay(o._id)).payment.status).toBe('NOTPAY');

    // The member then pays for real: the genuine notification still works.
    const paid = await payFor(p, m, o._id);
    expect(paid.delivery.result).toEqual({ errcode: 0, errmsg: 'OK' });
    expect(orderDoc(o._id)).toMatchObject({ status: 'paid', transactionId: paid.payment.transactionId, pointsEarned: 95 });
    expect(p.emu.db.find({ collection: 'coupons', query: { _id: c }, limit: 1 })[0]).toMatchObject({ state: 'used' });
  });

  test('a notification for an order WeChat Pay never saw, or for no order at all, changes nothing', async () => {
    const m = await freshMember();
    const o = await order(p, m, [{ productId: await freshProduct(), qty: 1 }]);
    const before = database();
    // No payment was started: WeChat Pay has no such order (ORDERNOTEXIST).
    expect(await notify(paidNotice(o._id, '4200000000202401010000000003', o.payFen))).toEqual(REFUSED);
    expect(await notify(paidNotice('O000000000000000000000000', '4200000000202401010000000004', 100))).toEqual(REFUSED);
    expect(database()).toEqual(before);
  });

  test('a forged amount, transaction or order beside a payment WeChat Pay did take: refused; its genuine notification then pays once', async () => {
    const m = await freshMember();
    const pid = await freshProduct();
    const o = await order(p, m, [{ productId: pid, qty: 1 }]);
    const other = await order(p, m, [{ productId: pid, qty: 1 }]);
    await shop(p, m, { action: 'pay', orderId: other._id });
    const genuine = await paidAtWeChatPayOnly(m, o._id);
    const before = database();

    const forgeries = [
      { ...genuine, totalFee: 1 }, // the amount
      { ...genuine, totalFee: genuine.totalFee + 100 },
      { ...genuine, transactionId: '4200000000202401010000000005' }, // another transaction
      { ...genuine, outTradeNo: other._id }, // the real transaction, claimed for another (unpaid) order of the same amount
    ];
    for (const forged of forgeries) expect(await notify(forged)).toEqual(REFUSED);
    expect(database()).toEqual(before);

    // WeChat delivers its notification again: paid, once.
    const again = await control(p, `/control/payments/${o._id}/confirm`, {});
    expect(again.body.delivery.result).toEqual({ errcode: 0, errmsg: 'OK' });
    expect(orderDoc(o._id)).toMatchObject({ status: 'paid', transactionId: genuine.transactionId });
    expect(orderDoc(other._id).status).toBe('pending_payment');
    expect(all(p, 'points_entries', { memberId: m })).toHaveLength(1);
    // A replay after that is acknowledged and changes nothing.
    const paid = database();
    expect(await notify(genuine)).toEqual({ errcode: 0, errmsg: 'OK' });
    expect(database()).toEqual(paid);
  });

  test('when WeChat Pay cannot be asked, nothing changes and the notification is not acknowledged, so it comes again', async () => {
    const m = await freshMember();
    const o = await order(p, m, [{ productId: await freshProduct(), qty: 1 }]);
    const genuine = await paidAtWeChatPayOnly(m, o._id);
    const before = database();
    const subMchId = process.env.FLYWHEEL_PAY_SUB_MCH_ID;
    delete process.env.FLYWHEEL_PAY_SUB_MCH_ID; // the query fails (no merchant to ask as)
    try {
      expect(await notify(genuine)).toEqual(RETRY);
    } finally {
      process.env.FLYWHEEL_PAY_SUB_MCH_ID = subMchId;
    }
    expect(database()).toEqual(before);
    expect(errors.mock.calls.some((args) => /query failed/.test(String(args[0])))).toBe(true);
    // WeChat's next delivery is confirmed and pays the order.
    expect(await notify(genuine)).toEqual({ errcode: 0, errmsg: 'OK' });
    expect(orderDoc(o._id).status).toBe('paid');
  });
});

describe('refund notifications', () => {
  async function approvedRefund(): Promise<{ m: string; orderId: string; refundId: string; payFen: number }> {
    const m = await freshMember();
    const orderId = await buyAndPay(p, m, [{ productId: await freshProduct(), qty: 1 }]);
    const asked = await shop(p, m, { action: 'requestRefund', orderId, reason: '买错了规格' });
    const refundId = asked.data.order.refund._id;
    expect(await admin(p, ADMIN, { action: 'decideRefund', refundId, decision: 'approve', restock: true })).toMatchObject({ ok: true });
    // The approval sent the refund to WeChat Pay, which has not settled it.
    expect((await control(p, `/control/refunds/${refundId}`)).body.refund.status).toBe('PROCESSING');
    return { m, orderId, refundId, payFen: orderDoc(orderId).payFen };
  }
  const refundNotice = (outRefundNo: string, outTradeNo: string, refundFee: number, refundStatus = 'SUCCESS') => ({
    returnCode: 'SUCCESS',
    reqInfo: { outRefundNo, outTradeNo, refundFee, totalFee: refundFee, refundStatus, successTime: '2024-01-01 12:00:00' },
  });

  test('a forged "refunded" for a refund WeChat Pay has not settled changes nothing; the settlement then completes it', async () => {
    const { orderId, refundId, payFen } = await approvedRefund();
    const before = database();
    expect(await notify(refundNotice(refundId, orderId, payFen))).toEqual(REFUSED);
    expect(await notify(refundNotice('RO000000000000000000000000', orderId, payFen))).toEqual(REFUSED);
    expect(database()).toEqual(before);
    expect(p.emu.db.find({ collection: 'refunds', query: { _id: refundId }, limit: 1 })[0]).toMatchObject({ status: 'approved', refundedAt: null });
    expect(loggedRefusal()).toBe(true);

    // WeChat Pay settles it and notifies: now the refund is done.
    const settled = await control(p, `/control/refunds/${refundId}/confirm`, {});
    expect(settled.body.delivery.result).toEqual({ errcode: 0, errmsg: 'OK' });
    expect(p.emu.db.find({ collection: 'refunds', query: { _id: refundId }, limit: 1 })[0]).toMatchObject({ status: 'refunded' });
    expect(
      orderDoc(orderId)
        .history.map((h: any) => h.event)
        .at(-1),
    ).toBe('refunded');
    // A replay, or a claim of another amount for the settled refund, changes nothing more.
    const done = database();
    expect(await notify(settled.body.delivery.event)).toEqual({ errcode: 0, errmsg: 'OK' });
    expect(await notify(refundNotice(refundId, orderId, 1))).toEqual(REFUSED);
    expect(database()).toEqual(done);
  });

  test('a refund that did not reach the payer (REFUNDCLOSE) changes nothing; a failed query is not acknowledged', async () => {
    const { orderId, refundId, payFen } = await approvedRefund();
    const before = database();
    const closed = await control(p, `/control/refunds/${refundId}/confirm`, { refundStatus: 'REFUNDCLOSE' });
    expect(closed.body.delivery.result).toEqual({ errcode: 0, errmsg: 'OK' });
    // Someone then claims it succeeded: WeChat Pay says REFUNDCLOSE.
    expect(await notify(refundNotice(refundId, orderId, payFen))).toEqual(REFUSED);
    const subMchId = process.env.FLYWHEEL_PAY_SUB_MCH_ID;
    delete process.env.FLYWHEEL_PAY_SUB_MCH_ID;
    try {
      expect(await notify(refundNotice(refundId, orderId, payFen))).toEqual(RETRY);
    } finally {
      process.env.FLYWHEEL_PAY_SUB_MCH_ID = subMchId;
    }
    expect(database()).toEqual(before);
  });
});
