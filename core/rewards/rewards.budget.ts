/**
 * A transaction retried on conflicts for as long as a time budget allows, not a fixed number of
 * times. (core/platform/transaction.ts retries a fixed number of times; a redemption must instead
 * stop well inside its function's time limit, so it has its own loop here.)
 */
import type { Database, TransactionDb } from '../platform/database';
import { isDuplicateKey } from '../platform/database';
import { isTransactionConflict } from '../platform/transaction';
import { conflictBackoffMs } from './rewards.holds.rules';

export interface Budget {
  /** No new attempt starts after this time (ms since the epoch, real time, not the business clock). */
  deadline: number;
  clock?: () => number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

export type Within<T> = { done: true; value: T; attempts: number } | { done: false; attempts: number };

/**
 * An error that means "another transaction got there first; nothing of this attempt was
 * committed": a write conflict, or a duplicate id for a document a twin request inserted (the
 * redemption, its ledger line or its coupon, all keyed by the request).
 */
export function isRetryable(e: unknown): boolean {
  return isTransactionConflict(e) || isDuplicateKey(e);
}

/**
 * Runs `body` in a transaction. The first attempt always runs; after a conflict it waits (with
 * jitter) and tries again while the next attempt would still start before the deadline. Returns
 * `done: false` when the budget ran out: then no attempt committed. Other errors are thrown.
 */
export async function transactWithin<T>(db: Database, body: (tx: TransactionDb) => Promise<T>, budget: Budget): Promise<Within<T>> {
  const clock = budget.clock ?? Date.now;
  const sleep = budget.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  for (let attempt = 1; ; attempt++) {
    try {
      return { done: true, value: await db.runTransaction(body, 1), attempts: attempt };
    } catch (e) {
      if (!isRetryable(e)) throw e;
      const wait = conflictBackoffMs(attempt, budget.random);
      if (clock() + wait >= budget.deadline) return { done: false, attempts: attempt };
      await sleep(wait);
    }
  }
}
