/**
 * The points rewards catalog: what is stored and what the client receives. The client imports
 * these view types (type-only) so it cannot drift from what the points function returns.
 */
import type { Tier } from '../members/tiers';

export type RewardKind = 'coupon' | 'product';
export type RewardStatus = 'active' | 'inactive';
/** A reward is for members; `null` means every member. */
export type RewardTier = Exclude<Tier, 'follower'>;
/** `locked`: held by an unpaid order until it is paid (then used) or closed (then available again). */
export type CouponState = 'available' | 'locked' | 'used' | 'expired';

export interface CouponTerms {
  /** Face value in fen. */
  valueFen: number;
  /** Minimum order amount in fen for the coupon to apply; 0 = no threshold. */
  minSpendFen: number;
  /** Days the coupon stays usable, counting the day it is issued. */
  validDays: number;
}

/** `rewards/<_id>`. Stock is not here: it lives in `reward_stock` shards so no redemption writes this document. */
export interface RewardDoc {
  _id: string;
  title: string;
  description: string;
  kind: RewardKind;
  pointsCost: number;
  image: string | null;
  coupon: CouponTerms | null;
  minTier: RewardTier | null;
  status: RewardStatus;
  sort: number;
  /** How many `reward_stock` shards hold its stock (ids `${_id}:0` .. `${_id}:${n-1}`). */
  stockShards: number;
  createdAt: Date;
  updatedAt: Date;
  updatedBy: string;
}

/**
 * One unit a redemption request took from a shard (`holds.<holdField(key)>`), recorded in the same
 * conditional update that took it, until the redemption settles it (the unit stays sold) or gives
 * it back. See rewards.redeem.ts for the protocol.
 */
export interface UnitHold {
  /** Fixed when the unit is taken; the redemption that uses this unit records it as `holdId`. */
  id: string;
  /** The invocation working with the unit now: a retry of the same request may take it over. */
  owner: string;
  /** The redemption key (`redeem:<memberId>:<requestId>`) the unit is held for. */
  key: string;
  memberId: string;
  at: Date;
}

/** `reward_stock/${rewardId}:${index}`: one slice of a reward's remaining stock. */
export interface StockShardDoc {
  _id: string;
  rewardId: string;
  index: number;
  /** Units on offer: held units are already taken out. */
  remaining: number;
  /** Units taken by requests whose redemption has not settled yet, by hold field. */
  holds?: Record<string, UnitHold>;
  /** How many entries `holds` has (changed in the same updates): what the holds job looks for. */
  held?: number;
  updatedAt: Date;
}

/** `coupons/<_id>`: a coupon a member owns. `expired` is never stored: it is derived from `expiresAt`. */
export interface CouponDoc {
  _id: string;
  memberId: string;
  rewardId: string;
  title: string;
  valueFen: number;
  minSpendFen: number;
  state: 'available' | 'locked' | 'used';
  issuedAt: Date;
  expiresAt: Date;
  usedAt: Date | null;
  /** The redemption that issued it (its idempotency key). */
  redemptionId: string;
  /** The order that holds (locked) or used it. */
  orderId?: string | null;
}

/**
 * `redemptions/<key>` with key `redeem:<memberId>:<requestId>`: the record of one redemption and
 * its original result, read first so a replay returns it unchanged. For product rewards it is
 * also what staff fulfil (ship) from.
 */
export interface RedemptionDoc {
  _id: string;
  memberId: string;
  requestId: string;
  rewardId: string;
  kind: RewardKind;
  title: string;
  pointsCost: number;
  couponId: string | null;
  stockShard: number;
  /** The hold whose unit this redemption used (absent on redemptions made before holds existed). */
  holdId?: string | null;
  balanceAfter: number;
  /** Coupons are done when issued; products wait for staff to ship them. */
  status: 'issued' | 'pending_fulfilment';
  createdAt: Date;
}

/**
 * `redemptions/<key>` written by the holds job for a request that held a unit and never finished
 * (its function died): from then on the request can never redeem, so its unit is given back
 * safely, and a late retry of it is told to start again. No `rewardId`: it redeemed nothing, and
 * every count of a reward's redemptions leaves it out.
 */
export interface VoidedRequestDoc {
  _id: string;
  memberId: string;
  status: 'void';
  voidedAt: Date;
}

/** What `redemptions/<key>` holds: a redemption, or a request that was voided. */
export type RedemptionRecord = RedemptionDoc | VoidedRequestDoc;

/** One reward as the member sees it in the catalog (`points.rewards`). */
export interface RewardView {
  _id: string;
  title: string;
  description: string;
  kind: RewardKind;
  pointsCost: number;
  remaining: number;
  image: string | null;
  coupon: CouponTerms | null;
  minTier: RewardTier | null;
  available: boolean;
  /** Why the caller cannot redeem it now, in Chinese (e.g. '已兑完'); null when available. */
  unavailableReason: string | null;
}

/** A coupon in "my coupons" (`points.coupons`, `points.redeem`). Times are ISO 8601 server times. */
export interface MyCoupon {
  _id: string;
  rewardId: string;
  title: string;
  valueFen: number;
  minSpendFen: number;
  state: CouponState;
  issuedAt: string;
  expiresAt: string;
  usedAt: string | null;
}

export interface RedeemResult {
  coupon: MyCoupon | null;
  balance: number;
  /** True when this requestId had already redeemed: the original result, nothing new issued. */
  replayed: boolean;
}

/** A reward as staff see it in the admin catalog: every status, with stock and redemptions. */
export interface AdminRewardView extends Omit<RewardView, 'available' | 'unavailableReason'> {
  status: RewardStatus;
  sort: number;
  stockShards: number;
  redeemed: number;
  updatedAt: string;
  updatedBy: string;
}

export const REWARDS = 'rewards';
export const REWARD_STOCK = 'reward_stock';
export const COUPONS = 'coupons';
export const REDEMPTIONS = 'redemptions';
