/**
 * Paying for an order: starting a WeChat Pay payment (`shop.pay`) and the payment result WeChat
 * Pay delivers to the `payment` function. A notification is only a claim (anything that can invoke
 * the function can send one), so the order is marked paid only once WeChat Pay's own record,
 * asked with `queryOrder`, says the same. The result marks the order paid exactly once, and the
 * same transaction writes its effects as events (points, ladder fact, stock settlement); WeChat
 * retries a notification until it is acknowledged, so every delivery after the first is a no-op.
 */
import { now } from '../platform/clock';
import type { TransactionDb } from '../platform/database';
import { fail, ok, type Result } from '../platform/result';
import type { ActionContext } from '../platform/router';
import { inTransaction } from '../platform/transaction';
import { readOrNull } from '../points/points.repo';
import { COUPONS, type CouponDoc } from '../rewards/rewards.model';
import { applyOrderEvents, writeEvents, type EffectDeps } from './orders.events';
import { ORDERS, REFUNDS, type OrderDoc, type PayStart, type RefundDoc } from './orders.model';
import { findOrder } from './orders.repo';
import { ACK, refused, retryLater, type NotificationAck, type NotificationLog } from './notification-ack';
import { canPay, PAID_EVENTS, paymentNotConfirmed, refundIdFor, type ConfirmedPayment } from './order.rules';
import type { PaymentGateway, PaymentNotification } from './payment.port';

/** The brand name on the payer's WeChat Pay receipt; set per deployment. */
export const PAY_BODY_PREFIX_ENV = 'FLYWHEEL_PAY_BODY_PREFIX';

function payBody(order: OrderDoc): string {
  const prefix = process.env[PAY_BODY_PREFIX_ENV] ?? '会员商城';
  const first = order.lines[0]?.name ?? '商品';
  const count = order.lines.reduce((n, l) => n + l.qty, 0);
  return `${prefix}-${first}${count > 1 ? ` 等 ${count} 件` : ''}`.slice(0, 40);
}

/** Starts (or restarts: WeChat Pay answers the same outTradeNo with the same prepay) the payment of the caller's order. */
export async function startPayment(ctx: ActionContext, pay: PaymentGateway, orderId: string): Promise<Result<PayStart, 'NOT_FOUND' | 'ORDER_NOT_PAYABLE' | 'PAYMENT_UNAVAILABLE'>> {
  const order = await findOrder(ctx.db, orderId);
  if (!order || order.memberId !== ctx.caller.openid) return fail('NOT_FOUND', '订单不存在');
  if (!canPay(order, now())) return fail('ORDER_NOT_PAYABLE', order.status === 'pending_payment' ? '订单已超时，请重新下单' : '该订单无需支付');
  const started = await pay.unifiedOrder({ outTradeNo: order._id, totalFee: order.payFen, body: payBody(order), openid: order.memberId, expiresAt: order.expiresAt });
  if (!started.ok) return fail('PAYMENT_UNAVAILABLE', `暂时无法发起支付：${started.message}`);
  return ok({ orderId: order._id, outTradeNo: order._id, payment: started.data.payment });
}

export type { NotificationAck } from './notification-ack';

export type PaidOutcome = 'paid' | 'replayed' | 'closed_refunding' | 'ignored';

/**
 * Marks the order paid and writes its effects, in one transaction. Only for a payment WeChat Pay
 * confirmed (handlePaymentNotification asks it first). A payment that arrives for an order already
 * closed (its stock given back) is not turned into a sale: the money goes back through an
 * automatic, already-approved refund.
 */
export async function markPaid(deps: EffectDeps, paid: ConfirmedPayment): Promise<Result<PaidOutcome, 'NOT_FOUND' | 'PAYMENT_MISMATCH'>> {
  return inTransaction(deps.db, async (tx): Promise<Result<PaidOutcome, 'NOT_FOUND' | 'PAYMENT_MISMATCH'>> => {
    // Each attempt takes its own time: a retry after a conflict must not write a time older than
    // the commit it conflicted with (the order's history stays in order).
    const at = now();
    const order = await readOrNull<OrderDoc>(tx.collection(ORDERS).doc(paid.outTradeNo));
    if (!order) return fail('NOT_FOUND', `order ${paid.outTradeNo} not found`);
    if (order.transactionId === paid.transactionId) return ok('replayed');
    if (order.payFen !== paid.totalFee) return fail('PAYMENT_MISMATCH', `order ${order._id} is ${order.payFen} fen, payment says ${paid.totalFee}`);
    if (order.status === 'pending_payment') {
      await paidInTx(tx, order, paid.transactionId, at);
      return ok('paid');
    }
    if (order.status === 'closed') {
      await refundLatePayment(tx, order, paid.transactionId, at);
      return ok('closed_refunding');
    }
    // Paid by another transaction id (WeChat does not do this) or refunded: leave it to staff.
    return ok('ignored');
  });
}

async function paidInTx(tx: TransactionDb, order: OrderDoc, transactionId: string, at: Date): Promise<void> {
  if (order.coupon) {
    const coupon = await readOrNull<CouponDoc>(tx.collection(COUPONS).doc(order.coupon.id));
    if (coupon?.orderId === order._id) await tx.collection(COUPONS).doc(order.coupon.id).update({ data: { state: 'used', usedAt: at } });
  }
  await tx.collection(ORDERS).doc(order._id).update({
    data: { status: 'paid', paidAt: at, transactionId, updatedAt: at, history: [...order.history, { event: 'paid', at }] },
  });
  await writeEvents(tx, order, PAID_EVENTS, at);
}

async function refundLatePayment(tx: TransactionDb, order: OrderDoc, transactionId: string, at: Date): Promise<void> {
  const refund: RefundDoc = {
    _id: refundIdFor(order._id),
    orderId: order._id,
    memberId: order.memberId,
    reason: '订单关闭后才收到付款，自动退款',
    amountFen: order.payFen,
    status: 'approved',
    requestedAt: at,
    decidedAt: at,
    decidedBy: 'system',
    rejectReason: null,
    restock: false,
    refundedAt: null,
    updatedAt: at,
  };
  const { _id, ...data } = refund;
  await tx.collection(REFUNDS).doc(_id).set({ data });
  await tx.collection(ORDERS).doc(order._id).update({
    data: {
      status: 'refunded',
      transactionId,
      refundId: refund._id,
      refundedAt: at,
      updatedAt: at,
      history: [...order.history, { event: 'paid', at }, { event: 'refund_approved', at, note: refund.reason }],
    },
  });
  await writeEvents(tx, order, ['pay_refund'], at);
}

/**
 * The `payment` function's payment-result handler. One `queryOrder` round trip to WeChat Pay
 * before anything is written: a notification WeChat Pay does not vouch for (no such order, not
 * paid, another transaction, another amount) changes nothing and is acknowledged as refused; a
 * query that fails is not acknowledged, so a genuine notification comes again.
 */
export async function handlePaymentNotification(deps: EffectDeps & { pay: PaymentGateway }, event: PaymentNotification, log: NotificationLog = console): Promise<NotificationAck> {
  // A failed payment changes nothing; there is nothing to confirm.
  if (event.returnCode !== 'SUCCESS' || event.resultCode !== 'SUCCESS') return ACK;
  const { outTradeNo, transactionId, totalFee } = event;
  if (typeof outTradeNo !== 'string' || !outTradeNo || typeof transactionId !== 'string' || !transactionId || typeof totalFee !== 'number') {
    log.error('payment notification without outTradeNo/transactionId/totalFee', event);
    return { errcode: 1, errmsg: 'bad notification' };
  }
  const claimed: ConfirmedPayment = { outTradeNo, transactionId, totalFee };
  const asked = await deps.pay.queryOrder(outTradeNo);
  if (!asked.ok) {
    log.error(`payment notification for ${outTradeNo} not confirmed yet: WeChat Pay query failed: ${asked.message}`);
    return retryLater();
  }
  const unconfirmed = paymentNotConfirmed(claimed, asked.data);
  if (unconfirmed) {
    log.error(`payment notification refused (WeChat Pay does not confirm it): ${unconfirmed}`, claimed);
    return refused();
  }
  const marked = await markPaid(deps, claimed);
  if (!marked.ok) {
    // Paid at WeChat Pay but not this order as we know it: acknowledged (a retry would not change it) and logged for staff.
    log.error(`payment notification refused: ${marked.error.code} ${marked.error.message}`);
    return refused();
  }
  // A replay also retries what an earlier delivery left pending (the timer would, a bit later).
  if (marked.data !== 'ignored') await applyOrderEvents(deps, outTradeNo);
  return ACK;
}
