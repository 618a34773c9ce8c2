import type { JobTable } from '@core/platform/router';
import { now } from '@core/platform/clock';
import { reevaluateLadder, LADDER_JOB_ID } from '@core/ladder/ladder.job';
import { ok } from '@core/platform/result';
import { expireDuePoints } from '@core/points/points.usecases';

export const POINTS_EXPIRY_JOB_ID = 'points-expire';

/**
 * Timer trigger name (config.json) -> job. Each job is idempotent and resumable, so a trigger that
 * fires twice, or a run cut short by the timeout, is harmless.
 */
export const jobs: JobTable = {
  // Stops cleanly well before the 60 s timeout; the checkpoint lets the next run continue.
  [LADDER_JOB_ID]: ({ db }) => reevaluateLadder(db, now(), { batchSize: 100, budgetMs: 45_000 }),
  // Lots expire at the end of a Shanghai day; sweeping just after midnight keeps stale balances short-lived.
  [POINTS_EXPIRY_JOB_ID]: async ({ db }) => ok(await expireDuePoints(db, { batchSize: 100, budgetMs: 45_000 })),
};
