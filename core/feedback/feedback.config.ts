/**
 * What the brand sets for the complaint center (`settings/feedback`, versioned like the ladder's):
 * from which ladder step posts skip the human review, each member's daily allowance, the reasons
 * staff pick from when rejecting, and the points an adopted idea earns by default.
 */
import { z } from 'zod';
import { TIERS, type Tier } from '../members/tiers';
import { fail, ok, type Result } from '../platform/result';

export interface FeedbackConfig {
  /** Posts by members at this step or above are published at once (when the text check passes); null: every post is reviewed. */
  autoPublishFromTier: Tier | null;
  limits: { posts: number; images: number; votes: number };
  rejectTemplates: string[];
  defaultRewardPoints: number;
}

export const DEFAULT_FEEDBACK_CONFIG: FeedbackConfig = {
  autoPublishFromTier: null,
  limits: { posts: 5, images: 9, votes: 100 },
  rejectTemplates: ['内容与品牌无关', '含有广告或联系方式', '涉及他人隐私', '内容重复，请在原帖下点「我也是」', '描述不清，请补充具体情况后重新提交'],
  defaultRewardPoints: 200,
};

const limit = (label: string, max: number) =>
  z
    .number({ error: `${label}须为数字` })
    .int(`${label}须为整数`)
    .min(1, `${label}至少为 1`)
    .max(max, `${label}最多 ${max}`);

export const feedbackConfigSchema = z
  .object({
    autoPublishFromTier: z.enum(TIERS, { error: '免审门槛须为会员等级' }).nullable(),
    limits: z.object({ posts: limit('每日发帖数', 50), images: limit('每日图片数', 150), votes: limit('每日「我也是」次数', 1000) }).strict(),
    rejectTemplates: z
      .array(z.string().trim().min(2, '驳回理由至少 2 个字').max(60, '驳回理由最多 60 个字'))
      .min(1, '至少保留一条驳回理由')
      .max(20, '驳回理由最多 20 条'),
    defaultRewardPoints: z.number().int('默认奖励积分须为整数').min(1, '默认奖励积分至少为 1').max(100_000, '默认奖励积分最多 100,000'),
  })
  .strict();

/** The exact shape the admin form sends (types only; ranges are the schema above's, checked after the role). */
export const feedbackConfigShape = z
  .object({
    autoPublishFromTier: z.string().max(20).nullable(),
    limits: z.object({ posts: z.number(), images: z.number(), votes: z.number() }).strict(),
    rejectTemplates: z.array(z.string().max(200)).max(50),
    defaultRewardPoints: z.number(),
  })
  .strict();

export function parseFeedbackConfig(input: unknown): Result<FeedbackConfig, 'VALIDATION_FAILED'> {
  const parsed = feedbackConfigSchema.safeParse(input);
  if (parsed.success) return ok(parsed.data);
  const details = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  return fail('VALIDATION_FAILED', `吐槽中心设置有误：${details.map((d) => d.message).join('；')}`, details);
}
