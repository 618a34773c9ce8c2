/**
 * Notifications: queueing a notice (any feature), the members' one-time opt-ins, and the member
 * actions that record and show them. Sending is notify.job.ts.
 */
import { z } from 'zod';
import { now } from '../platform/clock';
import type { Database, TransactionDb } from '../platform/database';
import { ok, type Result } from '../platform/result';
import type { ActionContext } from '../platform/router';
import { pageSchema } from './notify.config';
import type { SubscribeInput } from './notify.inputs';
import { NOTICE_KINDS, type NoticeDoc, type NoticeFields, type NoticeKind, type OptInSource, type SubscriptionView } from './notify.model';
import { addOptIns, findOptIns, insertNotice, takeOneOptIn } from './notify.repo';
import { loadNotifyConfig } from './notify-settings.repo';
import { distinctKinds, NOTICE_KEY_MAX, noticeId, subscriptionViews } from './notify.rules';

/** One notice to queue; `kind` decides the shape of `fields`. */
export type QueueNoticeInput = {
  [K in NoticeKind]: {
    /** Unique per message (e.g. `draw_result:<entry id>`): the same key queued again is a no-op. */
    key: string;
    /** The member's OPENID. */
    memberId: string;
    kind: K;
    fields: NoticeFields[K];
    optIn: OptInSource;
    /** A page with the notice's own query (`packages/draws/index?drawId=...`); absent: the kind's configured page. */
    page?: string;
    /** Not sent before this time; absent: at once (the next timer run). */
    dueAt?: Date;
  };
}[NoticeKind];

const text = (max: number) => z.string().trim().min(1).max(max);
const FIELD_SCHEMAS: { [K in NoticeKind]: z.ZodType<NoticeFields[K]> } = {
  draw_result: z.object({ title: text(200), result: text(50), hint: text(200) }).strict(),
  draw_promoted: z.object({ title: text(200), payBy: z.date(), hint: text(200).optional() }).strict(),
  feedback_update: z.object({ title: text(600), state: z.string().regex(/^\p{Script=Han}{1,5}$/u), note: text(200) }).strict(),
  feedback_reply: z.object({ title: text(600), reply: text(600), at: z.date() }).strict(),
  feedback_resolved: z.object({ title: text(600), note: text(200) }).strict(),
};

const queueSchema = z
  .object({
    key: z.string().min(1).max(NOTICE_KEY_MAX),
    memberId: z.string().min(1).max(128),
    kind: z.enum(NOTICE_KINDS),
    fields: z.unknown(),
    optIn: z.enum(['granted', 'counter']),
    page: pageSchema.optional(),
    dueAt: z.date().optional(),
  })
  .strict();

/**
 * Queues a notice in the outbox, in the caller's transaction (`tx`) or on its own (`db`). True
 * when queued, false when a notice with this key exists already (nothing changes). Fields that do
 * not fit the kind are a bug in the caller, thrown.
 */
export async function queueNotice(db: Database | TransactionDb, input: QueueNoticeInput): Promise<boolean> {
  const parsed = queueSchema.safeParse(input);
  const fields = parsed.success ? FIELD_SCHEMAS[parsed.data.kind].safeParse(parsed.data.fields) : null;
  if (!parsed.success || !fields?.success) {
    const issues = (parsed.success ? fields!.error! : parsed.error).issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`queueNotice ${input.kind} ${input.key}: ${issues.join('; ')}`);
  }
  const at = now();
  const n = parsed.data;
  const notice: NoticeDoc = {
    _id: noticeId(n.key),
    key: n.key,
    memberId: n.memberId,
    kind: n.kind,
    fields: fields.data,
    page: n.page ?? null,
    optIn: n.optIn,
    optInTaken: false,
    status: 'pending',
    attempts: 0,
    nextAttemptAt: n.dueAt ?? at,
    createdAt: at,
    lastError: null,
    templateId: null,
    msgid: null,
    doneAt: null,
  };
  return insertNotice(db, notice);
}

// ---- opt-ins

/** Records one-time opt-ins the member gave (one per kind: WeChat's one-time subscription allows one message each). */
export async function grantOptIns(db: Database, memberId: string, kinds: readonly NoticeKind[], at: Date): Promise<void> {
  await addOptIns(db, memberId, distinctKinds(kinds), at);
}

/** Takes one of the member's opt-ins for the kind; false when none is left. */
export function takeOptIn(db: Database, memberId: string, kind: NoticeKind): Promise<boolean> {
  return takeOneOptIn(db, memberId, kind, now());
}

/** Returns an opt-in a send took but did not use (it failed before WeChat delivered anything). */
export async function giveBackOptIn(db: Database, memberId: string, kind: NoticeKind): Promise<void> {
  await addOptIns(db, memberId, [kind], now());
}

export async function subscriptionsOf(db: Database, memberId: string): Promise<SubscriptionView[]> {
  return subscriptionViews((await findOptIns(db, memberId))?.counts);
}

// ---- member actions

/** `notify.subscribe`: right after the member's tap on WeChat's prompt, the kinds they accepted. */
export async function subscribe(ctx: ActionContext, input: SubscribeInput): Promise<Result<{ subscriptions: SubscriptionView[] }>> {
  await grantOptIns(ctx.db, ctx.caller.openid, input.kinds, now());
  return ok({ subscriptions: await subscriptionsOf(ctx.db, ctx.caller.openid) });
}

/** `notify.mine`: every kind, with how many messages of it the member will still receive. */
export async function mySubscriptions(ctx: ActionContext): Promise<Result<{ subscriptions: SubscriptionView[] }>> {
  return ok({ subscriptions: await subscriptionsOf(ctx.db, ctx.caller.openid) });
}

/** `notify.templates`: the template id per kind, for the client's requestSubscribeMessage. */
export async function noticeTemplates(ctx: ActionContext): Promise<Result<{ templates: Record<NoticeKind, string> }>> {
  const config = await loadNotifyConfig(ctx.db);
  return ok({ templates: Object.fromEntries(NOTICE_KINDS.map((k) => [k, config[k].templateId])) as Record<NoticeKind, string> });
}
