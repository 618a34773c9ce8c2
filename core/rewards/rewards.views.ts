/** Stored documents to what the client receives: ISO times, derived coupon state, no internals. */
import type { AdminRewardView, CouponDoc, CouponTerms, MyCoupon, RewardDoc, RewardView } from './rewards.model';
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

/** A coupon's terms, field by field (rewards and perks store them as staff saved them). */
export function couponTermsView(c: CouponTerms | null | undefined): CouponTerms | null {
  return c ? { valueFen: c.valueFen, minSpendFen: c.minSpendFen, validDays: c.validDays } : null;
}

function baseView(r: RewardDoc, remaining: number) {
  return {
    _id: r._id,
    title: r.title,
    description: r.description,
    kind: r.kind,
    pointsCost: r.pointsCost,
    remaining,
    image: r.image,
    coupon: couponTermsView(r.coupon),
    minTier: r.minTier,
  };
}

export function toRewardView(r: RewardDoc, remaining: number, member: MemberFacts | null): RewardView {
  return { ...baseView(r, remaining), ...catalogAvailability(member, r, remaining) };
}

export function toAdminRewardView(r: RewardDoc, remaining: number, redeemed: number): AdminRewardView {
  return {
    ...baseView(r, remaining),
    status: r.status,
    sort: r.sort,
    stockShards: r.stockShards,
    redeemed,
    updatedAt: iso(r.updatedAt),
    updatedBy: r.updatedBy,
  };
}
