/**
 * Paying for an order: starting a WeChat Pay payment (`shop.pay`) and the payment result WeChat
 * Pay delivers to the `payment` function. The result marks the order paid exactly once, and the
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
import { canPay, PAID_EVENTS, refundIdFor } from './order.rules';
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

/** What the payment function answers WeChat: `errcode: 0` stops its retries. */
export interface NotificationAck {
  errcode: number;
  errmsg: string;
}

export type PaidOutcome = 'paid' | 'replayed' | 'closed_refunding' | 'ignored';

/**
 * Marks the order paid and writes its effects, in one transaction. A payment that arrives for an
 * order already closed (its stock given back) is not turned into a sale: the money goes back
 * through an automatic, already-approved refund.
 */
export async function markPaid(deps: EffectDeps, n: Required<Pick<PaymentNotification, 'outTradeNo' | 'transactionId' | 'totalFee'>>, at: Date): Promise<Result<PaidOutcome, 'NOT_FOUND' | 'PAYMENT_MISMATCH'>> {
  return inTransaction(deps.db, async (tx): Promise<Result<PaidOutcome, 'NOT_FOUND' | 'PAYMENT_MISMATCH'>> => {
    const order = await readOrNull<OrderDoc>(tx.collection(ORDERS).doc(n.outTradeNo));
    if (!order) return fail('NOT_FOUND', `order ${n.outTradeNo} not found`);
    if (order.transactionId === n.transactionId) return ok('replayed');
    if (order.payFen !== n.totalFee) return fail('PAYMENT_MISMATCH', `order ${order._id} is ${order.payFen} fen, payment says ${n.totalFee}`);
    if (order.status === 'pending_payment') {
      await paidInTx(tx, order, n.transactionId, at);
      return ok('paid');
    }
    if (order.status === 'closed') {
      await refundLatePayment(tx, order, n.transactionId, at);
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

/** The `payment` function's payment-result handler. */
export async function handlePaymentNotification(deps: EffectDeps, event: PaymentNotification, log: { error(m: string, e?: unknown): void } = console): Promise<NotificationAck> {
  if (event.returnCode !== 'SUCCESS' || event.resultCode !== 'SUCCESS') return { errcode: 0, errmsg: 'OK' };
  const { outTradeNo, transactionId, totalFee } = event;
  if (typeof outTradeNo !== 'string' || typeof transactionId !== 'string' || typeof totalFee !== 'number') {
    log.error('payment notification without outTradeNo/transactionId/totalFee', event);
    return { errcode: 1, errmsg: 'bad notification' };
  }
  const at = now();
  const marked = await markPaid(deps, { outTradeNo, transactionId, totalFee }, at);
  if (!marked.ok) {
    // Not ours or not matching: acknowledged (a retry would not change it) and logged for staff.
    log.error(`payment notification refused: ${marked.error.code} ${marked.error.message}`);
    return { errcode: 0, errmsg: 'OK' };
  }
  // A replay also retries what an earlier delivery left pending (the timer would, a bit later).
  if (marked.data !== 'ignored') await applyOrderEvents(deps, outTradeNo, at);
  return { errcode: 0, errmsg: 'OK' };
}
