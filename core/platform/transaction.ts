import { isDuplicateKey, type Database, type TransactionDb } from './database';

/**
 * wx-server-sdk 4.0.2's runTransaction only retries when a conflict comes back from commit: a
 * conflict raised by a write inside the body reaches us as a plain error (errCode -501001 or
 * -502001, the code dropped), and the SDK rolls back and rethrows. So the project retries
 * conflicts itself, with jitter, around a fresh transaction each time.
 */
export function isTransactionConflict(e: unknown): boolean {
  const err = e as { code?: string; errMsg?: string; message?: string } | null;
  if (err?.code === 'DATABASE_TRANSACTION_CONFLICT') return true;
  const text = `${err?.errMsg ?? ''} ${err?.message ?? ''}`;
  return /transaction conflict|TransactionConflict|write conflict/i.test(text);
}

export async function inTransaction<T>(db: Database, body: (tx: TransactionDb) => Promise<T>, attempts = 8): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.runTransaction(body, 1);
    } catch (e) {
      if (attempt >= attempts || !isTransactionConflict(e)) throw e;
      await new Promise((r) => setTimeout(r, Math.random() * 10 * attempt));
    }
  }
}

/** First wait after a conflict; it doubles with each attempt up to the cap. */
export const BACKOFF_BASE_MS = 10;
export const BACKOFF_CAP_MS = 320;

/**
 * How long to wait before attempt `attempt + 1` after `attempt` conflicted: a random time up to an
 * exponentially growing bound ("full jitter"), so transactions that collided on one document (one
 * member's wallet) do not collide again in lock step.
 */
export function conflictBackoffMs(attempt: number, random: () => number = Math.random): number {
  const bound = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * bound);
}

/**
 * An error that means "another transaction got there first; nothing of this attempt was
 * committed": a write conflict, or a duplicate id for a document a twin request inserted (a
 * redemption, its ledger line or its coupon, all keyed by the request).
 */
export function isRetryable(e: unknown): boolean {
  return isTransactionConflict(e) || isDuplicateKey(e);
}

/** A deadline for retries, in real time (ms since the epoch), never the business clock. */
export interface Deadline {
  /** No new attempt starts after this time. */
  deadline: number;
  clock?: () => number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

export type Within<T> = { done: true; value: T; attempts: number } | { done: false; attempts: number };

/**
 * inTransaction bounded by time rather than by a number of attempts, for a caller that must answer
 * well inside its function's time limit (a redemption). The first attempt always runs; after a
 * retryable error it waits (full jitter) and tries again while the next attempt would still start
 * before the deadline. `done: false` when the time ran out: then no attempt committed. Other
 * errors are thrown.
 */
export async function transactWithin<T>(db: Database, body: (tx: TransactionDb) => Promise<T>, budget: Deadline): Promise<Within<T>> {
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
