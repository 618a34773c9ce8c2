import { membersAfter } from '../members/member.repo';
import { timeBudget } from '../platform/batches';
import { JOB_CHECKPOINTS, loadCheckpoint, saveCheckpoint } from '../platform/checkpoints.repo';
import type { Database } from '../platform/database';
import { ok, type Result } from '../platform/result';
import { findFactsFor, loadLadderConfig } from './ladder.repo';
import { emptyFacts } from './ladder.facts';
import { decideFor, reevaluateMember, type LadderMember } from './ladder.usecases';

/**
 * The nightly re-evaluation. Time alone moves members down (orders and conversions leave the
 * rolling period; grace periods end), and a configuration change can move them up, so every
 * member above follower is looked at once a night.
 *
 * Paging is index-friendly: one pass per tier, `where({ tier, _id > cursor }).orderBy('_id')`
 * (served by the members `tier_id` index), plus a pass over followers who joined but were never
 * evaluated (a join whose evaluation failed midway; `tier_joined` index). Each page costs two
 * queries (members, then their facts with `_id in [...]`); only members whose decision differs from
 * what is stored get a transaction, which re-reads and re-decides so a fact arriving meanwhile is
 * not overwritten.
 *
 * Resumable: after each page the cursor is saved in `job_checkpoints/ladder-nightly`. A run that
 * stops (time budget, crash, timeout) continues from there when run again the same night; rerunning
 * a finished page is harmless because a decision that is already stored writes nothing.
 */
export const LADDER_JOB_ID = 'ladder-nightly';
export { JOB_CHECKPOINTS };
/** A checkpoint older than this belongs to an earlier night: start over instead of resuming. */
const RESUME_WINDOW_MS = 20 * 3_600_000;

type PassFilter = (db: Database) => Record<string, unknown>;
const PASSES: Array<{ name: string; filter: PassFilter }> = [
  { name: 'koc', filter: () => ({ tier: 'koc' }) },
  { name: 'repeat_buyer', filter: () => ({ tier: 'repeat_buyer' }) },
  { name: 'buyer', filter: () => ({ tier: 'buyer' }) },
  { name: 'member', filter: () => ({ tier: 'member' }) },
  { name: 'joined_follower', filter: (db) => ({ tier: 'follower', joinedAt: db.command.gt(new Date(0)) }) },
];

interface Checkpoint {
  startedAt: Date;
  pass: number;
  cursor: string;
  processed: number;
  changed: number;
  done: boolean;
  finishedAt: Date | null;
}

export interface LadderJobReport {
  done: boolean;
  /** Members looked at and members whose tier or grace changed, in this run so far (resumed runs add up). */
  processed: number;
  changed: number;
  resumed: boolean;
}

export interface LadderJobOptions {
  batchSize?: number;
  /** Stop after this many pages (tests, or a caller with its own budget); the checkpoint keeps the place. */
  maxBatches?: number;
  /** Stop cleanly before the function's timeout; wall time, not business time. */
  budgetMs?: number;
}

export async function reevaluateLadder(db: Database, now: Date, options: LadderJobOptions = {}): Promise<Result<LadderJobReport>> {
  const batchSize = Math.min(Math.max(options.batchSize ?? 100, 1), 100);
  const budget = timeBudget(options.budgetMs);
  const config = await loadLadderConfig(db);
  const stored = await loadCheckpoint<Checkpoint>(db, LADDER_JOB_ID);
  const resumed = !!stored && !stored.done && now.getTime() - new Date(stored.startedAt).getTime() < RESUME_WINDOW_MS;
  const cp: Checkpoint = resumed
    ? {
        startedAt: new Date(stored!.startedAt),
        pass: stored!.pass,
        cursor: stored!.cursor,
        processed: stored!.processed,
        changed: stored!.changed,
        done: false,
        finishedAt: null,
      }
    : { startedAt: now, pass: 0, cursor: '', processed: 0, changed: 0, done: false, finishedAt: null };
  const save = () => saveCheckpoint(db, LADDER_JOB_ID, cp);
  let batches = 0;

  while (cp.pass < PASSES.length) {
    if ((options.maxBatches !== undefined && batches >= options.maxBatches) || budget.spent()) {
      await save();
      return ok({ done: false, processed: cp.processed, changed: cp.changed, resumed });
    }
    const page = await membersAfter<LadderMember>(db, PASSES[cp.pass].filter(db), cp.cursor, batchSize, {
      _id: true,
      tier: true,
      joinedAt: true,
      tierGraceUntil: true,
    });
    if (page.length === 0) {
      cp.pass++;
      cp.cursor = '';
      continue;
    }
    const facts = await findFactsFor(
      db,
      page.map((m) => m._id),
    );
    for (const m of page) {
      if (!decideFor(m, facts.get(m._id) ?? emptyFacts(m._id), config, now).changed) continue;
      const outcome = await reevaluateMember(db, m._id, config, now, 'nightly');
      if (outcome && outcome.change !== 'none') cp.changed++;
    }
    cp.cursor = page[page.length - 1]._id;
    cp.processed += page.length;
    batches++;
    await save();
  }
  cp.done = true;
  cp.finishedAt = now;
  await save();
  return ok({ done: true, processed: cp.processed, changed: cp.changed, resumed });
}
