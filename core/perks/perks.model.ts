/**
 * Share-to-unlock perks. WeChat forbids rewarding the act of sharing (no share-success callback
 * exists, and "share to N groups to unlock" gets mini-programs banned), so a perk unlocks only
 * when N distinct friends genuinely engage through the member's cards: they join (and, if the
 * perk says so, buy). Shares and opens alone never count.
 */
import type { MemberTier } from '../catalog/catalog.model';
import type { CouponTerms } from '../rewards/rewards.model';

export const PERKS = 'perks';
export const PERK_UNLOCKS = 'perk_unlocks';

export type PerkKind = 'coupon' | 'content';
/** join: a friend joined membership through my card; join_and_buy: and has a paid (not refunded) order. */
export type PerkEngagement = 'join' | 'join_and_buy';
export type PerkStatus = 'active' | 'inactive';

/** `perks/<_id>`. */
export interface PerkDoc {
  _id: string;
  title: string;
  description: string;
  kind: PerkKind;
  requiredFriends: number;
  engagement: PerkEngagement;
  coupon: CouponTerms | null;
  /** Exclusive content revealed on unlock (kind 'content'). */
  content: string | null;
  /** Who may take part: from this step up (tier benefits must also allow perks). */
  minTier: MemberTier;
  /** Friends count if they joined within [startsAt, endsAt]; old referrals do not unlock a new perk. */
  startsAt: Date;
  endsAt: Date | null;
  status: PerkStatus;
  sort: number;
  updatedAt: Date;
  updatedBy: string;
}

/** `perk_unlocks/<perkId>:<memberId>`: one unlock per member and perk, by construction. */
export interface PerkUnlockDoc {
  _id: string;
  perkId: string;
  memberId: string;
  /** The friends counted when it unlocked. */
  friendIds: string[];
  couponId: string | null;
  unlockedAt: Date;
}

/** A friend who joined through the member's card, as the perk rules need them. */
export interface EngagedFriend {
  memberId: string;
  nickname: string;
  joinedAt: Date;
  bought: boolean;
}

export interface PerkHelperView {
  /** Masked, e.g. 王*明. */
  name: string;
  joinedAt: string;
  bought: boolean;
}

/** A perk as the member sees it (`perks.list`, `perks.claim`). */
export interface PerkView {
  _id: string;
  title: string;
  description: string;
  kind: PerkKind;
  requiredFriends: number;
  engagement: PerkEngagement;
  /** zh-CN: how it unlocks, e.g. 邀请 3 位好友通过你的分享加入会员并下单. */
  rule: string;
  coupon: CouponTerms | null;
  endsAt: string | null;
  helpers: PerkHelperView[];
  count: number;
  remaining: number;
  eligible: boolean;
  /** Why the member cannot take part (tier), or null. */
  ineligibleReason: string | null;
  /** Enough friends, eligible, not yet claimed: the member can tap 领取. */
  claimable: boolean;
  unlocked: boolean;
  unlockedAt: string | null;
  /** Revealed only once unlocked. */
  content: string | null;
  couponId: string | null;
}

export interface AdminPerkView extends Omit<PerkDoc, 'startsAt' | 'endsAt' | 'updatedAt'> {
  startsAt: string;
  endsAt: string | null;
  updatedAt: string;
  rule: string;
  unlocks: number;
}
