import { drain, timeBudget } from '../platform/batches';
import { now } from '../platform/clock';
import type { Database } from '../platform/database';
import { fail, ok, type Result } from '../platform/result';
import { inTransaction } from '../platform/transaction';
import { DEFAULT_POINTS_LIFETIME_MONTHS, EXPIRING_SOON_DAYS } from './points.config';
import type { PointsResult } from './points.errors';
import { applyExpiry, applyPointsChange, type LedgerErrorCode, type LedgerOutcome, type PointsChange } from './points.ledger';
import { listEntries, readWallet, walletsDueForExpiry } from './points.repo';
import { decodeHistoryCursor, encodeHistoryCursor, expiringBefore, expiryFor, nextHistoryCursor } from './points.rules';
import { toPointsLine, type PointsLine } from './points.views';

const DAY = 86_400_000;

/** Credits, spends and reversals each run as one transaction (retried on write conflicts). */
export function changePoints(db: Database, change: PointsChange): Promise<PointsResult<LedgerOutcome, LedgerErrorCode>> {
  // The time is read in each attempt: a retry commits after whatever made it conflict.
  return inTransaction(db, (tx) => applyPointsChange(tx, change, now()));
}

/** The expiry a credit made now gets. */
export function expiryFromNow(months = DEFAULT_POINTS_LIFETIME_MONTHS): Date {
  return expiryFor(now(), months);
}

export interface PointsSummary {
  balance: number;
  debt: number;
  expiringSoon: { total: number; days: number; lots: Array<{ amount: number; expiresAt: string }> };
}

/** One read whatever the length of the history: the wallet holds the balance and the live lots. */
export async function pointsSummary(db: Database, memberId: string): Promise<PointsSummary> {
  const at = now();
  const wallet = await readWallet(db, memberId);
  const soon = expiringBefore(wallet, at, new Date(at.getTime() + EXPIRING_SOON_DAYS * DAY));
  return {
    balance: wallet.balance,
    debt: wallet.debt,
    expiringSoon: { total: soon.total, days: EXPIRING_SOON_DAYS, lots: soon.lots.map((l) => ({ amount: l.amount, expiresAt: l.expiresAt.toISOString() })) },
  };
}

/** The caller's history, newest first, as lines built for them; `before` is the previous page's `nextBefore`. */
export async function pointsHistory(
  db: Database,
  memberId: string,
  limit: number,
  before?: string,
): Promise<Result<{ entries: PointsLine[]; nextBefore: string | null }>> {
  const after = before ? decodeHistoryCursor(before) : null;
  if (before && !after) return fail('VALIDATION_FAILED', '分页参数无效');
  const entries = await listEntries(db, memberId, limit, after ?? undefined);
  const next = nextHistoryCursor(entries, limit, after);
  return ok({ entries: entries.map(toPointsLine), nextBefore: next ? encodeHistoryCursor(next) : null });
}

export interface ExpiryRun {
  members: number;
  expiredPoints: number;
  /** False when the time budget ran out first; the next run continues where this one stopped. */
  complete: boolean;
}

/**
 * The nightly sweep: each member's due lots expire in their own transaction, so a run that dies
 * midway leaves every member either fully swept or untouched, and a rerun picks up the rest.
 * `afterEach` lets tests stop a run midway.
 */
export async function expireDuePoints(
  db: Database,
  options: { batchSize?: number; budgetMs?: number; afterEach?: (memberId: string) => void } = {},
): Promise<ExpiryRun> {
  const at = now();
  const run: ExpiryRun = { members: 0, expiredPoints: 0, complete: true };
  const batchSize = options.batchSize ?? 100;
  run.complete = await drain<string>({
    next: () => walletsDueForExpiry(db, at, batchSize),
    // A wallet still due after its sweep would be a bug; never loop on it.
    key: (memberId) => memberId,
    budget: timeBudget(options.budgetMs),
    work: async (memberId) => {
      // `at` decides what is due for the whole run (the selection used it); the line is written
      // with the attempt's own time.
      const res = await inTransaction(db, (tx) => applyExpiry(tx, memberId, at, now()));
      if (res.ok && res.data && !res.data.replayed) {
        run.members++;
        run.expiredPoints += -res.data.entry.delta;
      }
      options.afterEach?.(memberId);
    },
  });
  return run;
}
