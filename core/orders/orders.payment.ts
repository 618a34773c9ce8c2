/**
 * Paying for an order: starting a WeChat Pay payment (`shop.pay`) and the payment result WeChat
 * Pay delivers to the `payment` function. A notification is only a claim (anything that can invoke
 * the function can send one), so the order is marked paid only once WeChat Pay's own record,
 * asked with `queryOrder`, says the same. The result marks the order paid exactly once; the same
 * transaction applies the points and the ladder fact and writes the rest as events (stock
 * settlement, the conversion when a card is behind the purchase); WeChat retries a notification
 * until it is acknowledged, so every delivery after the first is a no-op.
 */
import { now } from '../platform/clock';
import type { TransactionDb } from '../platform/database';
import { fail, ok } from '../platform/result';
import type { ActionContext } from '../platform/router';
import { inTransaction } from '../platform/transaction';
import { findCoupon, markCouponUsed } from '../rewards/rewards.repo';
import type { OrdersResult } from './orders.errors';
import { applyOrderEvents, applyPendingEvents, writeEvents, type EffectDeps } from './orders.events';
import { applyPaidEffectsInTx, preparePaid, type PaidPrep } from './orders.paid-effects';
import type { OrderDoc, OrderEventDoc, PayStart, RefundDoc } from './orders.model';
import { findOrder, putRefund, updateOrder } from './orders.repo';
import { ACK, refused, retryLater, type NotificationAck, type NotificationLog } from './notification-ack';
import { canPay, paidEventsLeft, paymentNotConfirmed, refundIdFor, type ConfirmedPayment } from './order.rules';
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
export async function startPayment(
  ctx: ActionContext,
  pay: PaymentGateway,
  orderId: string,
): Promise<OrdersResult<PayStart, 'NOT_FOUND' | 'ORDER_NOT_PAYABLE' | 'PAYMENT_UNAVAILABLE'>> {
  const order = await findOrder(ctx.db, orderId);
  if (!order || order.memberId !== ctx.caller.openid) return fail('NOT_FOUND', '订单不存在');
  if (!canPay(order, now())) return fail('ORDER_NOT_PAYABLE', order.status === 'pending_payment' ? '订单已超时，请重新下单' : '该订单无需支付');
  const started = await pay.unifiedOrder({
    outTradeNo: order._id,
    totalFee: order.payFen,
    body: payBody(order),
    openid: order.memberId,
    expiresAt: order.expiresAt,
  });
  if (!started.ok) return fail('PAYMENT_UNAVAILABLE', `暂时无法发起支付：${started.message}`);
  return ok({ orderId: order._id, outTradeNo: order._id, payment: started.data.payment });
}

export type { NotificationAck } from './notification-ack';

export type PaidOutcome = 'paid' | 'replayed' | 'closed_refunding' | 'ignored';

export interface PaymentRecorded {
  outcome: PaidOutcome;
  /** The order as this call left it (or found it). */
  order: OrderDoc;
  /** The events this call wrote, still to apply; null when it wrote none this time (a replay: read them). */
  pending: OrderEventDoc[] | null;
}

/** A payment's transaction touches only the buyer's documents (and the coupon): retries are for the buyer's own concurrent steps. */
const PAID_TX_ATTEMPTS = 12;

/**
 * Marks the order paid, with its effects, in one transaction. Only for a payment WeChat Pay
 * confirmed (handlePaymentNotification asks it first). A payment that arrives for an order already
 * closed (its stock given back) is not turned into a sale: the money goes back through an
 * automatic, already-approved refund.
 */
export async function markPaid(deps: EffectDeps, paid: ConfirmedPayment): Promise<OrdersResult<PaidOutcome, 'NOT_FOUND' | 'PAYMENT_MISMATCH'>> {
  const recorded = await recordPayment(deps, paid);
  return recorded.ok ? ok(recorded.data.outcome) : recorded;
}

/**
 * markPaid, telling the caller what it left to apply. The order is read once outside the
 * transaction: a re-delivery (WeChat re-sends until acknowledged) ends there, with no transaction,
 * and a first delivery learns whose order it is to read what the transaction needs (preparePaid).
 * The transaction then reads the order again and decides on that: an order only moves forward
 * (unpaid -> paid or closed), so what the first read ruled out cannot come back.
 *
 * In the transaction: order -> paid (stock taken), coupon -> used, the points and the ladder fact
 * applied (orders.paid-effects), and as events what is left: settling the stock and, with a card
 * behind the purchase, the conversion.
 */
export async function recordPayment(deps: EffectDeps, paid: ConfirmedPayment): Promise<OrdersResult<PaymentRecorded, 'NOT_FOUND' | 'PAYMENT_MISMATCH'>> {
  const seen = await findOrder(deps.db, paid.outTradeNo);
  if (!seen) return fail('NOT_FOUND', `order ${paid.outTradeNo} not found`);
  if (seen.transactionId === paid.transactionId) return ok({ outcome: 'replayed', order: seen, pending: null });
  if (seen.payFen !== paid.totalFee) return fail('PAYMENT_MISMATCH', `order ${seen._id} is ${seen.payFen} fen, payment says ${paid.totalFee}`);
  // Paid by another transaction id (WeChat does not do this) or refunded: leave it to staff.
  if (seen.status !== 'pending_payment' && seen.status !== 'closed') return ok({ outcome: 'ignored', order: seen, pending: [] });
  const prep = seen.status === 'pending_payment' ? await preparePaid(deps.db, seen) : null;

  return inTransaction(
    deps.db,
    async (tx): Promise<OrdersResult<PaymentRecorded, 'NOT_FOUND' | 'PAYMENT_MISMATCH'>> => {
      // Each attempt takes its own time: a retry after a conflict must not write a time older than
      // the commit it conflicted with (the order's history stays in order).
      const at = now();
      const order = await findOrder(tx, paid.outTradeNo);
      if (!order) return fail('NOT_FOUND', `order ${paid.outTradeNo} not found`);
      if (order.transactionId === paid.transactionId) return ok({ outcome: 'replayed', order, pending: null });
      if (order.status === 'pending_payment') {
        // Unpaid now means unpaid at the first read too (orders never go back), so prep was read.
        if (!prep) throw new Error(`order ${order._id} is unpaid but was ${seen.status} before`);
        return ok({ outcome: 'paid', ...(await paidInTx(tx, order, paid.transactionId, at, prep)) });
      }
      if (order.status === 'closed') return ok({ outcome: 'closed_refunding', ...(await refundLatePayment(tx, order, paid.transactionId, at)) });
      return ok({ outcome: 'ignored', order, pending: [] });
    },
    PAID_TX_ATTEMPTS,
  );
}

async function paidInTx(
  tx: TransactionDb,
  order: OrderDoc,
  transactionId: string,
  at: Date,
  prep: PaidPrep,
): Promise<{ order: OrderDoc; pending: OrderEventDoc[] }> {
  if (order.coupon) {
    const coupon = await findCoupon(tx, order.coupon.id);
    if (coupon?.orderId === order._id) await markCouponUsed(tx, order.coupon.id, at);
  }
  const effects = await applyPaidEffectsInTx(tx, order, prep, at);
  const changes = {
    status: 'paid' as const,
    paidAt: at,
    transactionId,
    // Sold: the hold record on the product is dropped by `stock_settle`, outside (the product is the hot document).
    stock: 'taken' as const,
    ...(effects.pointsEarned !== null ? { pointsEarned: effects.pointsEarned } : {}),
    // A refund reverses a conversion only when this payment wrote one's event (refundEventsLeft).
    mayConvert: prep.mayConvert,
    updatedAt: at,
    history: [...order.history, { event: 'paid', at }],
  };
  await updateOrder(tx, order._id, changes);
  const pending = await writeEvents(tx, order, paidEventsLeft({ points: effects.pointsEarned !== null, ladder: effects.ladder }, prep.mayConvert), at);
  return { order: { ...order, ...changes }, pending };
}

async function refundLatePayment(tx: TransactionDb, order: OrderDoc, transactionId: string, at: Date): Promise<{ order: OrderDoc; pending: OrderEventDoc[] }> {
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
  await putRefund(tx, refund);
  const changes = {
    status: 'refunded' as const,
    transactionId,
    refundId: refund._id,
    refundedAt: at,
    updatedAt: at,
    history: [...order.history, { event: 'paid', at }, { event: 'refund_approved', at, note: refund.reason }],
  };
  await updateOrder(tx, order._id, changes);
  return { order: { ...order, ...changes }, pending: await writeEvents(tx, order, ['pay_refund'], at) };
}

/**
 * The `payment` function's payment-result handler. One `queryOrder` round trip to WeChat Pay
 * before anything is written: a notification WeChat Pay does not vouch for (no such order, not
 * paid, another transaction, another amount) changes nothing and is acknowledged as refused; a
 * query that fails is not acknowledged, so a genuine notification comes again.
 */
export async function handlePaymentNotification(
  deps: EffectDeps & { pay: PaymentGateway },
  event: PaymentNotification,
  log: NotificationLog = console,
): Promise<NotificationAck> {
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
  const marked = await recordPayment(deps, claimed);
  if (!marked.ok) {
    // Paid at WeChat Pay but not this order as we know it: acknowledged (a retry would not change it) and logged for staff.
    log.error(`payment notification refused: ${marked.error.code} ${marked.error.message}`);
    return refused();
  }
  await applyRecorded(deps, marked.data);
  return ACK;
}

/** Applies what recording a payment left: the events it wrote, or (a replay) whatever an earlier delivery left pending. */
export async function applyRecorded(deps: EffectDeps, recorded: PaymentRecorded): Promise<void> {
  if (recorded.outcome === 'ignored') return;
  // A replay also retries what an earlier delivery left pending (the timer would, a bit later).
  if (recorded.pending === null) await applyOrderEvents(deps, recorded.order._id, recorded.order);
  else if (recorded.pending.length > 0) await applyPendingEvents(deps, recorded.order, recorded.pending);
}
