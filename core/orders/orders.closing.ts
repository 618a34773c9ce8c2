/**
 * Closing unpaid orders: the member cancels, or the payment window passes (the `orders-expire`
 * timer, which asks WeChat Pay first: a payment whose notification never arrived is recorded, not
 * closed). Closing gives the coupon back in the same transaction and writes the stock release as
 * an event. The timer also finds holds a crash left without an order and gives them back, and
 * drops the restock marks of refunds restored long ago.
 */
import { dropRestockMark, productsWithMarks, releaseHold } from '../catalog/product-stock.repo';
import { drain, timeBudget } from '../platform/batches';
import { now } from '../platform/clock';
import type { Database } from '../platform/database';
import { cursorAfter } from '../platform/paging';
import { fail, ok } from '../platform/result';
import type { ActionContext } from '../platform/router';
import { inTransaction } from '../platform/transaction';
import { findCoupon, unlockCoupon } from '../rewards/rewards.repo';
import type { OrdersResult } from './orders.errors';
import { applyOrderEvents, writeEvents, type EffectDeps } from './orders.events';
import type { OrderDoc, OrderView } from './orders.model';
import { findEvent, findOrder, ordersDueToExpire, updateOrder } from './orders.repo';
import { applyRecorded, recordPayment } from './orders.payment';
import type { NotificationLog } from './notification-ack';
import { toOrderView } from './orders.views';
import { cancelProblem, CLOSED_EVENTS, eventId, expiryDecision } from './order.rules';
import type { PaymentGateway } from './payment.port';

/** A hold this old with no order behind it was left by a crash between holding and writing the order. */
export const ORPHAN_HOLD_AGE_MS = 10 * 60 * 1000;

/**
 * A refund's restock mark on the product (catalog/product-stock.repo restoreUnits) is kept this long after the
 * restore, and dropped only once its event is done: a run that saw the event pending and is about
 * to restore again must still find the mark, and no run lasts anywhere near an hour (a cloud
 * function's time limit is at most minutes).
 */
export const RESTOCK_MARK_AGE_MS = 60 * 60 * 1000;

type CloseReason = 'expired' | 'cancelled';

/**
 * Closes the order if it is still unpaid (and, for expiry, past its window by `dueBy`, the expiry
 * run's fixed time, else now). The closed order when this call closed it, else null.
 */
export async function closeOrder(deps: EffectDeps, orderId: string, reason: CloseReason, dueBy?: Date): Promise<OrderDoc | null> {
  const closed = await inTransaction(deps.db, async (tx): Promise<OrderDoc | null> => {
    // This attempt's own time: a retry after a conflict must not write a time older than the
    // commit it conflicted with (say, a payment recorded a moment before).
    const at = now();
    const order = await findOrder(tx, orderId);
    if (!order || order.status !== 'pending_payment') return null;
    if (reason === 'expired' && new Date(order.expiresAt).getTime() > (dueBy ?? at).getTime()) return null;
    if (order.coupon) {
      const coupon = await findCoupon(tx, order.coupon.id);
      if (coupon?.state === 'locked' && coupon.orderId === orderId) await unlockCoupon(tx, order.coupon.id);
    }
    const changes = {
      status: 'closed' as const,
      closedAt: at,
      closeReason: reason,
      updatedAt: at,
      history: [...order.history, { event: `closed_${reason}`, at }],
    };
    await updateOrder(tx, orderId, changes);
    await writeEvents(tx, order, CLOSED_EVENTS, at);
    return { ...order, ...changes };
  });
  if (closed) await applyOrderEvents(deps, orderId);
  return closed;
}

/**
 * `shop.cancelOrder`: the member closes their unpaid order; WeChat Pay is told too, so it can no
 * longer be paid. When a payment gets there first (the member paid on another screen a moment
 * before), the answer is the refusal ORDER_NOT_CANCELLABLE, never "ok" with a paid order; the
 * client reads the order again and shows it paid.
 */
export async function cancelOrder(
  ctx: ActionContext,
  pay: PaymentGateway,
  orderId: string,
): Promise<OrdersResult<{ order: OrderView }, 'NOT_FOUND' | 'ORDER_NOT_CANCELLABLE'>> {
  const order = await findOrder(ctx.db, orderId);
  if (!order || order.memberId !== ctx.caller.openid) return fail('NOT_FOUND', '订单不存在');
  const before = cancelProblem(order);
  if (before) return fail('ORDER_NOT_CANCELLABLE', before);
  const closed = await closeOrder({ db: ctx.db, pay }, orderId, 'cancelled');
  if (!closed) {
    // Lost the race: a payment (or the expiry job) changed the order between the read and the
    // transaction. The same refusal as if it had been so before, saying what it is now.
    const current = await findOrder(ctx.db, orderId);
    return fail('ORDER_NOT_CANCELLABLE', (current && cancelProblem(current)) ?? '订单状态已变化，请刷新后重试');
  }
  // Best effort: if WeChat still takes a payment, the late-payment refund gives it back.
  await pay.closeOrder(orderId).catch(() => undefined);
  return ok({ order: toOrderView(closed, null, now()) });
}

export interface ExpiryRun {
  expired: number;
  /** Orders WeChat Pay says were paid (their notification lost or refused): recorded as paid, not closed. */
  paid: number;
  /** Orders left for the next run: WeChat Pay could not be asked, or the payer was still paying. */
  waiting: number;
  orphanHoldsReleased: number;
  /** Refunds' restock marks dropped from products (their restore done over an hour ago). */
  restockMarksDropped: number;
  more: boolean;
}

/**
 * The `orders-expire` timer: unpaid orders past their window, oldest first. Before closing one it
 * asks WeChat Pay (`queryOrder`): a genuine payment whose notification was lost or refused is
 * recorded as paid (with its effects) instead of the order being closed and its money refunded;
 * an order WeChat Pay cannot answer for yet waits for a later run (up to PAY_QUERY_GRACE_MS past
 * its window). Then orphan holds are swept. `dueBy` (the run's start) is fixed for the whole run so
 * it selects one set of due orders and holds; each close writes its own time, taken in its transaction.
 */
export async function expireDueOrders(
  deps: EffectDeps,
  dueBy: Date,
  options: { batchSize: number; budgetMs: number },
  log: NotificationLog = console,
): Promise<OrdersResult<ExpiryRun>> {
  const run: ExpiryRun = { expired: 0, paid: 0, waiting: 0, orphanHoldsReleased: 0, restockMarksDropped: 0, more: false };
  const done = await drain<OrderDoc>({
    next: (last) => ordersDueToExpire(deps.db, dueBy, options.batchSize, last && cursorAfter(last, 'expiresAt')),
    budget: timeBudget(options.budgetMs),
    work: async (order) => {
      const outcome = await expireOne(deps, order, dueBy, log);
      if (outcome !== 'none') run[outcome]++;
    },
  });
  if (!done) return ok({ ...run, more: true });
  const swept = await releaseOrphanHolds(deps.db, dueBy);
  run.orphanHoldsReleased = swept.released;
  run.restockMarksDropped = swept.marksDropped;
  return ok(run);
}

async function expireOne(deps: EffectDeps, order: OrderDoc, dueBy: Date, log: NotificationLog): Promise<'expired' | 'paid' | 'waiting' | 'none'> {
  const asked = deps.pay ? await deps.pay.queryOrder(order._id) : null;
  const decision = expiryDecision(order, asked, dueBy);
  if (decision.kind === 'wait') return 'waiting';
  if (decision.kind === 'paid') {
    const recorded = await recordPayment(deps, decision.payment);
    if (recorded.ok) {
      await applyRecorded(deps, recorded.data);
      // 'replayed': the notification got through meanwhile; 'closed_refunding': a cancel won, the money goes back.
      if (recorded.data.outcome !== 'paid') return 'none';
      log.error(`order ${order._id}: paid at WeChat Pay (${decision.payment.transactionId}) but never recorded from a notification; recorded by orders-expire`);
      return 'paid';
    }
    // Paid at WeChat Pay, but not this order's amount: not a sale here. Closed; staff reconcile from the log.
    log.error(`order ${order._id}: WeChat Pay reports a payment this order does not match: ${recorded.error.code} ${recorded.error.message}`);
  }
  if (!(await closeOrder(deps, order._id, 'expired', dueBy))) return 'none';
  // Best effort, as for a cancel: should WeChat Pay still take it, the late-payment refund gives it back.
  if (decision.kind === 'close' && decision.closeAtPay && deps.pay) await deps.pay.closeOrder(order._id).catch(() => undefined);
  return 'expired';
}

/**
 * Holds older than ORPHAN_HOLD_AGE_MS whose order was never written are given back; refunds'
 * restock marks older than RESTOCK_MARK_AGE_MS whose restore is done are dropped. One query: the
 * products that carry either (the catalog is capped).
 */
export async function releaseOrphanHolds(db: Database, at: Date): Promise<{ released: number; marksDropped: number }> {
  const products = await productsWithMarks(db, 100);
  let released = 0;
  let marksDropped = 0;
  for (const product of products) {
    for (const [orderId, hold] of Object.entries(product.holds ?? {})) {
      if (at.getTime() - new Date(hold.at).getTime() < ORPHAN_HOLD_AGE_MS) continue;
      if (await findOrder(db, orderId)) continue;
      await releaseHold(db, product._id, orderId);
      released++;
    }
    for (const [orderId, mark] of Object.entries(product.restocks ?? {})) {
      if (at.getTime() - new Date(mark.at).getTime() < RESTOCK_MARK_AGE_MS) continue;
      // A restore still pending needs its mark: its retry must find the units already back.
      const restore = await findEvent(db, eventId(orderId, 'stock_restore'));
      if (restore?.status === 'pending') continue;
      await dropRestockMark(db, product._id, orderId);
      marksDropped++;
    }
  }
  return { released, marksDropped };
}
