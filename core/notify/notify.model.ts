/**
 * Notifications: what every feature uses to tell a member something through WeChat subscription
 * messages. A notice is queued in the `notices` outbox (idempotent by the caller's key) and sent by
 * the `notify-send` timer; WeChat's one-time opt-ins a member gave without a notice in sight are
 * counted per member and kind in `notify_optins/<memberId>` (one document per member: no two
 * members ever write the same one).
 */

/** The kinds of message a member can be sent. More come with their features (feedback, shipping, referral rewards, points expiry). */
export const NOTICE_KINDS = ['draw_result', 'draw_promoted', 'feedback_update', 'feedback_reply', 'feedback_resolved'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

export const NOTICES = 'notices';
export const NOTIFY_OPTINS = 'notify_optins';

/**
 * What each kind says, before it becomes WeChat's keyword data (notify.templates.ts). Free text is
 * fitted to WeChat's limits when sent, so callers pass what they would show in the app.
 */
export interface NoticeFields {
  draw_result: {
    /** The draw's title. */
    title: string;
    /** 中签 / 未中签 / 候补第 n 位 / 已取消. */
    result: string;
    /** What to do next, e.g. 请在 12月3日 20:00 前付款. */
    hint: string;
  };
  draw_promoted: {
    title: string;
    /** The promoted entrant's order must be paid by then. */
    payBy: Date;
    /** Optional words under the deadline; a default is said otherwise. */
    hint?: string;
  };
  /** To a post's author: it was approved, rejected, hidden, or its status changed. */
  feedback_update: {
    /** The start of the post's text. */
    title: string;
    /** 已公开 / 未通过 / 已隐藏 / 已计划 ... (at most 5 Chinese characters: a phrase keyword). */
    state: string;
    /** The reason, or what happens next. */
    note: string;
  };
  /** To a post's author: the brand replied in public. */
  feedback_reply: {
    title: string;
    reply: string;
    at: Date;
  };
  /** To a post's followers: it is resolved. */
  feedback_resolved: {
    title: string;
    note: string;
  };
}

/**
 * `granted`: the caller holds the member's opt-in already (they accepted this very message on the
 * tap that led to it, e.g. entering a draw). `counter`: the send takes one from the member's
 * counted opt-ins for the kind, if any are left.
 */
export type OptInSource = 'granted' | 'counter';

/**
 * pending (due at nextAttemptAt) -> sending (claimed by one run until nextAttemptAt, the lease)
 * -> sent | no_optin | failed; a retryable failure goes back to pending with a later nextAttemptAt.
 */
export type NoticeStatus = 'pending' | 'sending' | 'sent' | 'no_optin' | 'failed';

export interface NoticeDoc<K extends NoticeKind = NoticeKind> {
  /** Derived from `key` (noticeId), so the same key queued twice is one document. */
  _id: string;
  key: string;
  memberId: string;
  kind: K;
  fields: NoticeFields[K];
  /** The page the message opens; null: the kind's configured page. */
  page: string | null;
  optIn: OptInSource;
  /** A `counter` opt-in is held by the current attempt (given back when the attempt fails and will be retried). */
  optInTaken: boolean;
  status: NoticeStatus;
  /** Claims so far; also the claim's token: a run finishes a notice only while the count is its own. */
  attempts: number;
  /** pending: when it is due; sending: when the claim's lease ends and another run may take it over. */
  nextAttemptAt: Date;
  createdAt: Date;
  lastError: string | null;
  /** Set when sent. */
  templateId: string | null;
  msgid: string | null;
  doneAt: Date | null;
}

/** `notify_optins/<memberId>`: one-time opt-ins not yet used, per kind. */
export interface OptInsDoc {
  _id: string;
  counts: Partial<Record<NoticeKind, number>>;
  updatedAt: Date;
}

/** What `notify.mine` shows for one kind. */
export interface SubscriptionView {
  kind: NoticeKind;
  /** The message's name, e.g. 抽签结果通知. */
  label: string;
  remaining: number;
  /** e.g. 还可接收 2 条 / 未订阅. */
  words: string;
}
