import type { JobTable } from '@core/platform/router';
import { now } from '@core/platform/clock';
import { reevaluateLadder, LADDER_JOB_ID } from '@core/ladder/ladder.job';
import { ok } from '@core/platform/result';
import { expireDuePoints } from '@core/points/points.usecases';
import { applyDueEvents } from '@core/orders/orders.events';
import { expireDueOrders } from '@core/orders/orders.closing';
import type { PaymentGateway } from '@core/orders/payment.port';
import { confirmDueConversions } from '@core/referrals/referrals.usecases';
import { reconcileRewardHolds } from '@core/rewards/rewards.holds';
import type { MessageSender } from '@core/notify/message.port';
import { NOTIFY_JOB_ID, sendDueNotices } from '@core/notify/notify.job';
import { runDraws, DRAWS_JOB_ID } from '@core/draws/draws.job';
import { FEEDBACK_JOB_ID, runFeedbackJob } from '@core/feedback/feedback.job';

export const POINTS_EXPIRY_JOB_ID = 'points-expire';
export const ORDER_EVENTS_JOB_ID = 'order-events';
export const ORDERS_EXPIRE_JOB_ID = 'orders-expire';
export const REFERRAL_CONFIRM_JOB_ID = 'referral-confirm';
export const REWARD_HOLDS_JOB_ID = 'reward-holds';

/**
 * Timer trigger name (config.json) -> job. Each job is idempotent and resumable, so a trigger that
 * fires twice, or a run cut short by the timeout, is harmless.
 */
export function jobsTable(pay: PaymentGateway, messages: MessageSender): JobTable {
  return {
    // Stops cleanly well before the 60 s timeout; the checkpoint lets the next run continue.
    [LADDER_JOB_ID]: ({ db }) => reevaluateLadder(db, now(), { batchSize: 100, budgetMs: 45_000 }),
    // Lots expire at the end of a Shanghai day; sweeping just after midnight keeps stale balances short-lived.
    [POINTS_EXPIRY_JOB_ID]: async ({ db }) => ok(await expireDuePoints(db, { batchSize: 100, budgetMs: 45_000 })),
    // Every minute: effects of paid, closed and refunded orders that did not apply at once (retried with backoff).
    [ORDER_EVENTS_JOB_ID]: async ({ db }) => ok(await applyDueEvents({ db, pay }, now(), { batchSize: 50, budgetMs: 45_000 })),
    // Every minute: unpaid orders past their 15-minute window give their stock and coupon back.
    [ORDERS_EXPIRE_JOB_ID]: ({ db }) => expireDueOrders({ db, pay }, now(), { batchSize: 50, budgetMs: 45_000 }),
    // Every 10 minutes: conversions whose hold has ended are confirmed and rewarded (hold and reward from settings/referral).
    [REFERRAL_CONFIRM_JOB_ID]: async ({ db }) => ok(await confirmDueConversions(db, now(), { batchSize: 50, budgetMs: 45_000 })),
    // Every 5 minutes: units a crashed redemption left held are settled, or given back (orphans voided first).
    [REWARD_HOLDS_JOB_ID]: async ({ db }) => ok(await reconcileRewardHolds(db, { budgetMs: 45_000 })),
    // Every minute: queued subscription messages are sent (claimed first, so overlapping runs send each once; failures retried with backoff).
    [NOTIFY_JOB_ID]: async ({ db }) => ok(await sendDueNotices({ db, messages }, now(), { batchSize: 50, budgetMs: 45_000 })),
    // Every minute: draws whose time has come are drawn (resumable), winners' forfeits promote the waitlist, results are queued as messages.
    [DRAWS_JOB_ID]: ({ db }) => runDraws(db, now(), { budgetMs: 45_000 }),
    // Every minute: "我也是" counts of posts with changed votes are recounted; followers of resolved posts are queued their message.
    [FEEDBACK_JOB_ID]: ({ db }) => runFeedbackJob(db, { budgetMs: 45_000 }),
  };
}
