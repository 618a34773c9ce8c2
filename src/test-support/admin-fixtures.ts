import type { AdminOverview, AdminRewardView, LadderConfigView } from '@/services/contracts';
import { refusal } from './replies';

// jest only: what the admin function answers (the overview, the ladder rules, a reward), shared by
// the admin pages' and slices' tests.

export const ladderView = (over: Partial<LadderConfigView> = {}): LadderConfigView => ({
  periodDays: 180,
  graceDays: 30,
  steps: [
    { tier: 'follower', name: '基础用户', requirement: '关注品牌', benefits: null as never, benefitLines: [] },
    { tier: 'koc', name: '品牌KOC', requirement: '复购会员，且有 1 位好友通过分享购买', benefits: null as never, benefitLines: [] },
  ],
  config: {
    periodDays: 180,
    graceDays: 30,
    thresholds: { buyerOrders: 1, repeatBuyerOrders: 2, kocFriends: 1 },
    benefits: {
      follower: { pointsMultiplierPermille: 1000, perksEligible: false, drawsEligible: false },
      member: { pointsMultiplierPermille: 1000, perksEligible: true, drawsEligible: true },
      buyer: { pointsMultiplierPermille: 1200, perksEligible: true, drawsEligible: true },
      repeat_buyer: { pointsMultiplierPermille: 1500, perksEligible: true, drawsEligible: true },
      koc: { pointsMultiplierPermille: 2000, perksEligible: true, drawsEligible: true },
    },
  },
  version: 3,
  isDefault: false,
  updatedAt: '2025-03-01T00:00:00.000Z',
  updatedBy: 'o-admin',
  ...over,
});

export const adminReward = (over: Partial<AdminRewardView> = {}): AdminRewardView => ({
  _id: 'rw_1',
  title: '10 元代金券',
  description: '全场通用',
  kind: 'coupon',
  pointsCost: 300,
  remaining: 12,
  image: 'cloud://env/r.png',
  coupon: { valueFen: 1000, minSpendFen: 5000, validDays: 30 },
  minTier: 'buyer',
  status: 'active',
  sort: 10,
  stockShards: 10,
  redeemed: 3,
  updatedAt: '2025-03-01T00:00:00.000Z',
  updatedBy: 'o-admin',
  ...over,
});

/** The staff overview: 100 people over the five steps, 60 members, 2 staff. */
export const overview: AdminOverview = {
  tiers: [
    { tier: 'follower', name: '基础用户', count: 40 },
    { tier: 'member', name: '未购会员', count: 30 },
    { tier: 'buyer', name: '已购会员', count: 20 },
    { tier: 'repeat_buyer', name: '复购会员', count: 8 },
    { tier: 'koc', name: '品牌KOC', count: 2 },
  ],
  members: 60,
  staff: 2,
};

/** The ladder rules refused field by field (two fields), as the admin function answers. */
export const LADDER_CONFIG_INVALID_REFUSAL = refusal('LADDER_CONFIG_INVALID', '等级配置有误：…', [
  ['thresholds.repeatBuyerOrders', '复购会员的订单数需大于已购会员的订单数'],
  ['benefits.koc.pointsMultiplierPermille', '品牌KOC的积分倍数不能低于复购会员'],
]);
