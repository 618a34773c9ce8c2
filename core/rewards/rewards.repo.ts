import type { Database } from '../platform/database';
import { COUPONS, REDEMPTIONS, REWARD_STOCK, REWARDS, type CouponDoc, type RewardDoc, type RewardStatus, type StockShardDoc } from './rewards.model';

/** The catalog is small by nature; one page is all of it. */
export const CATALOG_LIMIT = 100;
/** "My coupons" shows the latest this many in each list. */
export const COUPONS_LIMIT = 100;

export async function listRewards(db: Database, status?: RewardStatus): Promise<RewardDoc[]> {
  const base = db.collection(REWARDS);
  const query = status ? base.where({ status }) : base;
  return (await query.orderBy('sort', 'asc').limit(CATALOG_LIMIT).get()).data as RewardDoc[];
}

/**
 * Every shard of these rewards in one query (at most 100 rewards x 10 shards = WeChat's 1000-row
 * maximum), summed per reward. Outside a transaction this is a moment's picture: good for display
 * and for choosing a shard, never for deciding a sale.
 */
export async function readStock(db: Database, rewardIds: string[]): Promise<Map<string, Array<{ index: number; remaining: number }>>> {
  const byReward = new Map<string, Array<{ index: number; remaining: number }>>(rewardIds.map((id) => [id, []]));
  if (rewardIds.length === 0) return byReward;
  const { data } = await db
    .collection(REWARD_STOCK)
    .where({ rewardId: db.command.in(rewardIds) })
    .field({ rewardId: true, index: true, remaining: true })
    .limit(1000)
    .get();
  for (const s of data as StockShardDoc[]) byReward.get(s.rewardId)?.push({ index: s.index, remaining: s.remaining });
  return byReward;
}

export function sumRemaining(shards: Array<{ remaining: number }> | undefined): number {
  return (shards ?? []).reduce((n, s) => n + Math.max(0, s.remaining), 0);
}

export async function countRedemptions(db: Database, rewardId: string): Promise<number> {
  return (await db.collection(REDEMPTIONS).where({ rewardId }).count()).total;
}

export type CouponFilter = 'available' | 'used' | 'expired' | undefined;

/**
 * A member's coupons. `expired` is not stored, so each list is a range over the stored state and
 * the expiry time (index memberId + state + expiresAt): usable ones soonest-to-expire first, the
 * others most recent first.
 */
export async function listCoupons(db: Database, memberId: string, filter: CouponFilter, at: Date): Promise<CouponDoc[]> {
  const _ = db.command;
  const coupons = db.collection(COUPONS);
  const query =
    filter === 'available'
      ? coupons.where({ memberId, state: 'available', expiresAt: _.gt(at) }).orderBy('expiresAt', 'asc')
      : filter === 'expired'
        ? coupons.where({ memberId, state: 'available', expiresAt: _.lte(at) }).orderBy('expiresAt', 'desc')
        : filter === 'used'
          ? coupons.where({ memberId, state: 'used' }).orderBy('usedAt', 'desc')
          : coupons.where({ memberId }).orderBy('issuedAt', 'desc');
  return (await query.limit(COUPONS_LIMIT).get()).data as CouponDoc[];
}
