/**
 * Shares, visits, referrals and conversions: what is stored and what the client receives. The
 * client imports the view types (type-only) so it cannot drift from what the referral and admin
 * functions return. Stored times are Dates; views carry ISO 8601 server times. Money is fen.
 */
import type { Tier } from '../members/tiers';

export const SHARES = 'shares';
export const SHARE_VISITS = 'share_visits';
export const REFERRALS = 'referrals';
export const CONVERSIONS = 'conversions';
export const REFERRAL_FLAGS = 'referral_flags';
export const CAP_SLOTS = 'referral_cap_slots';

export const SHARE_TARGETS = ['product', 'draw', 'invite', 'perk'] as const;
export type ShareTarget = (typeof SHARE_TARGETS)[number];
export const SHARE_CHANNELS = ['chat', 'timeline', 'poster'] as const;
export type ShareChannel = (typeof SHARE_CHANNELS)[number];

/**
 * `shares/<code>`. One per sharer + target + channel (a unique index), so sharing the same card
 * again reuses its code and a sharer's share count means distinct cards.
 */
export interface ShareDoc {
  _id: string;
  sharerId: string;
  /** The sharer's UNIONID when WeChat gave one: compared with visitors' to spot one person behind two accounts. */
  sharerUnionid: string | null;
  targetType: ShareTarget;
  targetId: string;
  channel: ShareChannel;
  createdAt: Date;
}

/**
 * `share_visits/<code>:<visitorId>`: distinct per share and visitor by construction, so no counter
 * is written and a second open adds nothing. `at` is the first open (first touch), `lastAt` the
 * latest one we know of (last touch; refreshed at most once a minute).
 */
export interface VisitDoc {
  _id: string;
  code: string;
  sharerId: string;
  visitorId: string;
  visitorUnionid: string | null;
  /**
   * The share's `sharerUnionid`, copied when the visit is recorded (a share's never changes), so
   * attribution compares the two without reading the share. Absent on visits recorded before.
   */
  sharerUnionid?: string | null;
  targetType: ShareTarget;
  targetId: string;
  at: Date;
  lastAt: Date;
}

/** Why a referral or a conversion went to staff review instead of counting (or being paid). */
export type FlagReason = 'daily_cap' | 'burst' | 'inactive_referrals' | 'same_unionid' | 'shared_unionid';

export type ReferralStatus = 'counted' | 'flagged' | 'void';

/**
 * `referrals/<newcomer's member id>`: the `_id` makes "one referrer per person" the database's
 * rule — a second attribution, however concurrent, is refused as a duplicate.
 */
export interface ReferralDoc {
  _id: string;
  referrerId: string;
  code: string;
  targetType: ShareTarget;
  visitAt: Date;
  joinedAt: Date;
  newcomerUnionid: string | null;
  status: ReferralStatus;
  flags: FlagReason[];
  createdAt: Date;
  decidedAt: Date | null;
}

/**
 * pending -> confirmed (after the hold, rewarded) -> clawed_back (refunded after confirmation);
 * pending -> reversed (refunded during the hold); flagged -> pending/confirmed (staff approve) or
 * void (staff reject); flagged -> reversed (refunded while in review).
 */
export type ConversionStatus = 'pending' | 'confirmed' | 'reversed' | 'clawed_back' | 'flagged' | 'void';

/**
 * `conversions/<orderId>`: one per order by construction. `sharerId` is null only for a tombstone —
 * a refund that arrived before the payment's conversion — so the late conversion is never created.
 */
export interface ConversionDoc {
  _id: string;
  orderId: string;
  sharerId: string | null;
  buyerId: string;
  code: string | null;
  targetType: ShareTarget | null;
  visitAt: Date | null;
  orderPayFen: number;
  paidAt: Date | null;
  /** Asia/Shanghai date of payment (YYYY-MM-DD): the day the sharer's cap counts it on. */
  day: string | null;
  status: ConversionStatus;
  flags: FlagReason[];
  /**
   * True when it holds one of the sharer's `dailyRewardCap` places for its day (the order is in
   * `referral_cap_slots/<sharerId>:<day>`); false beyond the cap (flagged `daily_cap`) and for a
   * tombstone. Records written before the places document carry `slot` (the slot number) instead.
   */
  capPlace: boolean;
  pendingUntil: Date | null;
  /** Staff approved it after review: the cap and abuse checks no longer apply. */
  approved: boolean;
  /** Points credited to the sharer (0 until confirmed; kept after a clawback for the record). */
  rewardPoints: number;
  /** False while the ladder has not yet heard of the last confirmation or clawback. */
  ladderSynced: boolean;
  confirmedAt: Date | null;
  reversedAt: Date | null;
  voidedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export type FlagKind = 'referral' | 'conversion';

/**
 * `referral_flags/<kind>:<subject id>`: one review item per flagged referral (subject = the
 * newcomer) or conversion (subject = the order). Written in the same transaction as its subject.
 */
export interface FlagDoc {
  _id: string;
  kind: FlagKind;
  subjectId: string;
  sharerId: string;
  /** The newcomer or the buyer. */
  memberId: string;
  orderPayFen: number | null;
  reasons: FlagReason[];
  status: 'open' | 'approved' | 'rejected' | 'closed';
  /** Why a flag closed without a decision (e.g. the order was refunded). */
  closedReason: string | null;
  createdAt: Date;
  decidedAt: Date | null;
  decidedBy: string | null;
}

/**
 * `referral_cap_slots/<sharerId>:<day>` (id from capDayId): the places a sharer's friends' conversions
 * hold under the daily cap on one Shanghai day. `taken` counts the keys of `orders` (capPlaceKey of
 * the order id -> when it took the place). Taken by one conditional update each (taken < cap, the
 * order not in `orders`), outside any transaction: exact, and a retry finds its own place.
 */
export interface CapDayDoc {
  _id: string;
  sharerId: string;
  day: string;
  taken: number;
  orders: Record<string, Date>;
}

// ---- views

/** `referral.share`. `path` opens the card (`?s=<code>`); a poster's mini-program code uses `page` with `scene` = code. */
export interface ShareResult {
  code: string;
  path: string;
  page: string;
  scene: string;
  /** True when this sharer already had a card for this target and channel. */
  reused: boolean;
}

/**
 * `referral.visit`. `share` tells a page opened from a poster (`scene` only) where the card points,
 * and whose card it is by a masked name. Never the sharer's id: an invite card's target is the
 * sharer, so its `targetId` is null.
 */
export interface VisitResult {
  recorded: boolean;
  share: {
    targetType: ShareTarget;
    /** The product, draw or perk; null for an invite card. */
    targetId: string | null;
    path: string;
    /** The sharer's nickname, masked (王*明); '' when there is none to show. */
    sharerName: string;
  };
}

export interface InfluenceFriend {
  /** Masked: 王*明. */
  nickname: string;
  avatarUrl: string;
  joinedAt: string;
  /** counted: a referral; flagged: in review (审核中); void: not counted. */
  status: ReferralStatus;
}

export interface InfluencePurchase {
  /** Masked buyer nickname. */
  buyer: string;
  payFen: number;
  status: 'pending' | 'confirmed' | 'reversed';
  /** zh-CN: 待确认（7 天退款期后发放奖励）, 已确认, 已退款. */
  statusText: string;
  paidAt: string;
  /** When a pending purchase confirms (null otherwise). */
  confirmsAt: string | null;
  rewardPoints: number;
}

export interface PurchaseBucket {
  count: number;
  payFen: number;
}

/** `referral.influence`: what my shares achieved. */
export interface InfluenceView {
  shares: number;
  /** Distinct share-and-visitor pairs: a friend opening the same card twice counts once. */
  visits: number;
  friendsJoined: number;
  /** The latest friends who joined (up to 20), newest first. */
  friends: InfluenceFriend[];
  /** pending includes those in review; reversed includes those clawed back after confirmation. */
  purchases: { pending: PurchaseBucket; confirmed: PurchaseBucket; reversed: PurchaseBucket };
  /** The latest purchases through my shares (up to 20), newest first. */
  recentPurchases: InfluencePurchase[];
  /** Points my confirmed conversions earned, net of clawbacks. */
  pointsEarned: number;
  koc: KocProgress;
}

export interface KocProgress {
  tier: Tier;
  tierName: string;
  isKoc: boolean;
  /** Distinct friends with a confirmed purchase in the ladder period, and how many 品牌KOC needs. */
  friendsBought: number;
  friendsNeeded: number;
  /** My paid, unrefunded orders in the period, and how many 品牌KOC needs. */
  paidOrders: number;
  ordersNeeded: number;
  periodDays: number;
  /** Plain words, e.g. "再下 1 单，并邀请 1 位好友购买，即可成为品牌KOC". */
  text: string;
  /** E.g. "另有 2 笔好友订单待确认，退款期结束后计入" (null when nothing is pending). */
  pendingText: string | null;
}

/** `admin.kocLeaderboard` rows, best first. */
export interface KocLeaderboardRow {
  rank: number;
  memberId: string;
  nickname: string;
  tier: Tier;
  tierName: string;
  /** Distinct friends with a confirmed purchase through this member's shares in the period. */
  friends: number;
  conversions: number;
  /** Confirmed conversions' pay (fen). */
  propagationFen: number;
  /** The member's own orders paid in the period minus those refunded (fen). */
  ownFen: number;
  totalFen: number;
}

export interface KocLeaderboard {
  days: number;
  since: string;
  rows: KocLeaderboardRow[];
}

/** `admin.flaggedReferrals` items, oldest first. */
export interface FlagView {
  id: string;
  kind: FlagKind;
  /** zh-CN: 好友加入 / 好友购买. */
  kindText: string;
  sharerId: string;
  sharerNickname: string;
  memberId: string;
  memberNickname: string;
  orderId: string | null;
  orderPayFen: number | null;
  reasons: FlagReason[];
  /** zh-CN, one per reason. */
  reasonTexts: string[];
  createdAt: string;
}
