/**
 * What every timer job shares: a time budget, and the loop that works through what is due batch
 * by batch until nothing is left or the budget is spent. Jobs stop cleanly well before their
 * function's time limit and continue on the next run; each item's work is idempotent, so an item
 * worked twice (a run cut short, two runs at once) changes nothing twice.
 */

/** Wall time a run may take: the function's own time limit, never the business clock. */
export interface TimeBudget {
  /** True once more than the budget has passed since the run started. */
  spent(): boolean;
}

/** Starts the clock; no budget (undefined) is never spent. */
export function timeBudget(budgetMs?: number, clock: () => number = Date.now): TimeBudget {
  const started = clock();
  return { spent: () => budgetMs !== undefined && clock() - started > budgetMs };
}

export interface Drain<T> {
  /**
   * The next batch. `after` is the previous batch's last item (undefined for the first), for jobs
   * that page with a cursor (keysetPage): rows that stay due are paged past, not read again.
   */
  next(after: T | undefined): Promise<T[]>;
  /**
   * For a queue whose items leave it once worked (a swept wallet, an applied event): the item's
   * key. Items already worked in this run are skipped, and a batch with nothing new ends the run,
   * so an item that stays due (a bug, or a failure left for later) is never looped on.
   */
  key?(item: T): string;
  /** Before a batch's first item, when there is one: a read that only work needs (settings) goes here. */
  beforeBatch?(batch: T[]): Promise<void>;
  work(item: T): Promise<void>;
  /** Checked before each item. */
  budget: TimeBudget;
}

/** Works through every batch. True when the work ran out; false when the budget did first (the next run continues). */
export async function drain<T>(job: Drain<T>): Promise<boolean> {
  const seen = new Set<string>();
  let last: T | undefined;
  for (;;) {
    const fetched = await job.next(last);
    const batch = job.key ? fetched.filter((item) => !seen.has(job.key!(item))) : fetched;
    if (batch.length === 0) return true;
    await job.beforeBatch?.(batch);
    for (const item of batch) {
      if (job.budget.spent()) return false;
      if (job.key) seen.add(job.key(item));
      await job.work(item);
    }
    last = batch[batch.length - 1];
  }
}
