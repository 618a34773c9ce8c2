/**
 * A payment's own effects, applied in the transaction that marks the order paid: the points it
 * earns and the ladder's `order_paid` fact. Both write only the buyer's documents (wallet, ledger
 * line, member, facts, tier change) and are keyed by the order (ledger source key, fact per order),
 * so they add no contention between buyers and stay exactly-once; applying them there saves each
 * payment two transactions, the order's re-read and the events' done marks. What they need from
 * outside — the ladder configuration (tier multipliers and thresholds) and whether any card the
 * buyer opened might credit a sharer — is read once, before the transaction.
 *
 * A typed failure (no such member, a ledger refusal) writes nothing and leaves that effect as an
 * event for the `order-events` timer, as before; a thrown error fails the whole transaction and
 * WeChat Pay delivers the notification again.
 */
import { benefitsOf, type LadderConfig } from '../ladder/ladder.config';
import { loadLadderConfig } from '../ladder/ladder.repo';
import { recordLadderFactInTx } from '../ladder/ladder.usecases';
import { now } from '../platform/clock';
import type { Database, TransactionDb } from '../platform/database';
import { applyPointsChange } from '../points/points.ledger';
import { mayConvert } from '../referrals/referrals.usecases';
import { earnChange } from './orders.events';
import type { OrderDoc } from './orders.model';
import { pointsForPayment } from './order.rules';

export interface PaidPrep {
  ladder: LadderConfig;
  /** Some card the buyer opened was touched recently enough to credit a sharer: a conversion event is written. */
  mayConvert: boolean;
}

/** Two reads, side by side, before the payment's transaction. */
export async function preparePaid(db: Database, order: Pick<OrderDoc, 'memberId'>): Promise<PaidPrep> {
  const [ladder, touched] = await Promise.all([loadLadderConfig(db), mayConvert(db, order.memberId, now())]);
  return { ladder, mayConvert: touched };
}

export interface PaidEffects {
  /** Points credited (0 when the payment earns none); null when the ledger refused: left to `points_earn`. */
  pointsEarned: number | null;
  /** False when the ladder refused the fact: left to `ladder_paid`. */
  ladder: boolean;
}

/**
 * Inside the payment's transaction attempt (`at` is that attempt's time, also the order's paidAt):
 * the earn at the multiplier of the tier the order was priced at, then the ladder fact. The ledger
 * and the ladder each read the member: two reads of one document, which only the points ledger
 * could share (see docs/orders.md).
 */
export async function applyPaidEffectsInTx(tx: TransactionDb, order: OrderDoc, prep: PaidPrep, at: Date): Promise<PaidEffects> {
  const amount = pointsForPayment(order.payFen, benefitsOf(prep.ladder, order.tier).pointsMultiplierPermille);
  let pointsEarned: number | null = 0;
  if (amount > 0) {
    const earned = await applyPointsChange(tx, earnChange(order, amount), at);
    pointsEarned = earned.ok ? amount : null;
  }
  const fact = await recordLadderFactInTx(tx, { kind: 'order_paid', memberId: order.memberId, orderId: order._id, paidAt: at }, prep.ladder, at);
  return { pointsEarned, ladder: fact.ok };
}
