/**
 * The `notify-send` timer: sends the notices that are due, oldest first, within a time budget.
 *
 * Exactly one send per notice, even with two runs at once: a run claims a notice with a
 * conditional update (pending -> sending, with a lease) before sending, so of two runs only one
 * sends. A run that dies after its claim leaves the notice `sending`; when the lease ends, the
 * next run takes it over (if the death came after WeChat accepted the message, the member gets it
 * twice: the one duplicate a crash can cause, as with any outbox).
 *
 * A `counter` notice takes one of the member's opt-ins before its send (none left: `no_optin`,
 * done; the member still sees the news in the app) and gives it back when the send fails before
 * WeChat delivered anything. A run dying between the take and the send's end loses that one
 * opt-in: the member may miss one later message of the kind, never get one they did not accept.
 */
import { drain, timeBudget } from '../platform/batches';
import { now } from '../platform/clock';
import type { Database } from '../platform/database';
import type { MessageSender, SendResult } from './message.port';
import type { NotifyConfig } from './notify.config';
import type { NoticeDoc, NoticeStatus } from './notify.model';
import { claimNotice, dueNotices, finishNotice } from './notify.repo';
import { loadNotifyConfig } from './notify-settings.repo';
import { LEASE_MS, MAX_ATTEMPTS, retryDelayMs, verdictOf } from './notify.rules';
import { templateData } from './notify.templates';
import { giveBackOptIn, takeOptIn } from './notify.usecases';

export const NOTIFY_JOB_ID = 'notify-send';

export interface NotifyDeps {
  db: Database;
  messages: MessageSender;
}

export interface NotifyRun {
  sent: number;
  /** The member had no opt-in left (counter), or WeChat said they have none (43101). */
  noOptIn: number;
  /** Failed for good: a permanent error, or the last attempt. */
  failed: number;
  /** Failed this time, tried again later. */
  retried: number;
  /** Claimed by another run first. */
  skipped: number;
  /** True when the budget ran out with notices left; the next run continues. */
  more: boolean;
}

type Finish = Partial<Omit<NoticeDoc, '_id' | 'attempts'>>;

const clip = (s: string) => s.slice(0, 500);

/**
 * Due notices at `dueBy` (the run's start, fixed for the run: a retry scheduled during the run
 * waits for the next one), oldest first; every time written is taken when it is written.
 */
export async function sendDueNotices(deps: NotifyDeps, dueBy: Date, options: { batchSize: number; budgetMs: number }): Promise<NotifyRun> {
  const run: NotifyRun = { sent: 0, noOptIn: 0, failed: 0, retried: 0, skipped: 0, more: false };
  let config: NotifyConfig | undefined;
  const done = await drain<NoticeDoc>({
    next: () => dueNotices(deps.db, dueBy, options.batchSize),
    key: (n) => n._id,
    budget: timeBudget(options.budgetMs),
    beforeBatch: async () => {
      config ??= await loadNotifyConfig(deps.db);
    },
    work: async (n) => {
      const outcome = await sendOne(deps, config!, n, dueBy);
      if (outcome === 'skipped') run.skipped++;
      else if (outcome === 'sent') run.sent++;
      else if (outcome === 'no_optin') run.noOptIn++;
      else if (outcome === 'failed') run.failed++;
      else run.retried++;
    },
  });
  return done ? run : { ...run, more: true };
}

type Outcome = Exclude<NoticeStatus, 'pending' | 'sending'> | 'retried' | 'skipped';

async function sendOne(deps: NotifyDeps, config: NotifyConfig, seen: NoticeDoc, dueBy: Date): Promise<Outcome> {
  const { db } = deps;
  if (!(await claimNotice(db, seen, dueBy, new Date(now().getTime() + LEASE_MS)))) return 'skipped';
  const attempts = seen.attempts + 1;
  const finish = async (status: Exclude<Outcome, 'retried' | 'skipped'> | 'pending', changes: Finish): Promise<void> => {
    await finishNotice(db, seen._id, attempts, { status, ...(status === 'pending' ? {} : { doneAt: now() }), ...changes });
  };

  // A claim taken over after its run died: the attempts are spent, whatever that run did.
  if (seen.attempts >= MAX_ATTEMPTS) {
    await finish('failed', { lastError: clip(`放弃：已尝试 ${seen.attempts} 次（上次：${seen.lastError ?? '运行中断'}）`) });
    return 'failed';
  }

  const template = config[seen.kind];
  const data = templateData(seen.kind, seen.fields);
  if (!data.ok) {
    console.error(`notice ${seen._id} (${seen.kind}, ${seen.key}): not sent, ${data.problem}`);
    await finish('failed', { lastError: clip(data.problem) });
    return 'failed';
  }

  const counter = seen.optIn === 'counter';
  if (counter && !(await takeOptIn(db, seen.memberId, seen.kind))) {
    await finish('no_optin', { lastError: '会员没有可用的订阅次数' });
    return 'no_optin';
  }

  const message = { touser: seen.memberId, templateId: template.templateId, page: seen.page ?? template.page, data: data.data };
  // The port answers every failure; an exception from it is still only this attempt's failure.
  const sent = await deps.messages
    .send(message)
    .catch((e: unknown): SendResult => ({ ok: false, errcode: -1, message: e instanceof Error ? e.message : String(e) }));
  if (sent.ok) {
    await finish('sent', { msgid: sent.msgid, templateId: template.templateId, optInTaken: counter, lastError: null });
    return 'sent';
  }

  const verdict = verdictOf(sent.errcode);
  const error = clip(`${sent.errcode} ${sent.message}`);
  // WeChat refused for want of a subscription: the opt-in counted here is not one WeChat has, so it stays used.
  if (verdict === 'no_optin') {
    await finish('no_optin', { lastError: error, optInTaken: counter });
    return 'no_optin';
  }
  if (counter) await giveBackOptIn(db, seen.memberId, seen.kind);
  if (verdict === 'failed' || attempts >= MAX_ATTEMPTS) {
    console.error(`notice ${seen._id} (${seen.kind}, ${seen.key}): failed after ${attempts} attempt(s): ${error}`);
    await finish('failed', { lastError: error, templateId: template.templateId });
    return 'failed';
  }
  await finish('pending', { lastError: error, nextAttemptAt: new Date(now().getTime() + retryDelayMs(attempts)) });
  return 'retried';
}
