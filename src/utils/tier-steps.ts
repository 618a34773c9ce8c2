import type { TierKey } from '@/services/contracts';

// The five rungs of the relationship ladder, lowest first, as the member centre draws them.
// Which rung a person is on comes from the server (profile.tier); this is display order only.
export const TIER_STEPS: ReadonlyArray<{ tier: TierKey; name: string }> = [
  { tier: 'follower', name: '基础用户' },
  { tier: 'member', name: '未购会员' },
  { tier: 'buyer', name: '已购会员' },
  { tier: 'repeat_buyer', name: '复购会员' },
  { tier: 'koc', name: '品牌KOC' },
];

/** 1-based position on the ladder (NutUI Steps counts from 1); 0 for an unknown tier. */
export function ladderPosition(tier: TierKey): number {
  return TIER_STEPS.findIndex((step) => step.tier === tier) + 1;
}
