import type { ReferralConfig, ReferralConfigView } from '@/services/contracts';
import type { FieldErrors } from '@/packages/admin/store';
import { fenToYuanInput, parseYuanToFen } from '@/utils/money-input';

// 推荐规则's form: the configuration as text fields, and back. The minimum order is typed in yuan
// and sent in fen; the "still buying" share is typed in percent (one decimal) and sent in per-mille.
// The form only checks that each field is a number; the ranges are the server's
// (core/referrals/referral.config.ts), whose per-field details come back keyed by the paths here.

export interface ReferralSettingsForm {
  attributionWindowDays: string;
  holdDays: string;
  rewardPoints: string;
  minOrderPayYuan: string;
  dailyRewardCap: string;
  burstWindowMinutes: string;
  burstMaxReferrals: string;
  inactiveMinReferrals: string;
  inactiveAfterDays: string;
  inactiveMinActivePercent: string;
}

export type ReferralSettingsField = keyof ReferralSettingsForm;

/** Each field -> its path in the configuration (and in the server's details). */
export const REFERRAL_SETTINGS_PATHS = {
  attributionWindowDays: 'attributionWindowDays',
  holdDays: 'holdDays',
  rewardPoints: 'rewardPoints',
  minOrderPayYuan: 'minOrderPayFen',
  dailyRewardCap: 'dailyRewardCap',
  burstWindowMinutes: 'burst.windowMinutes',
  burstMaxReferrals: 'burst.maxReferrals',
  inactiveMinReferrals: 'inactive.minReferrals',
  inactiveAfterDays: 'inactive.afterDays',
  inactiveMinActivePercent: 'inactive.minActivePermille',
} as const satisfies Record<ReferralSettingsField, string>;

/** 200 -> '20', 125 -> '12.5'. */
export function permilleToPercent(permille: number): string {
  return permille % 10 === 0 ? String(permille / 10) : `${Math.floor(permille / 10)}.${permille % 10}`;
}

/** '20' -> 200, '12.5' -> 125; null when it is not a number with at most one decimal. */
export function percentToPermille(text: string): number | null {
  const match = /^(\d{1,4})(?:\.(\d))?$/.exec(text.trim());
  return match ? Number(match[1]) * 10 + Number(match[2] ?? '0') : null;
}

export function referralSettingsFormOf(config: ReferralConfig): ReferralSettingsForm {
  return {
    attributionWindowDays: String(config.attributionWindowDays),
    holdDays: String(config.holdDays),
    rewardPoints: String(config.rewardPoints),
    minOrderPayYuan: fenToYuanInput(config.minOrderPayFen),
    dailyRewardCap: String(config.dailyRewardCap),
    burstWindowMinutes: String(config.burst.windowMinutes),
    burstMaxReferrals: String(config.burst.maxReferrals),
    inactiveMinReferrals: String(config.inactive.minReferrals),
    inactiveAfterDays: String(config.inactive.afterDays),
    inactiveMinActivePercent: permilleToPercent(config.inactive.minActivePermille),
  };
}

const wholeNumber = (text: string): number | null => (/^\d{1,7}$/.test(text.trim()) ? Number(text.trim()) : null);

/** The configuration to send, or which fields are not numbers. */
export function readReferralSettingsForm(form: ReferralSettingsForm): { ok: true; config: ReferralConfig } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const read = (field: ReferralSettingsField, parse: (text: string) => number | null, message: string): number => {
    const value = parse(form[field]);
    if (value === null) errors[REFERRAL_SETTINGS_PATHS[field]] = message;
    return value ?? 0;
  };
  const whole = (field: ReferralSettingsField) => read(field, wholeNumber, '请填写整数');
  const config: ReferralConfig = {
    attributionWindowDays: whole('attributionWindowDays'),
    holdDays: whole('holdDays'),
    rewardPoints: whole('rewardPoints'),
    minOrderPayFen: read('minOrderPayYuan', parseYuanToFen, '请填写金额，如 9.9（最多两位小数）'),
    dailyRewardCap: whole('dailyRewardCap'),
    burst: { windowMinutes: whole('burstWindowMinutes'), maxReferrals: whole('burstMaxReferrals') },
    inactive: {
      minReferrals: whole('inactiveMinReferrals'),
      afterDays: whole('inactiveAfterDays'),
      minActivePermille: read('inactiveMinActivePercent', percentToPermille, '请填写百分比，如 20（最多一位小数）'),
    },
  };
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, config };
}

/** The range a field accepts, in the form's units (from the server's limits): '1～30'. */
export function rangeText(field: ReferralSettingsField, limits: ReferralConfigView['limits']): string {
  const of = ({ min, max }: { min: number; max: number }) => `${min}～${max}`;
  switch (field) {
    case 'attributionWindowDays':
      return of(limits.attributionWindowDays);
    case 'holdDays':
      return of(limits.holdDays);
    case 'rewardPoints':
      return of(limits.rewardPoints);
    case 'minOrderPayYuan':
      return `${fenToYuanInput(limits.minOrderPayFen.min)}～${limits.minOrderPayFen.max / 100}`;
    case 'dailyRewardCap':
      return of(limits.dailyRewardCap);
    case 'burstWindowMinutes':
      return of(limits.burstWindowMinutes);
    case 'burstMaxReferrals':
      return of(limits.burstMaxReferrals);
    case 'inactiveMinReferrals':
      return of(limits.inactiveMinReferrals);
    case 'inactiveAfterDays':
      return of(limits.inactiveAfterDays);
    case 'inactiveMinActivePercent':
      return `${permilleToPercent(limits.inactiveMinActivePermille.min)}～${permilleToPercent(limits.inactiveMinActivePermille.max)}`;
  }
}
