/**
 * Refunds of whole orders. The member asks with a reason; staff approve or reject. Approval makes
 * the order `refunded` and, in the same transaction, takes the points back through the ledger
 * (spent ones become a debt) and tells the ladder (a drop below a threshold starts the grace
 * period, it does not demote at once); it writes as events what cannot be in it: the money back
 * through WeChat Pay (I/O), the units back on sale when staff say they can be sold again (the hot
 * product document), and the referral conversion's reversal when the payment had one.
 */
import { findMember } from '../members/member.repo';
import { now } from '../platform/clock';
import type { TransactionDb } from '../platform/database';
import { fail, ok } from '../platform/result';
import type { ActionContext } from '../platform/router';
import { inTransaction } from '../platform/transaction';
import { asStaff } from '../staff/staff.guard';
import type { OrdersResult } from './orders.errors';
import { applyPendingEvents, writeEvents, type EffectDeps } from './orders.events';
import { applyRefundEffectsInTx, prepareRefund, type RefundPrep } from './orders.refund-effects';
import type { DecideRefundInput, RequestRefundInput } from './orders.inputs';
import type { AdminRefundView, OrderDoc, OrderEventDoc, OrderView, RefundDoc } from './orders.model';
import { findOrder, findRefund, putRefund, updateOrder, updateRefund } from './orders.repo';
import { toAdminRefundView, toOrderView } from './orders.views';
import { refundEventsLeft, refundIdFor, refundNotConfirmed, refundRecordMismatch, refundRequestProblem, type ClaimedRefund } from './order.rules';
import type { PaymentGateway, RefundNotification } from './payment.port';
import { ACK, refused, retryLater, type NotificationAck, type NotificationLog } from './notification-ack';

/** `shop.requestRefund`. A rejected request may be made again (it replaces the old one). */
export async function requestRefund(
  ctx: ActionContext,
  input: RequestRefundInput,
): Promise<OrdersResult<{ order: OrderView }, 'NOT_FOUND' | 'REFUND_NOT_ALLOWED'>> {
  const written = await inTransaction(ctx.db, async (tx): Promise<OrdersResult<{ order: OrderDoc; refund: RefundDoc }, 'NOT_FOUND' | 'REFUND_NOT_ALLOWED'>> => {
    // Each attempt its own time (a retry must not write a time older than what it conflicted with).
    const at = now();
    const order = await findOrder(tx, input.orderId);
    if (!order || order.memberId !== ctx.caller.openid) return fail('NOT_FOUND', '订单不存在');
    const refundId = refundIdFor(order._id);
    const previous = await findRefund(tx, refundId);
    const problem = refundRequestProblem(order, previous, at);
    if (problem) return fail('REFUND_NOT_ALLOWED', problem);
    const refund: RefundDoc = {
      _id: refundId,
      orderId: order._id,
      memberId: order.memberId,
      reason: input.reason,
      amountFen: order.payFen,
      status: 'requested',
      requestedAt: at,
      decidedAt: null,
      decidedBy: null,
      rejectReason: null,
      restock: true,
      refundedAt: null,
      updatedAt: at,
    };
    await putRefund(tx, refund);
    const history = [...order.history, { event: 'refund_requested', at, note: input.reason }];
    await updateOrder(tx, order._id, { refundId, history, updatedAt: at });
    return ok({ order: { ...order, refundId, history }, refund });
  });
  if (!written.ok) return written;
  return ok({ order: toOrderView(written.data.order, written.data.refund, now()) });
}

type DecideError = 'NOT_FOUND' | 'REFUND_ALREADY_DECIDED';

interface Decided {
  /** The order and the refund as the decision left them (the answer is built from these: nothing is read again). */
  order: OrderDoc;
  refund: RefundDoc;
  /** The events the decision wrote, still to apply. */
  pending: OrderEventDoc[];
}

/** The approval's transaction writes only the buyer's documents and the order's own: retries are for the buyer's own concurrent steps. */
const DECIDE_TX_ATTEMPTS = 12;

/**
 * `admin.decideRefund` (admins). Deciding twice is refused, so approving is exactly-once. An
 * approval is one transaction (orders.refund-effects: the points and the ladder fact applied in
 * it), then what it left as events is applied at once: WeChat Pay's refund, the units back on sale,
 * the conversion's reversal when the payment had one. The `order-events` timer finishes whatever
 * that does not.
 */
export function decideRefund(
  ctx: ActionContext,
  pay: PaymentGateway,
  input: DecideRefundInput,
): Promise<OrdersResult<{ refund: AdminRefundView }, DecideError | 'FORBIDDEN'>> {
  return asStaff(ctx, 'orders.refund', `refunds.${input.decision}`, { refundId: input.refundId }, async () => {
    const prep = input.decision === 'approve' ? await prepareRefund(ctx.db) : null;
    const decided = await inTransaction(ctx.db, (tx) => decideInTx(tx, ctx.caller.openid, input, prep), DECIDE_TX_ATTEMPTS);
    if (!decided.ok) return decided;
    const { order, refund, pending } = decided.data;
    // The nickname is the one thing the answer needs that the transaction did not read.
    const [member] = await Promise.all([
      findMember(ctx.db, order.memberId),
      pending.length > 0 ? applyPendingEvents({ db: ctx.db, pay }, order, pending, refund) : null,
    ]);
    return ok({ refund: toAdminRefundView(refund, order, member?.nickname ?? '', now()) });
  });
}

async function decideInTx(tx: TransactionDb, actor: string, input: DecideRefundInput, prep: RefundPrep | null): Promise<OrdersResult<Decided, DecideError>> {
  // Called once per attempt: each takes its own time.
  const at = now();
  const refund = await findRefund(tx, input.refundId);
  if (!refund) return fail('NOT_FOUND', '退款申请不存在');
  if (refund.status !== 'requested') return fail('REFUND_ALREADY_DECIDED', '该退款申请已处理');
  const order = await findOrder(tx, refund.orderId);
  if (!order) return fail('NOT_FOUND', '订单不存在');
  if (input.decision === 'reject') {
    const refundChanges = { status: 'rejected' as const, rejectReason: input.rejectReason, decidedAt: at, decidedBy: actor, updatedAt: at };
    const orderChanges = { history: [...order.history, { event: 'refund_rejected', at, note: input.rejectReason }], updatedAt: at };
    await updateRefund(tx, refund._id, refundChanges);
    await updateOrder(tx, order._id, orderChanges);
    return ok({ order: { ...order, ...orderChanges }, refund: { ...refund, ...refundChanges }, pending: [] });
  }
  if (!prep) throw new Error('an approval needs its preparation');
  const effects = await applyRefundEffectsInTx(tx, order, prep, at);
  const refundChanges = { status: 'approved' as const, restock: input.restock, decidedAt: at, decidedBy: actor, updatedAt: at };
  const orderChanges = {
    status: 'refunded' as const,
    refundedAt: at,
    ...(effects.pointsReversed !== undefined ? { pointsReversed: effects.pointsReversed } : {}),
    history: [...order.history, { event: 'refund_approved', at }],
    updatedAt: at,
  };
  await updateRefund(tx, refund._id, refundChanges);
  await updateOrder(tx, order._id, orderChanges);
  const pending = await writeEvents(tx, order, refundEventsLeft({ points: effects.points, ladder: effects.ladder }, input.restock, order.mayConvert), at);
  return ok({ order: { ...order, ...orderChanges }, refund: { ...refund, ...refundChanges }, pending });
}

type RefundMarked = 'refunded' | 'replayed' | { refused: string };

/**
 * The `payment` function's refund-result handler: the money reached the member. Like a payment
 * notification, it is only a claim: one `queryRefund` round trip asks WeChat Pay first, and the
 * refund is marked done only if WeChat Pay says SUCCESS for that refund, amount and order. A
 * refund WeChat Pay has not settled (PROCESSING) or does not know changes nothing and is
 * acknowledged as refused; a query that fails is not acknowledged, so WeChat delivers it again.
 */
export async function handleRefundNotification(
  deps: EffectDeps & { pay: PaymentGateway },
  event: RefundNotification,
  log: NotificationLog = console,
): Promise<NotificationAck> {
  const info = event.reqInfo;
  if (event.returnCode !== 'SUCCESS' || typeof info?.outRefundNo !== 'string' || !info.outRefundNo) {
    log.error('refund notification without reqInfo.outRefundNo', event);
    return { errcode: 1, errmsg: 'bad notification' };
  }
  if (info.refundStatus !== 'SUCCESS') {
    // CHANGE / REFUNDCLOSE: the money did not reach the member; staff must act (refund to a card, offline). Nothing changes here.
    log.error(`refund ${info.outRefundNo} ended ${info.refundStatus}`);
    return ACK;
  }
  const claimed: ClaimedRefund = {
    outRefundNo: info.outRefundNo,
    ...(typeof info.outTradeNo === 'string' ? { outTradeNo: info.outTradeNo } : {}),
    ...(typeof info.refundFee === 'number' ? { refundFee: info.refundFee } : {}),
    ...(typeof info.transactionId === 'string' ? { transactionId: info.transactionId } : {}),
  };
  const asked = await deps.pay.queryRefund(info.outRefundNo);
  if (!asked.ok) {
    log.error(`refund notification for ${info.outRefundNo} not confirmed yet: WeChat Pay query failed: ${asked.message}`);
    return retryLater();
  }
  const unconfirmed = refundNotConfirmed(claimed, asked.data);
  if (unconfirmed || !asked.data) {
    log.error(`refund notification refused (WeChat Pay does not confirm it): ${unconfirmed}`, claimed);
    return refused();
  }
  const confirmed = asked.data;
  const marked = await inTransaction(deps.db, async (tx): Promise<RefundMarked> => {
    const at = now();
    const refund = await findRefund(tx, confirmed.outRefundNo);
    if (!refund) return { refused: `refund ${confirmed.outRefundNo} is not ours` };
    if (refund.status === 'refunded') return 'replayed';
    // Settled at WeChat Pay without our approval (from the merchant console, say): staff reconcile it.
    if (refund.status !== 'approved') return { refused: `refund ${refund._id} is ${refund.status} here` };
    const order = await findOrder(tx, refund.orderId);
    const mismatch = refundRecordMismatch(refund, order, confirmed);
    if (mismatch) return { refused: mismatch };
    await updateRefund(tx, refund._id, { status: 'refunded', refundedAt: at, updatedAt: at });
    if (order) await updateOrder(tx, order._id, { history: [...order.history, { event: 'refunded', at }], updatedAt: at });
    return 'refunded';
  });
  if (typeof marked === 'object') {
    log.error(`refund notification refused: ${marked.refused}`);
    return refused();
  }
  return ACK;
}
