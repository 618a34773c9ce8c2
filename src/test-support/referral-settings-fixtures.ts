import type { ReferralConfigView } from '@/services/contracts';
import { refusal } from './replies';

// jest only: 推荐规则 as the admin function answers it (the server's defaults, saved once).

export const referralSettingsView = (over: Partial<ReferralConfigView> = {}): ReferralConfigView => ({
  config: {
    attributionWindowDays: 7,
    holdDays: 7,
    rewardPoints: 100,
    minOrderPayFen: 1,
    dailyRewardCap: 20,
    burst: { windowMinutes: 60, maxReferrals: 10 },
    inactive: { minReferrals: 5, afterDays: 7, minActivePermille: 200 },
  },
  version: 2,
  isDefault: false,
  updatedAt: '2025-03-01T00:00:00.000Z',
  updatedBy: 'o-admin',
  refundWindowDays: 7,
  limits: {
    attributionWindowDays: { min: 1, max: 30 },
    holdDays: { min: 7, max: 30 },
    rewardPoints: { min: 0, max: 100_000 },
    minOrderPayFen: { min: 1, max: 10_000_000 },
    dailyRewardCap: { min: 1, max: 1000 },
    burstWindowMinutes: { min: 1, max: 1440 },
    burstMaxReferrals: { min: 1, max: 1000 },
    inactiveMinReferrals: { min: 1, max: 1000 },
    inactiveAfterDays: { min: 1, max: 365 },
    inactiveMinActivePermille: { min: 1, max: 1000 },
  },
  ...over,
});

/** 推荐规则 refused field by field (two fields). */
export const REFERRAL_SETTINGS_REFUSAL = refusal('VALIDATION_FAILED', '推荐规则有误：…', [
  ['holdDays', '冻结期不能短于退款期（7 天）：退款期内的退款会撤销转化，奖励须在退款期结束后才发放'],
  ['burst.maxReferrals', '集中加入人数至少 1 位'],
]);
