/**
 * Conversions: a paid order by someone who opened a member's card within the window credits the
 * last such sharer. Lifecycle (referral.rules.ts): pending for the hold period, then confirmed by
 * the `referral-confirm` timer and rewarded; refunded before that, reversed; after, clawed back.
 *
 * Idempotency: `conversions/<orderId>` exists once (replays and concurrent calls find it); the
 * reward is the ledger entry `conversion:<orderId>:reward` and its clawback
 * `conversion:<orderId>:clawback`; a cap place is held under the order id, once; ladder facts are keyed by
 * order. Each status change is one transaction over the conversion, the ledger and (when flagged)
 * its review item; the ladder hears of confirmations and clawbacks after the commit, and the timer
 * re-sends whatever it did not (`ladderSynced: false`).
 */
import { recordLadderFact } from '../ladder/ladder.usecases';
import { drain, timeBudget } from '../platform/batches';
import { now } from '../platform/clock';
import type { Database, TransactionDb } from '../platform/database';
import { cursorAfter } from '../platform/paging';
import { fail, ok } from '../platform/result';
import { inTransaction } from '../platform/transaction';
import { DEFAULT_POINTS_LIFETIME_MONTHS } from '../points/points.config';
import { applyPointsChange } from '../points/points.ledger';
import { expiryFor } from '../points/points.rules';
import { DAY_MS, REFERRAL_LIMITS, type ReferralConfig } from './referral.config';
import { loadReferralConfig } from './referral-settings.repo';
import {
  conversionFlags,
  isConvertiblePayment,
  isDue,
  lastTouch,
  pendingUntilFor,
  reversalOf,
  sameUnionid,
  shanghaiDay,
  touchBefore,
  touchOf,
  windowStart,
  type Touch,
} from './referral.rules';
import type { ReferralsResult } from './referrals.errors';
import type { ConversionDoc, FlagDoc, VisitDoc } from './referrals.model';
import {
  anyVisitTouchedSince,
  claimCapPlace,
  dueConversions,
  findConversion,
  markLadderSynced,
  putConversion,
  putFlag,
  releaseCapPlace,
  sharersReferredBy,
  sharerUnionidOf,
  unionidOnOtherAccount,
  unsyncedConversions,
  updateConversion,
  updateFlag,
  VISIT_PAGE,
  VISIT_PAGES,
  visitsTouchedSince,
} from './referrals.repo';

export interface OrderPaid {
  orderId: string;
  buyerId: string;
  payFen: number;
  paidAt: Date;
}

export interface OrderRefunded {
  orderId: string;
  at: Date;
}

export interface ConversionOutcome {
  /** Null when no eligible visit was in the window (or the order was refunded before this call). */
  conversion: ConversionDoc | null;
  /** True when the order already had its record: nothing was written. */
  replayed: boolean;
}

export interface ReversalOutcome {
  conversion: ConversionDoc | null;
  change: 'reversed' | 'clawed_back' | 'none';
}

/**
 * A write the caller adds to the transaction that records (or reverses) the conversion, run in
 * every attempt that reaches it with that attempt's time: the orders area marks its event done
 * there, so the effect and its done mark commit together. Not run when no transaction was needed
 * (nothing to record, or already recorded before it began): the caller sees it was not called.
 */
export type AlsoInTx = (tx: TransactionDb, at: Date) => Promise<void>;

export const rewardKey = (orderId: string) => `conversion:${orderId}:reward`;
export const clawbackKey = (orderId: string) => `conversion:${orderId}:clawback`;
export const flagId = (orderId: string) => `conversion:${orderId}`;

/**
 * Confirmations of one popular sharer's conversions credit the same wallet, and deliveries of one
 * order race for its conversion: allow them to retry. (Recording a conversion writes only the
 * order's own documents: the sharer's cap place is taken outside the transaction.)
 */
const TX_ATTEMPTS = 20;

const validDate = (d: unknown): d is Date => d instanceof Date && !Number.isNaN(d.getTime());
const validId = (s: unknown): s is string => typeof s === 'string' && s.length > 0 && s.length <= 128;

function inputProblem(order: Partial<OrderPaid>): string | null {
  if (!validId(order.orderId)) return 'orderId 无效';
  if (!validId(order.buyerId)) return 'buyerId 无效';
  if (typeof order.payFen !== 'number' || !Number.isSafeInteger(order.payFen) || order.payFen < 0) return 'payFen 须为非负整数（分）';
  if (!validDate(order.paidAt)) return 'paidAt 无效';
  return null;
}

/** The last eligible touch before `paidAt`: pages by last touch, newest first, until no later page can beat the best so far. */
async function lastEligibleVisit(db: Database, buyerId: string, paidAt: Date, config: ReferralConfig): Promise<VisitDoc | null> {
  const from = windowStart(paidAt, config);
  let best: (Touch & { visit: VisitDoc }) | null = null;
  for (let page = 0; page < VISIT_PAGES; page++) {
    const visits = await visitsTouchedSince(db, buyerId, from, page * VISIT_PAGE, VISIT_PAGE);
    if (visits.length === 0) break;
    const referred = await sharersReferredBy(db, [...new Set(visits.map((v) => v.sharerId))], buyerId);
    // A visit touched after paying may still count at its first open, which can be older than
    // later pages' touches: keep the best across pages rather than stopping at the first hit.
    const candidates: Array<Touch & { visit: VisitDoc }> = best ? [best, ...visits.map(touchOf)] : visits.map(touchOf);
    best = lastTouch(candidates, buyerId, paidAt, referred, config) ?? best;
    if (visits.length < VISIT_PAGE) break;
    // Later pages were touched no later than this page's last one: none can beat the best any more.
    const bestAt = best ? touchBefore(best, paidAt) : null;
    if (bestAt && new Date(visits[visits.length - 1].lastAt).getTime() <= bestAt.getTime()) break;
  }
  return best?.visit ?? null;
}

/**
 * Whether a payment at `paidAt` by `buyerId` could be a conversion at all: some card the buyer
 * opened was touched within the longest attribution window staff may configure. One query of one
 * row and no rules read, so a payment with no share behind it (most of them) skips the conversion
 * work entirely; when true, recordConversion decides with the rules in force.
 */
export async function mayConvert(db: Database, buyerId: string, paidAt: Date): Promise<boolean> {
  return anyVisitTouchedSince(db, buyerId, new Date(paidAt.getTime() - REFERRAL_LIMITS.attributionWindowDays.max * DAY_MS));
}

/**
 * A paid order: records its conversion for the last eligible sharer, pending until the hold ends —
 * or flagged for review when the sharer's daily cap is reached or the buyer looks like the sharer
 * (or like several accounts). Idempotent by order id: replays and concurrent calls create one.
 * Without `rules`, the stored ones are read once (after the replay check: a replay reads nothing
 * else). The hold in force now is fixed on the conversion (`pendingUntil`).
 */
export async function recordConversion(
  db: Database,
  order: OrderPaid,
  rules?: ReferralConfig,
  alsoInTx?: AlsoInTx,
): Promise<ReferralsResult<ConversionOutcome, 'VALIDATION_FAILED'>> {
  const problem = inputProblem(order);
  if (problem) return fail('VALIDATION_FAILED', `转化记录参数有误：${problem}`);
  const existing = await findConversion(db, order.orderId);
  if (existing) return ok({ conversion: existing.sharerId ? existing : null, replayed: true });
  const config = rules ?? (await loadReferralConfig(db));
  if (!isConvertiblePayment(order.payFen, config)) return ok({ conversion: null, replayed: false });
  const paidAt = new Date(order.paidAt);
  const visit = await lastEligibleVisit(db, order.buyerId, paidAt, config);
  if (!visit) return ok({ conversion: null, replayed: false });

  const unionid = visit.visitorUnionid;
  const [sharerUnionid, sharedUnionid] = await Promise.all([
    sharerUnionidOf(db, visit),
    unionid ? unionidOnOtherAccount(db, unionid, order.buyerId) : Promise.resolve(false),
  ]);
  const identity = { sameUnionid: sameUnionid(sharerUnionid, unionid), sharedUnionid };
  const day = shanghaiDay(paidAt);
  // The cap's place is taken before the transaction, by one conditional update that concurrent
  // conversions of the same sharer never abort on; the transaction then writes only this order's
  // own documents. A crash in between leaves the place taken for this order, and the retry finds it.
  const capPlace = await claimCapPlace(db, visit.sharerId, day, order.orderId, config.dailyRewardCap, now());

  const recorded = await inTransaction(
    db,
    async (tx): Promise<{ outcome: ConversionOutcome; release: boolean }> => {
      // Read in each attempt: a retry writes after the conversion it conflicted with.
      const at = now();
      const current = await findConversion(tx, order.orderId);
      if (current) {
        // Recorded already (another delivery), or refunded first (a tombstone): the place this call
        // took is given back unless that very conversion holds it.
        const holdsIt = current.sharerId === visit.sharerId && current.day === day && current.capPlace === true;
        await alsoInTx?.(tx, at);
        return { outcome: { conversion: current.sharerId ? current : null, replayed: true }, release: capPlace && !holdsIt };
      }
      const flags = conversionFlags({ ...identity, capReached: !capPlace });
      const conversion: ConversionDoc = {
        _id: order.orderId,
        orderId: order.orderId,
        sharerId: visit.sharerId,
        buyerId: order.buyerId,
        code: visit.code,
        targetType: visit.targetType,
        visitAt: new Date(visit.lastAt ?? visit.at),
        orderPayFen: order.payFen,
        paidAt,
        day,
        status: flags.length ? 'flagged' : 'pending',
        flags,
        capPlace,
        pendingUntil: pendingUntilFor(paidAt, config),
        approved: false,
        rewardPoints: 0,
        ladderSynced: true,
        confirmedAt: null,
        reversedAt: null,
        voidedAt: null,
        createdAt: at,
        updatedAt: at,
      };
      await putConversion(tx, conversion);
      if (flags.length) {
        const flag: Omit<FlagDoc, '_id'> = {
          kind: 'conversion',
          subjectId: order.orderId,
          sharerId: visit.sharerId,
          memberId: order.buyerId,
          orderPayFen: order.payFen,
          reasons: flags,
          status: 'open',
          closedReason: null,
          createdAt: at,
          decidedAt: null,
          decidedBy: null,
        };
        await putFlag(tx, flagId(order.orderId), flag);
      }
      await alsoInTx?.(tx, at);
      return { outcome: { conversion, replayed: false }, release: false };
    },
    TX_ATTEMPTS,
  );
  // A crash before this leaves one place taken for nothing: the sharer may be rewarded one friend
  // fewer that day, never one more.
  if (recorded.release) await releaseCapPlace(db, visit.sharerId, day, order.orderId);
  return ok(recorded.outcome);
}

/**
 * Confirms and rewards inside the caller's transaction: the ledger credit (keyed by the order, so
 * it happens once) and the conversion's new status together. Returns the confirmed conversion.
 */
export async function confirmInTx(
  tx: TransactionDb,
  conversion: ConversionDoc,
  at: Date,
  config: ReferralConfig,
  extra: Partial<Pick<ConversionDoc, 'approved'>> = {},
): Promise<ConversionDoc> {
  const points = config.rewardPoints;
  if (points > 0) {
    const earned = await applyPointsChange(
      tx,
      {
        kind: 'earn',
        memberId: conversion.sharerId!,
        sourceKey: rewardKey(conversion.orderId),
        amount: points,
        reason: '好友通过你的分享购买，分享奖励',
        expiresAt: expiryFor(at, DEFAULT_POINTS_LIFETIME_MONTHS),
      },
      at,
    );
    if (!earned.ok) throw new Error(`conversion reward for ${conversion.orderId}: ${earned.error.code} ${earned.error.message}`);
  }
  const changes = { ...extra, status: 'confirmed' as const, confirmedAt: at, rewardPoints: points, ladderSynced: false, updatedAt: at };
  await updateConversion(tx, conversion._id, changes);
  return { ...conversion, ...changes };
}

/**
 * Tells the ladder about a confirmation (a friend bought: the KOC step) or a clawback. Facts are
 * keyed by order, so sending one twice is harmless. A refusal by the ladder (the member is gone,
 * the fact is too old to matter) is final: marked synced all the same, so the timer does not
 * retry it forever. Thrown errors leave it unsynced for the timer.
 */
export async function syncLadder(db: Database, conversion: ConversionDoc, at: Date): Promise<void> {
  if (conversion.ladderSynced || !conversion.sharerId) return;
  if (conversion.status === 'confirmed') {
    await recordLadderFact(
      db,
      {
        kind: 'conversion_confirmed',
        memberId: conversion.sharerId,
        friendId: conversion.buyerId,
        orderId: conversion.orderId,
        confirmedAt: new Date(conversion.confirmedAt ?? at),
      },
      { now: at },
    );
  } else if (conversion.status === 'clawed_back') {
    await recordLadderFact(
      db,
      { kind: 'conversion_reversed', memberId: conversion.sharerId, orderId: conversion.orderId, reversedAt: new Date(conversion.reversedAt ?? at) },
      { now: at },
    );
  }
  await markLadderSynced(db, conversion);
}

/** What a refund leaves when no conversion exists yet: a void record with no sharer, so none is created later. */
function tombstoneFor(orderId: string, at: Date): ConversionDoc {
  return {
    _id: orderId,
    orderId,
    sharerId: null,
    buyerId: '',
    code: null,
    targetType: null,
    visitAt: null,
    orderPayFen: 0,
    paidAt: null,
    day: null,
    status: 'void',
    flags: [],
    capPlace: false,
    pendingUntil: null,
    approved: false,
    rewardPoints: 0,
    ladderSynced: true,
    confirmedAt: null,
    reversedAt: at,
    voidedAt: at,
    createdAt: at,
    updatedAt: at,
  };
}

/**
 * A refunded order: a pending (or in-review) conversion is reversed and nothing is paid; a
 * confirmed one is clawed back — the reward reversed through the ledger (spent points become a
 * debt, never a negative balance) and the ladder told. Idempotent. A refund that arrives before
 * the payment's conversion leaves a tombstone (`void`, no sharer), so that conversion is never created.
 */
export async function reverseConversion(
  db: Database,
  order: OrderRefunded,
  alsoInTx?: AlsoInTx,
): Promise<ReferralsResult<ReversalOutcome, 'VALIDATION_FAILED'>> {
  if (!validId(order.orderId)) return fail('VALIDATION_FAILED', '转化记录参数有误：orderId 无效');
  if (!validDate(order.at)) return fail('VALIDATION_FAILED', '转化记录参数有误：at 无效');
  const at = new Date(order.at);
  const outcome = await inTransaction(
    db,
    async (tx): Promise<ReversalOutcome> => {
      await alsoInTx?.(tx, now());
      const conversion = await findConversion(tx, order.orderId);
      if (!conversion) {
        await putConversion(tx, tombstoneFor(order.orderId, at));
        return { conversion: null, change: 'none' };
      }
      const reversal = reversalOf(conversion.status);
      if (!reversal) return { conversion: conversion.sharerId ? conversion : null, change: 'none' };
      if (reversal.clawback && conversion.rewardPoints > 0) {
        const reversed = await applyPointsChange(
          tx,
          {
            kind: 'reverse',
            memberId: conversion.sharerId!,
            sourceKey: clawbackKey(conversion.orderId),
            earnKey: rewardKey(conversion.orderId),
            amount: conversion.rewardPoints,
            reason: '好友订单已退款，扣回分享奖励',
          },
          at,
        );
        if (!reversed.ok) throw new Error(`conversion clawback for ${conversion.orderId}: ${reversed.error.code} ${reversed.error.message}`);
      }
      const changes = { status: reversal.next, reversedAt: at, updatedAt: at, ladderSynced: reversal.clawback ? false : conversion.ladderSynced };
      await updateConversion(tx, conversion._id, changes);
      if (conversion.status === 'flagged') {
        // Nothing left to decide: the review item closes with the reason.
        await updateFlag(tx, flagId(conversion.orderId), { status: 'closed', closedReason: '订单已退款', decidedAt: at });
      }
      return { conversion: { ...conversion, ...changes }, change: reversal.next };
    },
    TX_ATTEMPTS,
  );
  if (outcome.change === 'clawed_back' && outcome.conversion) await syncLadder(db, outcome.conversion, at);
  return ok(outcome);
}

export interface ConfirmRun {
  confirmed: number;
  /** Conversions whose confirmation threw (left pending for the next run). */
  failed: number;
  /** Confirmations and clawbacks whose ladder fact was (re)sent in this run. */
  ladderSynced: number;
  /** True when the time budget ran out with work left; the next run continues. */
  more: boolean;
}

/**
 * Confirms one conversion if it is (still) due: its own transaction, then the ladder. `dueBy` is the
 * run's time, fixed on purpose (the run selected its batch by it); what is written — the ledger
 * line, confirmedAt — carries the attempt's own time, as a retry commits after other writes.
 */
async function confirmOne(db: Database, orderId: string, dueBy: Date, config: ReferralConfig): Promise<boolean> {
  const confirmed = await inTransaction(
    db,
    async (tx) => {
      const conversion = await findConversion(tx, orderId);
      if (!conversion || !isDue(conversion, dueBy)) return null;
      return confirmInTx(tx, conversion, laterOf(now(), dueBy), config);
    },
    TX_ATTEMPTS,
  );
  if (!confirmed) return false;
  await syncLadder(db, confirmed, new Date(confirmed.confirmedAt ?? dueBy));
  return true;
}

/** A run's time may be ahead of the clock (a caller confirming "as of" later): never write before it. */
function laterOf(a: Date, b: Date): Date {
  return a.getTime() >= b.getTime() ? a : b;
}

/**
 * The `referral-confirm` timer: pending conversions whose hold has ended become confirmed, each in
 * its own transaction (a run that dies midway leaves each one either confirmed and paid, or
 * untouched), oldest first, paging by (pendingUntil, id) so a conversion that keeps failing never
 * blocks the rest. Then ladder facts that did not go through are re-sent. Resumable and
 * idempotent: a second run, or two runs at once, confirm and pay each conversion once.
 *
 * The reward is the one in force at confirmation (each conversion's hold was fixed when it was
 * recorded). Without `options.config`, the stored rules are read once per run, and only when
 * something is due: the timer fires every 10 minutes, mostly with nothing to do.
 */
export async function confirmDueConversions(
  db: Database,
  at: Date,
  options: { batchSize: number; budgetMs: number; config?: ReferralConfig },
): Promise<ConfirmRun> {
  let config = options.config ?? null;
  const budget = timeBudget(options.budgetMs);
  const run: ConfirmRun = { confirmed: 0, failed: 0, ladderSynced: 0, more: false };
  const confirmedAll = await drain<ConversionDoc>({
    next: (last) => dueConversions(db, at, options.batchSize, last && cursorAfter(last, 'pendingUntil')),
    beforeBatch: async () => {
      config ??= await loadReferralConfig(db);
    },
    budget,
    work: async (c) => {
      try {
        if (await confirmOne(db, c._id, at, config!)) run.confirmed++;
      } catch {
        run.failed++;
      }
    },
  });
  if (!confirmedAll) return { ...run, more: true };
  const syncedAll = await drain<ConversionDoc>({
    next: () => unsyncedConversions(db, options.batchSize),
    key: (c) => c._id,
    budget,
    work: async (c) => {
      try {
        await syncLadder(db, c, at);
        run.ladderSynced++;
      } catch {
        // Left unsynced: the next run tries again.
      }
    },
  });
  return syncedAll ? run : { ...run, more: true };
}
