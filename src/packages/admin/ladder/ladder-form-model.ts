import type { LadderConfig, TierKey } from '@/services/contracts';
import type { FieldErrors } from '@/packages/admin/store';

// 等级规则's form: the configuration as text fields, and back. Multipliers are typed as 倍数
// ('1.2') and stored as integer per-mille (1200). The form only checks that each field is a
// number; the ranges and the ladder's rules are the server's (core/ladder/ladder.config.ts),
// whose per-field details come back keyed by the same paths as the fields here.

export const LADDER_TIERS: readonly TierKey[] = ['follower', 'member', 'buyer', 'repeat_buyer', 'koc'];

export interface TierBenefitsForm {
  multiplier: string;
  perksEligible: boolean;
  drawsEligible: boolean;
}

export interface LadderForm {
  periodDays: string;
  graceDays: string;
  buyerOrders: string;
  repeatBuyerOrders: string;
  kocFriends: string;
  benefits: Record<TierKey, TierBenefitsForm>;
}

/** Each number field's key in the form -> its path in the configuration (and the server's details). */
export const LADDER_NUMBER_PATHS = {
  periodDays: 'periodDays',
  graceDays: 'graceDays',
  buyerOrders: 'thresholds.buyerOrders',
  repeatBuyerOrders: 'thresholds.repeatBuyerOrders',
  kocFriends: 'thresholds.kocFriends',
} as const;
export type LadderNumberField = keyof typeof LADDER_NUMBER_PATHS;

export const multiplierPath = (tier: TierKey) => `benefits.${tier}.pointsMultiplierPermille`;
export const perksPath = (tier: TierKey) => `benefits.${tier}.perksEligible`;
export const drawsPath = (tier: TierKey) => `benefits.${tier}.drawsEligible`;

/** 1200 -> '1.2', 1000 -> '1', 1250 -> '1.25'. */
export function permilleToMultiplier(permille: number): string {
  const whole = Math.floor(permille / 1000);
  const fraction = String(permille % 1000)
    .padStart(3, '0')
    .replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : String(whole);
}

/** '1.2' -> 1200, '2' -> 2000, '1.255' -> 1255; null when it is not a number with at most 3 decimals. */
export function multiplierToPermille(text: string): number | null {
  const match = /^(\d{1,4})(?:\.(\d{1,3}))?$/.exec(text.trim());
  if (!match) return null;
  return Number(match[1]) * 1000 + Number((match[2] ?? '').padEnd(3, '0'));
}

export function ladderFormOf(config: LadderConfig): LadderForm {
  return {
    periodDays: String(config.periodDays),
    graceDays: String(config.graceDays),
    buyerOrders: String(config.thresholds.buyerOrders),
    repeatBuyerOrders: String(config.thresholds.repeatBuyerOrders),
    kocFriends: String(config.thresholds.kocFriends),
    benefits: Object.fromEntries(
      LADDER_TIERS.map((tier) => {
        const b = config.benefits[tier];
        return [tier, { multiplier: permilleToMultiplier(b.pointsMultiplierPermille), perksEligible: b.perksEligible, drawsEligible: b.drawsEligible }];
      }),
    ) as Record<TierKey, TierBenefitsForm>,
  };
}

const wholeNumber = (text: string): number | null => (/^\d{1,6}$/.test(text.trim()) ? Number(text.trim()) : null);

/** The configuration to send, or which fields are not numbers. */
export function readLadderForm(form: LadderForm): { ok: true; config: LadderConfig } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const numbers = {} as Record<LadderNumberField, number>;
  for (const field of Object.keys(LADDER_NUMBER_PATHS) as LadderNumberField[]) {
    const value = wholeNumber(form[field]);
    if (value === null) errors[LADDER_NUMBER_PATHS[field]] = '请填写整数';
    else numbers[field] = value;
  }
  const benefits = {} as LadderConfig['benefits'];
  for (const tier of LADDER_TIERS) {
    const b = form.benefits[tier];
    const permille = multiplierToPermille(b.multiplier);
    if (permille === null) errors[multiplierPath(tier)] = '请填写倍数，如 1.2（最多三位小数）';
    benefits[tier] = { pointsMultiplierPermille: permille ?? 0, perksEligible: b.perksEligible, drawsEligible: b.drawsEligible };
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    config: {
      periodDays: numbers.periodDays,
      graceDays: numbers.graceDays,
      thresholds: { buyerOrders: numbers.buyerOrders, repeatBuyerOrders: numbers.repeatBuyerOrders, kocFriends: numbers.kocFriends },
      benefits,
    },
  };
}
