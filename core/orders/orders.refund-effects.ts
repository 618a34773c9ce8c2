/**
 * A refund's own effects, applied in the transaction that approves it: the points reversal and
 * the ladder's `order_refunded` fact. Like a payment's (orders.paid-effects.ts), both write only
 * the buyer's documents (wallet, ledger line, member, facts, tier change) and are keyed by the
 * order (ledger source key `order:<id>:reverse`, fact per order), so they stay exactly-once and add
 * no contention between members; applying them there saves an approval two transactions and their
 * events' writes and done marks. What they need from outside — the ladder configuration — is read
 * once, before the transaction.
 *
 * A typed failure (no such member, a ledger refusal) writes nothing and leaves that effect as an
 * event for the `order-events` timer (`points_reverse`, `ladder_refunded`), as before.
 */
import type { LadderConfig } from '../ladder/ladder.config';
import { loadLadderConfig } from '../ladder/ladder.repo';
import { recordLadderFactInTx } from '../ladder/ladder.usecases';
import type { Database, TransactionDb } from '../platform/database';
import { applyPointsChange } from '../points/points.ledger';
import { EARN_CANCELLED_NOTE, markDoneInTx, reverseChange } from './orders.events';
import type { OrderDoc } from './orders.model';
import { findEvent } from './orders.repo';
import { eventId } from './order.rules';

export interface RefundPrep {
  ladder: LadderConfig;
}

/** One read before the approval's transaction. */
export async function prepareRefund(db: Database): Promise<RefundPrep> {
  return { ladder: await loadLadderConfig(db) };
}

export interface RefundEffects {
  /** False when the ledger refused the reversal: left to `points_reverse`. */
  points: boolean;
  /** Points taken back, for the order's `pointsReversed`; absent when nothing is to be recorded there (the earn was cancelled, or the ledger refused). */
  pointsReversed?: number;
  /** False when the ladder refused the fact: left to `ladder_refunded`. */
  ladder: boolean;
}

/**
 * Inside the approval's transaction attempt (`at` is that attempt's time, also the order's
 * refundedAt), on the order as that attempt read it: the points, then the ladder fact.
 */
export async function applyRefundEffectsInTx(tx: TransactionDb, order: OrderDoc, prep: RefundPrep, at: Date): Promise<RefundEffects> {
  const points = await reversePointsInTx(tx, order, at);
  const fact = await recordLadderFactInTx(tx, { kind: 'order_refunded', memberId: order.memberId, orderId: order._id, refundedAt: at }, prep.ladder, at);
  return { ...points, ladder: fact.ok };
}

/**
 * Takes back what the order earned (`pointsEarned`, set by the payment's transaction or by
 * `points_earn`). An earn that has not applied yet (its event still pending: the payment's ledger
 * refused it) is cancelled instead, in this transaction: the event's done mark and the order's
 * refund are written together, so whichever of the two commits first, the other sees it (both write
 * the order) and the pair is exactly-once in any order.
 */
async function reversePointsInTx(tx: TransactionDb, order: OrderDoc, at: Date): Promise<Pick<RefundEffects, 'points' | 'pointsReversed'>> {
  if (order.pointsEarned === null || order.pointsEarned === undefined) {
    const earnId = eventId(order._id, 'points_earn');
    const earn = await findEvent(tx, earnId);
    if (earn?.status === 'pending') {
      await markDoneInTx(tx, earnId, at, EARN_CANCELLED_NOTE);
      return { points: true };
    }
    return { points: true, pointsReversed: 0 };
  }
  const amount = order.pointsEarned;
  if (amount <= 0) return { points: true, pointsReversed: 0 };
  const reversed = await applyPointsChange(tx, reverseChange(order, amount), at);
  return reversed.ok ? { points: true, pointsReversed: amount } : { points: false };
}
