import { z } from 'zod';
import { TIERS, TIER_NAMES, type Tier } from '../members/tiers';
import { fail, ok, type Result } from '../platform/result';
import type { LadderErrorCode } from './ladder.errors';

/**
 * The relationship ladder's configuration: the rolling period, the grace period, the thresholds of
 * each step and what each step brings. Stored in `settings` (`_id: 'ladder'`); these defaults apply
 * until staff save their own. Multipliers are integers in per-mille (1200 = ×1.2) so points
 * arithmetic never touches floats.
 */
export interface TierBenefitsConfig {
  /** Points earned per yuan are multiplied by this / 1000. */
  pointsMultiplierPermille: number;
  /** May unlock share-to-unlock perks. */
  perksEligible: boolean;
  /** May enter limited-release draws (each draw may still ask for a higher minimum tier). */
  drawsEligible: boolean;
}

export interface LadderThresholds {
  /** Paid, unrefunded orders in the period to be 已购会员. */
  buyerOrders: number;
  /** ... to be 复购会员 (always more than buyerOrders). */
  repeatBuyerOrders: number;
  /** Distinct friends who bought through the member's shares in the period, on top of 复购会员, to be 品牌KOC. */
  kocFriends: number;
}

export interface LadderConfig {
  periodDays: number;
  graceDays: number;
  thresholds: LadderThresholds;
  benefits: Record<Tier, TierBenefitsConfig>;
}

/** What other areas read: the configured benefits plus the member price level, which is the tier itself. */
export interface TierBenefits extends TierBenefitsConfig {
  tier: Tier;
  /** Key into a product's memberPrices. */
  priceLevel: Tier;
}

export const DEFAULT_LADDER_CONFIG: LadderConfig = {
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
};

/** The longest period staff may configure; facts older than this can never count and are dropped. */
export const MAX_PERIOD_DAYS = 365;
export const DAY_MS = 86_400_000;

const days = (label: string) =>
  z
    .number({ error: `${label}需为整数天数` })
    .int(`${label}需为整数天数`)
    .min(1, `${label}至少 1 天`)
    .max(MAX_PERIOD_DAYS, `${label}最多 ${MAX_PERIOD_DAYS} 天`);
const positiveCount = (label: string) =>
  z
    .number({ error: `${label}需为正整数` })
    .int(`${label}需为正整数`)
    .min(1, `${label}至少为 1`)
    .max(1000, `${label}最多为 1000`);

const benefitsSchema = z
  .object({
    pointsMultiplierPermille: z
      .number({ error: '积分倍数需为整数（千分比）' })
      .int('积分倍数需为整数（千分比）')
      .min(1000, '积分倍数不能低于 1000‰（1 倍）')
      .max(5000, '积分倍数不能高于 5000‰（5 倍）'),
    perksEligible: z.boolean({ error: '请选择是否可解锁福利' }),
    drawsEligible: z.boolean({ error: '请选择是否可参与抽签' }),
  })
  .strict();

/**
 * What staff may save. Beyond the ranges, the ladder must stay a ladder: a higher step asks for
 * more (repeat > buyer) and never gives less (multiplier and eligibility never drop going up).
 */
export const ladderConfigSchema = z
  .object({
    periodDays: days('统计周期'),
    graceDays: days('保级期'),
    thresholds: z
      .object({ buyerOrders: positiveCount('已购会员订单数'), repeatBuyerOrders: positiveCount('复购会员订单数'), kocFriends: positiveCount('品牌KOC好友数') })
      .strict(),
    benefits: z.object(Object.fromEntries(TIERS.map((t) => [t, benefitsSchema])) as Record<Tier, typeof benefitsSchema>).strict(),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.thresholds.repeatBuyerOrders <= c.thresholds.buyerOrders) {
      ctx.addIssue({ code: 'custom', path: ['thresholds', 'repeatBuyerOrders'], message: '复购会员的订单数需大于已购会员的订单数' });
    }
    for (let i = 1; i < TIERS.length; i++) {
      const lower = c.benefits[TIERS[i - 1]];
      const higher = c.benefits[TIERS[i]];
      const name = TIER_NAMES[TIERS[i]];
      const lowerName = TIER_NAMES[TIERS[i - 1]];
      if (higher.pointsMultiplierPermille < lower.pointsMultiplierPermille) {
        ctx.addIssue({ code: 'custom', path: ['benefits', TIERS[i], 'pointsMultiplierPermille'], message: `${name}的积分倍数不能低于${lowerName}` });
      }
      if (lower.perksEligible && !higher.perksEligible) {
        ctx.addIssue({ code: 'custom', path: ['benefits', TIERS[i], 'perksEligible'], message: `${lowerName}可解锁福利时，${name}也应可以` });
      }
      if (lower.drawsEligible && !higher.drawsEligible) {
        ctx.addIssue({ code: 'custom', path: ['benefits', TIERS[i], 'drawsEligible'], message: `${lowerName}可参与抽签时，${name}也应可以` });
      }
    }
  });

/**
 * The configuration's shape without its ranges and ladder rules: the exact keys, numbers and
 * booleans, nothing else. The admin function's entry checks it, so nothing free-form ever reaches
 * the audit log or the database; the ranges and rules (ladderConfigSchema) are checked after the
 * role check, so staff get LADDER_CONFIG_INVALID with a detail per field. The shape is no secret:
 * the client's form has it.
 */
const anyNumber = (label: string) => z.number({ error: `${label}需为数字` });
const benefitsShape = z
  .object({
    pointsMultiplierPermille: anyNumber('积分倍数'),
    perksEligible: z.boolean({ error: '请选择是否可解锁福利' }),
    drawsEligible: z.boolean({ error: '请选择是否可参与抽签' }),
  })
  .strict();
export const ladderConfigShape = z
  .object(
    {
      periodDays: anyNumber('统计周期'),
      graceDays: anyNumber('保级期'),
      thresholds: z
        .object(
          { buyerOrders: anyNumber('已购会员订单数'), repeatBuyerOrders: anyNumber('复购会员订单数'), kocFriends: anyNumber('品牌KOC好友数') },
          { error: '请填写升级门槛' },
        )
        .strict(),
      benefits: z
        .object(Object.fromEntries(TIERS.map((t) => [t, benefitsShape])) as Record<Tier, typeof benefitsShape>, { error: '请填写各等级权益' })
        .strict(),
    },
    { error: '请提交完整的等级配置' },
  )
  .strict();

export type LadderConfigError = Extract<LadderErrorCode, 'LADDER_CONFIG_INVALID'>;

/** Validates a configuration staff submitted (or one read back from storage). */
export function parseLadderConfig(input: unknown): Result<LadderConfig, LadderConfigError> {
  const parsed = ladderConfigSchema.safeParse(input);
  if (parsed.success) return ok(parsed.data as LadderConfig);
  const details = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  return fail('LADDER_CONFIG_INVALID', `等级配置有误：${details.map((d) => d.message).join('；')}`, details);
}

export function benefitsOf(config: LadderConfig, tier: Tier): TierBenefits {
  return { tier, priceLevel: tier, ...config.benefits[tier] };
}

export function periodMs(config: LadderConfig): number {
  return config.periodDays * DAY_MS;
}

export function graceMs(config: LadderConfig): number {
  return config.graceDays * DAY_MS;
}
