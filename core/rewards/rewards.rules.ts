/**
 * The rewards catalog's rules — pure, no SDK, no I/O: who may redeem what, how stock is split into
 * shards and which shards a redemption tries, when a coupon expires and what state it is in.
 */
import { createHash } from 'node:crypto';
import { TIER_NAMES, TIERS, tierRank, type Tier } from '../members/tiers';
import type { ErrorCode } from '../platform/result';
import type { RewardsErrorCode } from './rewards.errors';
import type { CouponDoc, CouponState, RewardDoc, RewardTier } from './rewards.model';
import { endOfChinaDay } from '../platform/china-time';

export type RedeemBlockCode = Extract<ErrorCode, 'NOT_A_MEMBER'> | Extract<RewardsErrorCode, 'TIER_NOT_ELIGIBLE' | 'REWARD_UNAVAILABLE'>;

/** The part of a member the rules look at. */
export interface MemberFacts {
  tier: Tier;
  joinedAt: Date | string | null;
}

/**
 * At most this many shards per reward. Enough that a burst of redemptions rarely lands on the same
 * document, few enough that the catalog's one stock query stays within WeChat's 1000-row limit
 * (100 rewards x 10 shards).
 */
export const MAX_STOCK_SHARDS = 10;

/**
 * Shards for a stock level: one unit per shard up to the maximum. A small stock (the limited
 * rewards that attract bursts) gets every unit its own document, so concurrent redemptions collide
 * only when they pick the same unit; a large stock is spread over the maximum.
 */
export function shardCountFor(stock: number): number {
  return Math.max(1, Math.min(MAX_STOCK_SHARDS, Math.floor(stock)));
}

/** Splits `stock` over `n` shards as evenly as possible (the first ones take the remainder). */
export function distributeStock(stock: number, n: number): number[] {
  const base = Math.floor(stock / n);
  const extra = stock % n;
  return Array.from({ length: n }, (_v, i) => base + (i < extra ? 1 : 0));
}

export function shardId(rewardId: string, index: number): string {
  return `${rewardId}:${index}`;
}

/**
 * The shards a redemption tries to take a unit from: those a fresh read says still hold units, in
 * random order, so a burst spreads over them. Shards read as empty are not tried: a unit given back
 * a moment later is found by the next read, and a reward is never sold out while a shard has stock
 * because the redemption reads again before it says so.
 */
export function takeOrder(shards: Array<{ index: number; remaining: number }>, shardCount: number, random: () => number = Math.random): number[] {
  const candidates = [...new Set(shards.filter((s) => s.remaining > 0 && s.index >= 0 && s.index < shardCount).map((s) => s.index))];
  return shuffle(candidates, random);
}

function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

/** '复购会员及以上' — or just '品牌KOC' for the top step, which has nothing above it. */
function tierAndAbove(minTier: RewardTier): string {
  return minTier === TIERS[TIERS.length - 1] ? TIER_NAMES[minTier] : `${TIER_NAMES[minTier]}及以上`;
}

/** The catalog's label: '复购会员及以上可兑'; the top step reads '品牌KOC专享'. */
export function tierRequirementLabel(minTier: RewardTier): string {
  return minTier === TIERS[TIERS.length - 1] ? `${TIER_NAMES[minTier]}专享` : `${tierAndAbove(minTier)}可兑`;
}

/**
 * Why this member may not redeem this reward, checked in the order the redemption checks them
 * (membership, tier, the reward being on offer); null when nothing stands in the way. Stock and
 * points are checked against the live documents inside the redemption's transaction.
 */
export function redeemBlock(
  member: MemberFacts | null,
  reward: Pick<RewardDoc, 'minTier' | 'status'> | null,
): { code: RedeemBlockCode; message: string } | null {
  if (!member || !member.joinedAt) return { code: 'NOT_A_MEMBER', message: '请先加入会员' };
  if (reward?.minTier && tierRank(member.tier) < tierRank(reward.minTier)) {
    return { code: 'TIER_NOT_ELIGIBLE', message: `该奖品仅限${tierAndAbove(reward.minTier)}兑换` };
  }
  if (!reward || reward.status !== 'active') return { code: 'REWARD_UNAVAILABLE', message: '该奖品已下架' };
  return null;
}

/** What the catalog shows the caller: the same checks as a redemption, in the same order, then stock. */
export function catalogAvailability(
  member: MemberFacts | null,
  reward: Pick<RewardDoc, 'minTier' | 'status'>,
  remaining: number,
): { available: boolean; unavailableReason: string | null } {
  const block = redeemBlock(member, reward);
  if (block?.code === 'NOT_A_MEMBER') return { available: false, unavailableReason: '加入会员后可兑' };
  if (block?.code === 'TIER_NOT_ELIGIBLE' && reward.minTier) return { available: false, unavailableReason: tierRequirementLabel(reward.minTier) };
  if (block) return { available: false, unavailableReason: '暂不可兑' };
  if (remaining <= 0) return { available: false, unavailableReason: '已兑完' };
  return { available: true, unavailableReason: null };
}

/** Catalog order: the operator's sort, then cheapest first, then id (a total order). */
export function byCatalogOrder(a: Pick<RewardDoc, '_id' | 'sort' | 'pointsCost'>, b: Pick<RewardDoc, '_id' | 'sort' | 'pointsCost'>): number {
  return a.sort - b.sort || a.pointsCost - b.pointsCost || (a._id < b._id ? -1 : a._id > b._id ? 1 : 0);
}

/**
 * A coupon is usable through the end of its last day (Asia/Shanghai), counting the day it is
 * issued as day 1 — "7 天内有效" issued on the 1st lasts until the 7th, 23:59:59.
 */
export function couponExpiry(issuedAt: Date, validDays: number): Date {
  return endOfChinaDay(issuedAt, { days: validDays - 1 });
}

/** Used wins over expired (a coupon used in time stays used); otherwise expired once its time has passed. */
export function couponState(coupon: Pick<CouponDoc, 'state' | 'expiresAt'>, at: Date): CouponState {
  if (coupon.state === 'used') return 'used';
  if (coupon.state === 'locked') return 'locked';
  return new Date(coupon.expiresAt).getTime() <= at.getTime() ? 'expired' : 'available';
}

/** One key per member and client request: the ledger entry, the redemption record and the coupon all derive from it. */
export function redemptionKey(memberId: string, requestId: string): string {
  return `redeem:${memberId}:${requestId}`;
}

/** A short, stable coupon id from the redemption key: a replay computes the same id and finds the coupon. */
export function couponIdFor(redemptionKey: string): string {
  return `cpn_${createHash('sha1').update(redemptionKey).digest('hex').slice(0, 24)}`;
}
