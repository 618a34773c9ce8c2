/**
 * Shares, referrals and conversions: every number the rules use, with its default, in one place.
 * Staff edit them (`settings/referral`, see referral-settings.repo.ts); these defaults apply until
 * someone saves. Use cases take the config as an optional last argument: omitted, they read the
 * stored one; tests pass smaller numbers.
 */
import { z } from 'zod';
import { REFUND_WINDOW_DAYS } from '../catalog/sale-terms';
import { fail, ok, type Result } from '../platform/result';

export interface ReferralConfig {
  /** A visit attributes a join or a purchase made at most this many days later (inclusive). */
  attributionWindowDays: number;
  /** A conversion stays pending this long after payment (the refund window), then is confirmed and rewarded. */
  holdDays: number;
  /** Points the sharer earns for one confirmed conversion. */
  rewardPoints: number;
  /** Orders paying less than this (fen) are not conversions: a fully discounted order proves nothing. */
  minOrderPayFen: number;
  /** Rewarded conversions per sharer per day (Asia/Shanghai); beyond it a conversion goes to review. */
  dailyRewardCap: number;
  /** More than `maxReferrals` referrals of one sharer within `windowMinutes`: the next ones go to review. */
  burst: { windowMinutes: number; maxReferrals: number };
  /**
   * "Many referrals with no activity": once a sharer has at least `minReferrals` referrals older
   * than `afterDays`, and fewer than `minActivePermille`‰ of them ever paid an order, their new
   * referrals go to review.
   */
  inactive: { minReferrals: number; afterDays: number; minActivePermille: number };
}

export const DEFAULT_REFERRAL_CONFIG: ReferralConfig = {
  attributionWindowDays: 7,
  // The orders' refund window: a refund inside it reverses the conversion before any reward is paid.
  holdDays: REFUND_WINDOW_DAYS,
  rewardPoints: 100,
  minOrderPayFen: 1,
  dailyRewardCap: 20,
  burst: { windowMinutes: 60, maxReferrals: 10 },
  inactive: { minReferrals: 5, afterDays: 7, minActivePermille: 200 },
};

export const DAY_MS = 86_400_000;
export const MINUTE_MS = 60_000;

export function windowMs(config: ReferralConfig): number {
  return config.attributionWindowDays * DAY_MS;
}

export function holdMs(config: ReferralConfig): number {
  return config.holdDays * DAY_MS;
}

/** Share codes: 12 base62 characters (~71 bits), well inside a mini-program code's 32-character `scene`. */
export const SHARE_CODE_LENGTH = 12;

/** Bounds staff may configure (the schema's and the admin form's hints' single source). */
export const REFERRAL_LIMITS = {
  attributionWindowDays: { min: 1, max: 30 },
  // Never shorter than the refund window: a refund inside it reverses the conversion, so a reward
  // paid earlier would have to be clawed back (possibly leaving the sharer a debt).
  holdDays: { min: REFUND_WINDOW_DAYS, max: 30 },
  rewardPoints: { min: 0, max: 100_000 },
  minOrderPayFen: { min: 1, max: 10_000_000 },
  dailyRewardCap: { min: 1, max: 1000 },
  burstWindowMinutes: { min: 1, max: 1440 },
  burstMaxReferrals: { min: 1, max: 1000 },
  inactiveMinReferrals: { min: 1, max: 1000 },
  inactiveAfterDays: { min: 1, max: 365 },
  inactiveMinActivePermille: { min: 1, max: 1000 },
} as const;

const L = REFERRAL_LIMITS;
const whole = (label: string, unit: string, { min, max }: { min: number; max: number }, say: { min?: string; max?: string } = {}) =>
  z
    .number({ error: `${label}需为整数` })
    .int(`${label}需为整数`)
    .min(min, say.min ?? `${label}至少 ${min} ${unit}`)
    .max(max, say.max ?? `${label}最多 ${max} ${unit}`);

/**
 * What staff may save. The hold is bounded below by the orders' refund window: a conversion is
 * confirmed (and paid) only once its order can no longer be refunded in the ordinary way.
 */
export const referralConfigSchema = z
  .object({
    attributionWindowDays: whole('归因窗口', '天', L.attributionWindowDays),
    holdDays: whole('冻结期', '天', L.holdDays, {
      min: `冻结期不能短于退款期（${REFUND_WINDOW_DAYS} 天）：退款期内的退款会撤销转化，奖励须在退款期结束后才发放`,
    }),
    rewardPoints: whole('分享奖励', '积分', L.rewardPoints, { min: '分享奖励不能为负数' }),
    minOrderPayFen: whole('最低实付金额', '分', L.minOrderPayFen, { min: '最低实付金额至少 0.01 元', max: '最低实付金额最多 100000 元' }),
    dailyRewardCap: whole('每日奖励上限', '笔', L.dailyRewardCap),
    burst: z
      .object(
        { windowMinutes: whole('集中加入时段', '分钟', L.burstWindowMinutes), maxReferrals: whole('集中加入人数', '位', L.burstMaxReferrals) },
        { error: '请填写集中加入的判定' },
      )
      .strict(),
    inactive: z
      .object(
        {
          minReferrals: whole('沉默邀请起算人数', '位', L.inactiveMinReferrals),
          afterDays: whole('沉默观察期', '天', L.inactiveAfterDays),
          minActivePermille: whole('最低下单比例', '‰', L.inactiveMinActivePermille),
        },
        { error: '请填写沉默邀请的判定' },
      )
      .strict(),
  })
  .strict();

/**
 * The configuration's shape without its ranges: the exact keys and numbers, nothing else. The
 * admin function's entry checks it, so nothing free-form ever reaches the audit log or the
 * database; the ranges (referralConfigSchema) are checked after the role check, with a detail per
 * field. The shape is no secret: the client's form has it.
 */
const anyNumber = (label: string) => z.number({ error: `${label}需为数字` });
export const referralConfigShape = z
  .object(
    {
      attributionWindowDays: anyNumber('归因窗口'),
      holdDays: anyNumber('冻结期'),
      rewardPoints: anyNumber('分享奖励'),
      minOrderPayFen: anyNumber('最低实付金额'),
      dailyRewardCap: anyNumber('每日奖励上限'),
      burst: z.object({ windowMinutes: anyNumber('集中加入时段'), maxReferrals: anyNumber('集中加入人数') }, { error: '请填写集中加入的判定' }).strict(),
      inactive: z
        .object(
          { minReferrals: anyNumber('沉默邀请起算人数'), afterDays: anyNumber('沉默观察期'), minActivePermille: anyNumber('最低下单比例') },
          { error: '请填写沉默邀请的判定' },
        )
        .strict(),
    },
    { error: '请提交完整的推荐规则' },
  )
  .strict();

/** Validates a configuration staff submitted (or one read back from storage); details per field path. */
export function parseReferralConfig(input: unknown): Result<ReferralConfig, 'VALIDATION_FAILED'> {
  const parsed = referralConfigSchema.safeParse(input);
  if (parsed.success) return ok(parsed.data);
  const details = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  return fail('VALIDATION_FAILED', `推荐规则有误：${details.map((d) => d.message).join('；')}`, details);
}
