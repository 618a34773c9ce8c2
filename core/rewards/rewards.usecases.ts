import { findMember } from '../members/member.repo';
import { now } from '../platform/clock';
import type { Database } from '../platform/database';
import type { MyCoupon, RewardView } from './rewards.model';
import { readStock, sumRemaining } from './reward-stock.repo';
import { listCoupons, listRewards, type CouponFilter } from './rewards.repo';
import { byCatalogOrder } from './rewards.rules';
import { toMyCoupon, toRewardView } from './rewards.views';

/**
 * The catalog as this member sees it: three reads whatever the catalog's size (the member, the
 * active rewards, every stock shard of them in one query). Availability is a display hint; the
 * redemption re-checks everything in its transaction.
 */
export async function rewardsCatalog(db: Database, memberId: string): Promise<RewardView[]> {
  const [member, rewards] = await Promise.all([findMember(db, memberId), listRewards(db, 'active')]);
  const stock = await readStock(
    db,
    rewards.map((r) => r._id),
  );
  return [...rewards].sort(byCatalogOrder).map((r) => toRewardView(r, sumRemaining(stock.get(r._id)), member));
}

export async function myCoupons(db: Database, memberId: string, state: CouponFilter): Promise<MyCoupon[]> {
  const at = now();
  return (await listCoupons(db, memberId, state, at)).map((c) => toMyCoupon(c, at));
}
