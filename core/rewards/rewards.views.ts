/** Stored documents to what the client receives: ISO times, derived coupon state, no internals. */
import type { AdminRewardView, CouponDoc, MyCoupon, RewardDoc, RewardView } from './rewards.model';
import { catalogAvailability, couponState, type MemberFacts } from './rewards.rules';

const iso = (d: Date | string) => new Date(d).toISOString();

export function toMyCoupon(c: CouponDoc, at: Date): MyCoupon {
  return {
    _id: c._id,
    rewardId: c.rewardId,
    title: c.title,
    valueFen: c.valueFen,
    minSpendFen: c.minSpendFen,
    state: couponState(c, at),
    issuedAt: iso(c.issuedAt),
    expiresAt: iso(c.expiresAt),
    usedAt: c.usedAt ? iso(c.usedAt) : null,
  };
}

function baseView(r: RewardDoc, remaining: number) {
  return { _id: r._id, title: r.title, description: r.description, kind: r.kind, pointsCost: r.pointsCost, remaining, image: r.image, coupon: r.coupon, minTier: r.minTier };
}

export function toRewardView(r: RewardDoc, remaining: number, member: MemberFacts | null): RewardView {
  return { ...baseView(r, remaining), ...catalogAvailability(member, r, remaining) };
}

export function toAdminRewardView(r: RewardDoc, remaining: number, redeemed: number): AdminRewardView {
  return { ...baseView(r, remaining), status: r.status, sort: r.sort, stockShards: r.stockShards, redeemed, updatedAt: iso(r.updatedAt), updatedBy: r.updatedBy };
}
