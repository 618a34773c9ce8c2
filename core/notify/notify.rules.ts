/**
 * The notification rules (pure): a notice's id, what WeChat's answer to a send means, how long to
 * wait before retrying, and how a member's opt-ins read.
 */
import { createHash } from 'node:crypto';
import { NOTICE_KINDS, type NoticeKind, type OptInsDoc, type SubscriptionView } from './notify.model';

/** Callers' keys (e.g. `draw_result:<entry id>`): long enough for any feature's ids, short enough to log. */
export const NOTICE_KEY_MAX = 200;

/** The notice's document id: the same key is always the same document, whatever characters it holds. */
export function noticeId(key: string): string {
  return `ntc_${createHash('sha256').update(key, 'utf8').digest('hex').slice(0, 40)}`;
}

/** A send is tried at most this many times; then the notice is failed (the member still sees the news in the app). */
export const MAX_ATTEMPTS = 6;

/** How long a claimed notice is left to its run before another may take it over (a run is cut at 60 s). */
export const LEASE_MS = 2 * 60 * 1000;

/** Wait before attempt `attempts + 1`: 1, 2, 4, 8, 16 minutes. */
export function retryDelayMs(attempts: number): number {
  return Math.min(30, 2 ** Math.max(0, attempts - 1)) * 60 * 1000;
}

/** WeChat: the member has no subscription for this template (refused, or used up). */
export const ERR_NO_SUBSCRIPTION = 43101;
/**
 * WeChat's answers that no retry can change: 40003 invalid openid, 40037 invalid template id,
 * 41030 invalid page, 47003 data that breaks the template's rules.
 */
export const PERMANENT_ERRORS: readonly number[] = [40003, 40037, 41030, 47003];

export type SendVerdict = 'no_optin' | 'failed' | 'retry';

/** What a refused send means for its notice (anything unknown, e.g. a timeout or a system error, is retried). */
export function verdictOf(errcode: number): SendVerdict {
  if (errcode === ERR_NO_SUBSCRIPTION) return 'no_optin';
  if (PERMANENT_ERRORS.includes(errcode)) return 'failed';
  return 'retry';
}

export const KIND_LABELS: Record<NoticeKind, string> = {
  draw_result: '抽签结果通知',
  draw_promoted: '候补转正通知',
  feedback_update: '反馈审核与进度通知',
  feedback_reply: '反馈官方回复通知',
  feedback_resolved: '关注的反馈已解决通知',
};

/** Each kind once, in the catalog's order. */
export function distinctKinds(kinds: readonly NoticeKind[]): NoticeKind[] {
  return NOTICE_KINDS.filter((k) => kinds.includes(k));
}

/** The member's subscriptions, every kind listed, with the count in words. */
export function subscriptionViews(counts: OptInsDoc['counts'] | undefined): SubscriptionView[] {
  return NOTICE_KINDS.map((kind) => {
    const remaining = Math.max(0, Math.floor(counts?.[kind] ?? 0));
    return { kind, label: KIND_LABELS[kind], remaining, words: remaining > 0 ? `还可接收 ${remaining} 条` : '未订阅' };
  });
}
