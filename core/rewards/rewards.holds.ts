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
import { timeBudget } from '../platform/batches';
import type { Database } from '../platform/database';
import { releaseHold, settleHold, shardsWithHolds } from './reward-stock.repo';
import { holdVerdict } from './rewards.holds.rules';
import type { UnitHold } from './rewards.model';
import { findRedemption, insertVoidedRequest } from './rewards.repo';

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
  const budget = timeBudget(options.budgetMs);
  const run: HoldsRun = { settled: 0, released: 0, voided: 0, waiting: 0, complete: true };
  for (const shard of await shardsWithHolds(db, options.limit ?? 100)) {
    for (const [field, hold] of Object.entries(shard.holds ?? {})) {
      if (budget.spent()) return { ...run, complete: false };
      await reconcileHold(db, shard.rewardId, shard.index, field, hold, run);
    }
  }
  return run;
}

async function reconcileHold(db: Database, rewardId: string, index: number, field: string, hold: UnitHold, run: HoldsRun): Promise<void> {
  let record = await findRedemption(db, hold.key);
  const verdict = holdVerdict(hold, record, now());
  if (verdict === 'wait') {
    run.waiting++;
    return;
  }
  if (verdict === 'void') {
    const voided = await insertVoidedRequest(db, { _id: hold.key, memberId: hold.memberId, status: 'void', voidedAt: now() });
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
