/**
 * Shares, referrals and conversions as pure functions: no SDK, no I/O, no clock and no randomness
 * of their own — "now" and random bytes are arguments, so every edge is testable.
 *
 * Attribution window: a visit at `v` attributes an event (a join, a payment) at `t` when
 * `v <= t <= v + window`. Both ends are inclusive: an event exactly 7 days after the visit still
 * counts, one millisecond later it does not; a visit after the event never counts.
 */
import { createHash } from 'node:crypto';
import { TIER_NAMES, type Tier } from '../members/tiers';
import { progressText } from '../ladder/ladder.text';
import { holdMs, SHARE_CODE_LENGTH, windowMs, type ReferralConfig } from './referral.config';
import type { ConversionStatus, FlagReason, InfluencePurchase, ShareTarget } from './referrals.model';

// ---- share codes

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
/** 62 × 4: bytes at or above it are dropped, so every character is equally likely (no modulo bias). */
const UNBIASED_LIMIT = 248;

export const SHARE_CODE_PATTERN = /^[0-9A-Za-z]{12}$/;

/**
 * Characters a mini-program code's `scene` may hold (WeChat: at most 32 visible characters of
 * digits, letters and !#$&'()*+,/:;=?@-._~). Codes use base62 only, a strict subset.
 */
export const SCENE_PATTERN = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]{1,32}$/;

/** A code from random bytes, or null when too many bytes were rejected to fill it. */
export function shareCodeFromBytes(bytes: Uint8Array, length = SHARE_CODE_LENGTH): string | null {
  let code = '';
  for (const b of bytes) {
    if (b >= UNBIASED_LIMIT) continue;
    code += BASE62[b % 62];
    if (code.length === length) return code;
  }
  return null;
}

/** A fresh code; `random(n)` returns n random bytes (node:crypto's randomBytes in production). */
export function generateShareCode(random: (n: number) => Uint8Array, length = SHARE_CODE_LENGTH): string {
  for (;;) {
    // Twice the length leaves a rejected byte (3% each) practically never short.
    const code = shareCodeFromBytes(random(length * 2), length);
    if (code) return code;
  }
}

export function isShareCode(value: string): boolean {
  return SHARE_CODE_PATTERN.test(value);
}

// ---- where a card opens

/** The page each kind of card opens, as `wxacode.getUnlimited` wants it (no leading slash, no query). */
export const SHARE_PAGES: Record<ShareTarget, string> = {
  product: 'pages/product/index',
  draw: 'packages/draws/detail',
  invite: 'packages/invite/index',
  perk: 'packages/invite/index',
};

/** The path a chat or timeline card opens: the page, the target, then `s=<code>`. */
export function sharePath(share: { targetType: ShareTarget; targetId: string; code: string }): string {
  const page = `/${SHARE_PAGES[share.targetType]}`;
  const target = share.targetType === 'invite' ? '' : `${share.targetType === 'perk' ? 'perk' : 'id'}=${encodeURIComponent(share.targetId)}&`;
  return `${page}?${target}s=${share.code}`;
}

// ---- the attribution window

const ms = (d: Date) => new Date(d).getTime();

export function inWindow(visitAt: Date, eventAt: Date, config: ReferralConfig): boolean {
  const gap = ms(eventAt) - ms(visitAt);
  return gap >= 0 && gap <= windowMs(config);
}

/** The earliest visit time that can still attribute an event at `eventAt`. */
export function windowStart(eventAt: Date, config: ReferralConfig): Date {
  return new Date(ms(eventAt) - windowMs(config));
}

// ---- who may be credited

/** A visit as the attribution rules see it. */
export interface Touch {
  id: string;
  sharerId: string;
  /** First open of this share by this visitor. */
  at: Date;
  /** Latest open we know of (>= at). */
  lastAt: Date;
}

/** A stored visit as a touch, keeping the visit (older visits have no `lastAt`: their first open is their last). */
export function touchOf<V extends { _id: string; sharerId: string; at: Date; lastAt?: Date | null }>(visit: V): Touch & { visit: V } {
  return { id: visit._id, sharerId: visit.sharerId, at: new Date(visit.at), lastAt: new Date(visit.lastAt ?? visit.at), visit };
}

export type Refusal = 'self' | 'circular';

/**
 * Never oneself; never a circular pair: if the sharer was themselves referred by this person, the
 * person cannot be credited to them (`referredByPerson` holds the sharers whose referrer is the person).
 */
export function refusalOf(sharerId: string, personId: string, referredByPerson: ReadonlySet<string>): Refusal | null {
  if (sharerId === personId) return 'self';
  if (referredByPerson.has(sharerId)) return 'circular';
  return null;
}

const byId = (a: Touch, b: Touch) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * First touch, for referrals: of the eligible visits opened within the window before joining, the
 * earliest first open wins (ties by id, so the choice is the same however often it is computed).
 */
export function firstTouch<T extends Touch>(
  touches: readonly T[],
  personId: string,
  joinedAt: Date,
  referredByPerson: ReadonlySet<string>,
  config: ReferralConfig,
): T | null {
  const eligible = touches.filter((t) => inWindow(t.at, joinedAt, config) && !refusalOf(t.sharerId, personId, referredByPerson));
  return [...eligible].sort((a, b) => ms(a.at) - ms(b.at) || byId(a, b))[0] ?? null;
}

/**
 * The latest open of a share at or before `eventAt` that we know of: `lastAt` when it is not later
 * than the event, else the first open (a reopening after paying cannot claim the payment).
 */
export function touchBefore(t: Touch, eventAt: Date): Date | null {
  if (ms(t.lastAt) <= ms(eventAt)) return t.lastAt;
  if (ms(t.at) <= ms(eventAt)) return t.at;
  return null;
}

/**
 * Last touch, for conversions: of the eligible shares opened within the window before paying, the
 * one opened most recently wins (ties by id).
 */
export function lastTouch<T extends Touch>(
  touches: readonly T[],
  personId: string,
  paidAt: Date,
  referredByPerson: ReadonlySet<string>,
  config: ReferralConfig,
): T | null {
  const timed = touches
    .map((t) => ({ t, when: touchBefore(t, paidAt) }))
    .filter((x): x is { t: T; when: Date } => x.when !== null && inWindow(x.when, paidAt, config) && !refusalOf(x.t.sharerId, personId, referredByPerson));
  timed.sort((a, b) => ms(b.when) - ms(a.when) || byId(b.t, a.t));
  return timed[0]?.t ?? null;
}

// ---- hold, confirmation, reversal

export function pendingUntilFor(paidAt: Date, config: ReferralConfig): Date {
  return new Date(ms(paidAt) + holdMs(config));
}

/** A pending conversion confirms once its hold has passed: at `pendingUntil` exactly, not a millisecond before. */
export function isDue(conversion: { status: ConversionStatus; pendingUntil: Date | null }, at: Date): boolean {
  return conversion.status === 'pending' && conversion.pendingUntil !== null && ms(conversion.pendingUntil) <= ms(at);
}

/**
 * What a refund does: before confirmation (pending, or still in review) nothing was paid, so the
 * conversion is reversed; after confirmation the reward is clawed back. Null: already settled
 * (reversed, clawed back, void) — a replay changes nothing.
 */
export function reversalOf(status: ConversionStatus): { next: 'reversed' | 'clawed_back'; clawback: boolean } | null {
  switch (status) {
    case 'pending':
    case 'flagged':
      return { next: 'reversed', clawback: false };
    case 'confirmed':
      return { next: 'clawed_back', clawback: true };
    default:
      return null;
  }
}

/** Staff approve a flagged conversion: paid at once if the hold is over, else it waits as pending. */
export function approvalOf(conversion: { pendingUntil: Date | null }, at: Date): 'confirm_now' | 'pending' {
  return conversion.pendingUntil !== null && ms(conversion.pendingUntil) <= ms(at) ? 'confirm_now' : 'pending';
}

/** Conversions need a real payment: at least `minOrderPayFen`, an integer number of fen. */
export function isConvertiblePayment(payFen: number, config: ReferralConfig): boolean {
  return Number.isSafeInteger(payFen) && payFen >= config.minOrderPayFen;
}

// ---- caps and abuse

/** The Asia/Shanghai calendar day of a time, YYYY-MM-DD: a sharer's daily cap resets at local midnight. */
export { chinaDay as shanghaiDay } from '../platform/china-time';

/**
 * A sharer's cap is one document per sharer and Shanghai day (`referral_cap_slots/<id>`) holding
 * the orders that took its places. A place is taken by one conditional update of that document
 * (fewer than `dailyRewardCap` taken, this order not among them), outside any transaction: the
 * update is atomic, so the cap is exact, and concurrent conversions of one sharer's friends never
 * abort each other (they used to probe numbered slot documents in order inside their transactions,
 * so a burst all picked the same slot and retried).
 */
export function capDayId(sharerId: string, day: string): string {
  return `${sharerId}:${day}`;
}

const PLAIN_KEY = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * The field an order's place is kept under (`orders.<key>`): the order id itself when it is a plain
 * one (real ids are `O` + hex), else a digest of it, so a dot or a `$` never becomes a path.
 */
export function capPlaceKey(orderId: string): string {
  return PLAIN_KEY.test(orderId) ? orderId : `h${createHash('sha256').update(orderId).digest('hex').slice(0, 32)}`;
}

export function isBurst(recentReferrals: number, config: ReferralConfig): boolean {
  return recentReferrals >= config.burst.maxReferrals;
}

/** Many old-enough referrals, few of whom ever paid: the sharer's new referrals look like bought sign-ups. */
export function isInactivePattern(olderReferrals: number, activeOlderReferrals: number, config: ReferralConfig): boolean {
  const { minReferrals, minActivePermille } = config.inactive;
  return olderReferrals >= minReferrals && activeOlderReferrals * 1000 < olderReferrals * minActivePermille;
}

export interface IdentitySignals {
  /** The sharer and the person share a UNIONID: one WeChat user behind both accounts. */
  sameUnionid: boolean;
  /** The person's UNIONID was also seen on another account. */
  sharedUnionid: boolean;
}

export function identityFlags(s: IdentitySignals): FlagReason[] {
  return [...(s.sameUnionid ? (['same_unionid'] as const) : []), ...(s.sharedUnionid ? (['shared_unionid'] as const) : [])];
}

export function sameUnionid(a: string | null | undefined, b: string | null | undefined): boolean {
  return !!a && !!b && a === b;
}

export function referralFlags(
  s: IdentitySignals & { recentReferrals: number; olderReferrals: number; activeOlderReferrals: number },
  config: ReferralConfig,
): FlagReason[] {
  const flags = identityFlags(s);
  if (isBurst(s.recentReferrals, config)) flags.push('burst');
  if (isInactivePattern(s.olderReferrals, s.activeOlderReferrals, config)) flags.push('inactive_referrals');
  return flags;
}

export function conversionFlags(s: IdentitySignals & { capReached: boolean }): FlagReason[] {
  const flags = identityFlags(s);
  if (s.capReached) flags.push('daily_cap');
  return flags;
}

export function flagText(reason: FlagReason, config: ReferralConfig): string {
  switch (reason) {
    case 'daily_cap':
      return `超出每日奖励上限（每位分享者每天 ${config.dailyRewardCap} 笔）`;
    case 'burst':
      return `短时间内大量好友加入（${config.burst.windowMinutes} 分钟内超过 ${config.burst.maxReferrals} 位）`;
    case 'inactive_referrals':
      return '邀请的好友大多没有任何消费';
    case 'same_unionid':
      return '分享者与好友疑似同一微信用户';
    case 'shared_unionid':
      return '该好友的微信身份关联了多个账号';
  }
}

// ---- what the member sees

export { maskNickname } from '../members/member.rules';

/** The three buckets a member sees; void (rejected by staff) is not shown at all. */
export function purchaseBucketOf(status: ConversionStatus): InfluencePurchase['status'] | null {
  switch (status) {
    case 'pending':
    case 'flagged':
      return 'pending';
    case 'confirmed':
      return 'confirmed';
    case 'reversed':
    case 'clawed_back':
      return 'reversed';
    case 'void':
      return null;
  }
}

export function purchaseStatusText(status: ConversionStatus): string {
  switch (status) {
    case 'pending':
      return '待确认';
    case 'flagged':
      return '审核中';
    case 'confirmed':
      return '已确认';
    case 'reversed':
      return '已退款';
    case 'clawed_back':
      return '已退款，奖励已扣回';
    case 'void':
      return '未计入';
  }
}

export interface KocStanding {
  tier: Tier;
  isMember: boolean;
  paidOrders: number;
  friends: number;
}

/** Progress to 品牌KOC in plain words, from the ladder's own standing and thresholds. */
export function kocText(s: KocStanding, need: { orders: number; friends: number }, periodDays: number): string {
  if (s.tier === 'koc') return `你已是${TIER_NAMES.koc}：近 ${periodDays} 天有 ${s.friends} 位好友通过你的分享购买`;
  if (!s.isMember) return `加入会员后分享给好友，好友购买即可累计，向${TIER_NAMES.koc}迈进`;
  return progressText('koc', { join: false, orders: Math.max(0, need.orders - s.paidOrders), friends: Math.max(0, need.friends - s.friends) });
}

/** The hold is configurable and may outlast the refund window, so the text counts from payment. */
export function pendingText(pendingPurchases: number, holdDays: number): string | null {
  return pendingPurchases > 0 ? `另有 ${pendingPurchases} 笔好友订单待确认，付款满 ${holdDays} 天、退款期结束后计入` : null;
}
