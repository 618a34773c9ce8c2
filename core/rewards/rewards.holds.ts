/**
 * The `reward-holds` job: finishes what a redemption that died left on the stock shards. For each
 * held unit it reads the request's record and applies `holdVerdict`: settle the marker of a unit a
 * redemption used, give back a unit its request no longer needs, and for an orphan (no outcome,
 * older than ORPHAN_HOLD_AGE_MS) first void the request — a plain insert of `redemptions/<key>`,
 * the document the redemption's transaction would have to insert too, so once it exists that
 * request can never commit — then give the unit back. Every step is a conditional update that
 * applies at most once, so a run that dies midway, or two runs at once, change nothing twice.
 */
import { now } from '../platform/clock';
import { isDuplicateKey, type Database } from '../platform/database';
import { readOrNull } from '../points/points.repo';
import { holdVerdict } from './rewards.holds.rules';
import { REDEMPTIONS, type RedemptionRecord, type UnitHold, type VoidedRequestDoc } from './rewards.model';
import { releaseHold, settleHold, shardsWithHolds } from './rewards.stock';

export interface HoldsRun {
  settled: number;
  released: number;
  voided: number;
  /** Holds left for a later run: their redemption may still be running. */
  waiting: number;
  /** False when the time budget ran out first; the next run continues. */
  complete: boolean;
}

export async function reconcileRewardHolds(db: Database, options: { budgetMs: number; limit?: number }): Promise<HoldsRun> {
  const started = Date.now();
  const run: HoldsRun = { settled: 0, released: 0, voided: 0, waiting: 0, complete: true };
  for (const shard of await shardsWithHolds(db, options.limit ?? 100)) {
    for (const [field, hold] of Object.entries(shard.holds ?? {})) {
      // Real elapsed time, not the business clock: this is about the function's own time limit.
      if (Date.now() - started > options.budgetMs) return { ...run, complete: false };
      await reconcileHold(db, shard.rewardId, shard.index, field, hold, run);
    }
  }
  return run;
}

async function reconcileHold(db: Database, rewardId: string, index: number, field: string, hold: UnitHold, run: HoldsRun): Promise<void> {
  let record = await readOrNull<RedemptionRecord>(db.collection(REDEMPTIONS).doc(hold.key));
  const verdict = holdVerdict(hold, record, now());
  if (verdict === 'wait') {
    run.waiting++;
    return;
  }
  if (verdict === 'void') {
    const voided = await voidRequest(db, hold);
    if (voided.inserted) run.voided++;
    record = voided.record;
  }
  // After voiding, the record decides again: the redemption may have committed just before.
  if (holdVerdict(hold, record, now()) === 'settle') {
    if (await settleHold(db, rewardId, index, field, hold.id)) run.settled++;
  } else if (await releaseHold(db, rewardId, index, field, { id: hold.id })) {
    run.released++;
  }
}

/** Inserts the void record; if the request got an outcome first (a redemption, or another run's void), that outcome. */
async function voidRequest(db: Database, hold: UnitHold): Promise<{ record: RedemptionRecord; inserted: boolean }> {
  const doc: VoidedRequestDoc = { _id: hold.key, memberId: hold.memberId, status: 'void', voidedAt: now() };
  try {
    await db.collection(REDEMPTIONS).add({ data: { ...doc } });
    return { record: doc, inserted: true };
  } catch (e) {
    if (!isDuplicateKey(e)) throw e;
    const existing = await readOrNull<RedemptionRecord>(db.collection(REDEMPTIONS).doc(hold.key));
    if (!existing) throw e;
    return { record: existing, inserted: false };
  }
}
