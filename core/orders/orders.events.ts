/**
 * Order effects as events. A status change (paid, closed, refund approved) writes its effects as
 * `order_events` documents in the same transaction as the change; each is then applied here, at
 * once and again by the `order-events` timer until it is done. Every handler is idempotent on its
 * own (ledger source keys, ladder facts keyed by order, conditional stock updates, WeChat Pay's
 * outRefundNo), and the tx-based ones mark the event done in the same transaction as the effect.
 * A payment applies its points and ladder fact in its own transaction (orders.paid-effects.ts),
 * and a refund's approval its points reversal and ladder fact in its own (orders.refund-effects.ts):
 * `points_earn`, `ladder_paid`, `points_reverse` and `ladder_refunded` are written only when that
 * failed, and are handled here as ever. The product's stock is only ever written by conditional
 * updates outside transactions (the hold, its settlement or release, a refund's restore).
 */
import { releaseHold, restoreUnits, settleHold } from '../catalog/product-stock.repo';
import { getTierBenefits, recordLadderFact } from '../ladder/ladder.usecases';
import { drain, timeBudget } from '../platform/batches';
import { now } from '../platform/clock';
import type { Database, TransactionDb } from '../platform/database';
import { inTransaction } from '../platform/transaction';
import { applyPointsChange, type PointsChange } from '../points/points.ledger';
import { expiryFromNow } from '../points/points.usecases';
import type { ReferralConfig } from '../referrals/referral.config';
import { loadReferralConfig } from '../referrals/referral-settings.repo';
import { recordConversion, reverseConversion } from '../referrals/referrals.usecases';
import type { OrderDoc, OrderEventDoc, OrderEventType, RefundDoc } from './orders.model';
import {
  dueEvents,
  eventsOf,
  findEvent,
  findOrder,
  findRefund,
  markEventDoneInTx,
  markEventFailed,
  markEventsDone,
  putEvent,
  updateOrder,
} from './orders.repo';
import { eventId, pointsForPayment, retryDelayMs } from './order.rules';
import type { PaymentGateway } from './payment.port';

export interface EffectDeps {
  db: Database;
  /** Needed by `pay_refund` only; without it that event waits for a run that has one. */
  pay?: PaymentGateway;
  /**
   * The referral rules for `referral_convert`. Each run (one order's events, or a timer batch)
   * reads `settings/referral` at most once, and only if it records a conversion.
   */
  referralConfig?: () => Promise<ReferralConfig>;
}

/** A loader that reads the stored referral rules on first use and then answers the same; a failed read is retried next time. */
export function referralConfigOnce(db: Database): () => Promise<ReferralConfig> {
  let pending: Promise<ReferralConfig> | null = null;
  return () =>
    (pending ??= loadReferralConfig(db).catch((e: unknown) => {
      pending = null;
      throw e;
    }));
}

const withRunConfig = (deps: EffectDeps): EffectDeps => (deps.referralConfig ? deps : { ...deps, referralConfig: referralConfigOnce(deps.db) });

/** Writes the events of a status change inside the caller's transaction; returns them as written. */
export async function writeEvents(
  tx: TransactionDb,
  order: Pick<OrderDoc, '_id' | 'memberId'>,
  types: readonly OrderEventType[],
  at: Date,
): Promise<OrderEventDoc[]> {
  const written: OrderEventDoc[] = [];
  for (const type of types) {
    const doc: OrderEventDoc = {
      _id: eventId(order._id, type),
      orderId: order._id,
      memberId: order.memberId,
      type,
      status: 'pending',
      attempts: 0,
      nextAttemptAt: at,
      lastError: null,
      createdAt: at,
      doneAt: null,
    };
    await putEvent(tx, doc);
    written.push(doc);
  }
  return written;
}

const earnKey = (orderId: string) => `order:${orderId}:earn`;

/** The ledger change a paid order earns (source key `order:<id>:earn`), applied in the payment's transaction or by points_earn. */
export function earnChange(order: Pick<OrderDoc, '_id' | 'memberId'>, amount: number): PointsChange {
  return { kind: 'earn', memberId: order.memberId, sourceKey: earnKey(order._id), amount, reason: `购物奖励：订单 ${order._id}`, expiresAt: expiryFromNow() };
}
const reverseKey = (orderId: string) => `order:${orderId}:reverse`;

/** The ledger change that takes a refunded order's points back (source key `order:<id>:reverse`; spent points become a debt). */
export function reverseChange(order: Pick<OrderDoc, '_id' | 'memberId'>, amount: number): PointsChange {
  return {
    kind: 'reverse',
    memberId: order.memberId,
    sourceKey: reverseKey(order._id),
    earnKey: earnKey(order._id),
    amount,
    reason: `订单退款，扣回积分：订单 ${order._id}`,
  };
}

/** The note on a `points_earn` event a refund cancelled before it applied. */
export const EARN_CANCELLED_NOTE = '订单已退款，不再发放积分';

export async function pendingInTx(tx: TransactionDb, id: string): Promise<boolean> {
  return (await findEvent(tx, id))?.status === 'pending';
}

export function markDoneInTx(tx: TransactionDb, id: string, at: Date, note: string | null = null): Promise<void> {
  return markEventDoneInTx(tx, id, at, note);
}

/** Several events' done marks in one update (effects applied one after another, then marked together). */
function markAllDone(db: Database, ids: readonly string[]): Promise<void> {
  return markEventsDone(db, ids, now());
}

/**
 * Where an applied effect's done mark goes: written at once, or (`later` given) collected for one
 * update after the run's other events. A mark written late, or never (a crash), only means the
 * timer applies the effect again, which every handler here makes a no-op.
 */
function doneMark(db: Database, id: string, later?: string[]): Promise<void> {
  if (!later) return markEventsDone(db, [id], now());
  later.push(id);
  return Promise.resolve();
}

/*
 * Every handler takes the time it writes inside its own transaction attempt (or at its single
 * write): a retried attempt must not write a time older than a commit that came before it, or a
 * member's ledger and an order's history would read out of order.
 */

/** Points for the payment at the multiplier of the tier the order was priced at; skipped if the refund came first. */
async function earnPoints(deps: EffectDeps, order: OrderDoc): Promise<void> {
  const { pointsMultiplierPermille } = await getTierBenefits(deps.db, order.tier);
  const amount = pointsForPayment(order.payFen, pointsMultiplierPermille);
  const id = eventId(order._id, 'points_earn');
  await inTransaction(deps.db, async (tx) => {
    const at = now();
    if (!(await pendingInTx(tx, id))) return;
    const current = await findOrder(tx, order._id);
    if (!current || current.status !== 'paid' || amount === 0) {
      await markDoneInTx(tx, id, at, current?.status === 'refunded' ? EARN_CANCELLED_NOTE : null);
      if (current && amount === 0) await updateOrder(tx, order._id, { pointsEarned: 0 });
      return;
    }
    const earned = await applyPointsChange(tx, earnChange(order, amount), at);
    if (!earned.ok) throw new Error(`points earn for ${order._id}: ${earned.error.code} ${earned.error.message}`);
    await updateOrder(tx, order._id, { pointsEarned: amount, updatedAt: at });
    await markDoneInTx(tx, id, at);
  });
}

/**
 * Takes back the order's points. Points already spent become a debt (the ledger's reverse rule).
 * If the earn never applied, it is cancelled in the same transaction instead, so the pair is
 * exactly-once whichever of the two runs first.
 */
async function reversePoints(deps: EffectDeps, order: OrderDoc): Promise<void> {
  const id = eventId(order._id, 'points_reverse');
  const earnId = eventId(order._id, 'points_earn');
  await inTransaction(deps.db, async (tx) => {
    const at = now();
    if (!(await pendingInTx(tx, id))) return;
    if (await pendingInTx(tx, earnId)) {
      await markDoneInTx(tx, earnId, at, EARN_CANCELLED_NOTE);
      await markDoneInTx(tx, id, at, '积分尚未发放，无需扣回');
      return;
    }
    const current = await findOrder(tx, order._id);
    const amount = current?.pointsEarned ?? 0;
    if (amount > 0) {
      const reversed = await applyPointsChange(tx, reverseChange(order, amount), at);
      if (!reversed.ok) throw new Error(`points reverse for ${order._id}: ${reversed.error.code} ${reversed.error.message}`);
    }
    await updateOrder(tx, order._id, { pointsReversed: amount, updatedAt: at });
    await markDoneInTx(tx, id, at);
  });
}

/**
 * Puts refunded units back on sale: per line one conditional update on the product, outside any
 * transaction (the product is the hot document every checkout and payment writes; a transaction
 * there conflicted with them and held them up). Exactly once by the mark the update leaves on the
 * product (restoreUnits); the event is marked done after every line is back.
 */
async function restoreStock(deps: EffectDeps, order: OrderDoc): Promise<void> {
  for (const line of order.lines) await restoreUnits(deps.db, line.productId, order._id, line.qty, now());
}

/** WeChat Pay's refund, idempotent there by outRefundNo (the refund id). `known` is the refund as the caller has it (its id and amount never change). */
async function refundPayment(deps: EffectDeps, order: OrderDoc, known?: RefundDoc | null): Promise<void> {
  if (!deps.pay) throw new Error('no payment gateway in this run');
  const refund = known ?? (order.refundId ? await findRefund(deps.db, order.refundId) : null);
  if (!refund) throw new Error(`order ${order._id} has no refund record`);
  const result = await deps.pay.refund({ outTradeNo: order._id, outRefundNo: refund._id, totalFee: order.payFen, refundFee: refund.amountFen });
  if (!result.ok) throw new Error(`refund ${refund._id}: ${result.message}`);
}

async function applyOne(deps: EffectDeps, ev: OrderEventDoc, order: OrderDoc, refund?: RefundDoc | null, later?: string[]): Promise<void> {
  switch (ev.type) {
    case 'points_earn':
      return earnPoints(deps, order);
    case 'points_reverse':
      return reversePoints(deps, order);
    case 'stock_restore':
      await restoreStock(deps, order);
      return doneMark(deps.db, ev._id, later);
    case 'ladder_paid':
    case 'ladder_refunded': {
      // The fact carries the order's own times; the ladder takes "now" itself.
      const fact =
        ev.type === 'ladder_paid'
          ? { kind: 'order_paid' as const, memberId: order.memberId, orderId: order._id, paidAt: order.paidAt ?? now() }
          : { kind: 'order_refunded' as const, memberId: order.memberId, orderId: order._id, refundedAt: order.refundedAt ?? now() };
      const recorded = await recordLadderFact(deps.db, fact);
      if (!recorded.ok) throw new Error(`ladder fact for ${order._id}: ${recorded.error.code} ${recorded.error.message}`);
      return doneMark(deps.db, ev._id, later);
    }
    case 'stock_settle':
    case 'stock_release':
      for (const line of order.lines) {
        if (ev.type === 'stock_settle') await settleHold(deps.db, line.productId, order._id);
        else await releaseHold(deps.db, line.productId, order._id);
      }
      {
        // A payment marks its order's stock taken in its own transaction: nothing left to write then.
        const stock = ev.type === 'stock_settle' ? 'taken' : 'released';
        if (order.stock !== stock) await updateOrder(deps.db, order._id, { stock, updatedAt: now() });
      }
      return doneMark(deps.db, ev._id, later);
    case 'pay_refund':
      await refundPayment(deps, order, refund);
      return doneMark(deps.db, ev._id, later);
    case 'referral_convert':
    case 'referral_reverse': {
      // Both are idempotent by order id, and a reversal that overtakes its conversion leaves a tombstone.
      // A reversal needs no rules: it undoes whatever the conversion recorded. The event is marked done
      // in the conversion's own transaction when there is one (no separate write).
      let doneInTx = false;
      const markInTx = async (tx: TransactionDb, at: Date) => {
        await markDoneInTx(tx, ev._id, at);
        doneInTx = true;
      };
      const outcome =
        ev.type === 'referral_convert'
          ? await recordConversion(
              deps.db,
              { orderId: order._id, buyerId: order.memberId, payFen: order.payFen, paidAt: order.paidAt ?? now() },
              await (deps.referralConfig ?? referralConfigOnce(deps.db))(),
              markInTx,
            )
          : await reverseConversion(deps.db, { orderId: order._id, at: order.refundedAt ?? now() }, markInTx);
      if (!outcome.ok) throw new Error(`${ev.type} for ${order._id}: ${outcome.error.code} ${outcome.error.message}`);
      if (!doneInTx) await doneMark(deps.db, ev._id, later);
      return;
    }
  }
}

/**
 * Applies one event; a failure is recorded on it with the next attempt's time, never thrown.
 * `known` is the order as already read: every handler uses only what a status change fixed (lines,
 * amounts, times, refund id) or re-reads in its own transaction what can move; `refund` likewise
 * (its id and amount). With `later`, a done mark written outside a transaction is collected there
 * instead (see doneMark).
 */
export async function applyEvent(deps: EffectDeps, ev: OrderEventDoc, known?: OrderDoc | null, refund?: RefundDoc | null, later?: string[]): Promise<boolean> {
  try {
    const order = known ?? (await findOrder(deps.db, ev.orderId));
    if (!order) throw new Error(`order ${ev.orderId} not found`);
    await applyOne(deps, ev, order, refund, later);
    return true;
  } catch (e) {
    const attempts = ev.attempts + 1;
    const message = e instanceof Error ? e.message : String(e);
    await markEventFailed(deps.db, ev._id, { attempts, lastError: message.slice(0, 500), nextAttemptAt: new Date(now().getTime() + retryDelayMs(attempts)) });
    return false;
  }
}

/**
 * Right after a status change: applies that order's pending events (the timer catches whatever
 * fails). `known` is the order as the caller already read it (see applyEvent), saving a read.
 */
export async function applyOrderEvents(deps: EffectDeps, orderId: string, known?: OrderDoc | null): Promise<{ applied: number; failed: number }> {
  const pending = (await eventsOf(deps.db, orderId)).filter((e) => e.status === 'pending');
  if (pending.length === 0) return { applied: 0, failed: 0 };
  return applyPendingEvents(deps, known ?? (await findOrder(deps.db, orderId)), pending);
}

/**
 * Applies events the caller just wrote (it knows them and the order as it left it: nothing is read
 * to find them; a refund decision also passes the refund it wrote).
 */
export async function applyPendingEvents(
  deps: EffectDeps,
  order: OrderDoc | null,
  pending: readonly OrderEventDoc[],
  refund?: RefundDoc | null,
): Promise<{ applied: number; failed: number }> {
  const run = withRunConfig(deps);
  let applied = 0;
  const marks: string[] = [];
  for (const ev of pending) if (await applyEvent(run, ev, order, refund, marks)) applied++;
  if (marks.length > 0) {
    try {
      await markAllDone(deps.db, marks);
    } catch (e) {
      // Applied but not marked: the timer applies them again (a no-op) and marks them then.
      console.error(`order ${order?._id ?? pending[0]?.orderId}: events applied but not marked done (${marks.join(', ')}), left to the timer`, e);
      return { applied: applied - marks.length, failed: pending.length - applied + marks.length };
    }
  }
  return { applied, failed: pending.length - applied };
}

export interface EventsRun {
  applied: number;
  failed: number;
  /** True when the budget ran out with due events left; the next run continues. */
  more: boolean;
}

/**
 * The `order-events` timer: due events oldest first, within a time budget. `dueBy` is the run's
 * start, fixed for the whole run so it works through one set of due events (a retry scheduled
 * during the run waits for the next one); every time written is taken when it is written.
 */
export async function applyDueEvents(deps: EffectDeps, dueBy: Date, options: { batchSize: number; budgetMs: number }): Promise<EventsRun> {
  const run: EventsRun = { applied: 0, failed: 0, more: false };
  const once = withRunConfig(deps);
  const done = await drain<OrderEventDoc>({
    next: () => dueEvents(deps.db, dueBy, options.batchSize),
    key: (ev) => ev._id,
    budget: timeBudget(options.budgetMs),
    work: async (ev) => {
      if (await applyEvent(once, ev)) run.applied++;
      else run.failed++;
    },
  });
  return done ? run : { ...run, more: true };
}
