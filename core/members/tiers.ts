/**
 * The five-step relationship ladder. Evaluation from facts (orders, referrals) comes with the
 * relationship core; here are the steps, their order and names.
 */
export const TIERS = ['follower', 'member', 'buyer', 'repeat_buyer', 'koc'] as const;
export type Tier = (typeof TIERS)[number];

export const TIER_NAMES: Record<Tier, string> = {
  follower: '基础用户',
  member: '未购会员',
  buyer: '已购会员',
  repeat_buyer: '复购会员',
  koc: '品牌KOC',
};

export function tierRank(tier: Tier): number {
  return TIERS.indexOf(tier);
}
