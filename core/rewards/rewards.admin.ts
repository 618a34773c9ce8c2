/**
 * The rewards catalog in the admin area: moderators see it, admins edit it. Every call goes through
 * asStaff (role read on the server, the attempt audited), like every other admin action.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { now } from '../platform/clock';
import { emptyInput } from '../platform/inputs';
import { fail, ok } from '../platform/result';
import type { ActionContext } from '../platform/router';
import { inTransaction } from '../platform/transaction';
import { asStaff } from '../staff/staff.guard';
import { readStock, setStock, sumRemaining } from './reward-stock.repo';
import type { RewardsResult } from './rewards.errors';
import type { AdminRewardView, RewardDoc } from './rewards.model';
import { countRedemptions, findReward, listRewards, putReward, updateReward } from './rewards.repo';
import { byCatalogOrder } from './rewards.rules';
import { toAdminRewardView } from './rewards.views';

/** A coupon's terms as staff enter them (rewards, and perks that issue a coupon). */
export const couponTermsInput = z
  .object({
    valueFen: z.number().int('券面额须为整数（分）').min(1, '券面额需大于 0').max(10_000_000, '券面额过大'),
    minSpendFen: z.number().int('使用门槛须为整数（分）').min(0, '使用门槛不能为负数').max(100_000_000, '使用门槛过大'),
    validDays: z.number().int('有效天数须为整数').min(1, '有效期至少 1 天').max(365, '有效期最多 365 天'),
  })
  .strict()
  // A "满 100 减 100" coupon is a free order: with a threshold, the value must stay below it.
  .refine((c) => c.minSpendFen === 0 || c.valueFen < c.minSpendFen, { message: '券面额须小于使用门槛', path: ['valueFen'] });

export const saveRewardInput = z
  .object({
    /** Absent: a new reward. */
    rewardId: z
      .string()
      .min(1)
      .max(64)
      .regex(/^[A-Za-z0-9_-]+$/, '奖品编号格式有误')
      .optional(),
    title: z.string().trim().min(1, '请填写奖品名称').max(30, '奖品名称最多 30 个字'),
    description: z.string().trim().max(200, '奖品说明最多 200 个字').default(''),
    kind: z.enum(['coupon', 'product'], { error: '奖品类型须为优惠券或实物' }),
    pointsCost: z.number().int('所需积分须为正整数').positive('所需积分须为正整数').max(10_000_000, '所需积分过大'),
    image: z
      .string()
      .max(512)
      .refine((s) => /^(https:\/\/|cloud:\/\/)/.test(s), '图片需为 https:// 或 cloud:// 地址')
      .nullable()
      .default(null),
    coupon: couponTermsInput.nullable().default(null),
    minTier: z.enum(['member', 'buyer', 'repeat_buyer', 'koc'], { error: '兑换门槛须为会员等级' }).nullable().default(null),
    /** Remaining stock to set (absolute). Absent on an edit: stock is left as it is. */
    stock: z.number().int('库存须为整数').min(0, '库存不能为负数').max(100_000, '库存最多 100000').optional(),
    sort: z.number().int().min(0).max(9999).optional(),
  })
  .strict()
  .superRefine((v, issues) => {
    if (v.kind === 'coupon' && !v.coupon) issues.addIssue({ code: 'custom', path: ['coupon'], message: '优惠券奖品需填写券面额、门槛和有效期' });
    if (v.kind === 'product' && v.coupon) issues.addIssue({ code: 'custom', path: ['coupon'], message: '实物奖品不需要优惠券设置' });
    if (!v.rewardId && v.stock === undefined) issues.addIssue({ code: 'custom', path: ['stock'], message: '请填写库存' });
  });
export type SaveRewardInput = z.infer<typeof saveRewardInput>;

export const setRewardStatusInput = z
  .object({
    rewardId: z
      .string()
      .min(1)
      .max(64)
      .regex(/^[A-Za-z0-9_-]+$/, '奖品编号格式有误'),
    status: z.enum(['active', 'inactive'], { error: '状态须为上架或下架' }),
  })
  .strict();
export const rewardsListInput = emptyInput;

const DEFAULT_SORT = 100;

export function rewardsList(ctx: ActionContext): Promise<RewardsResult<{ rewards: AdminRewardView[] }, 'FORBIDDEN'>> {
  return asStaff(ctx, 'admin.view', 'rewards.list', {}, async () => {
    const rewards = [...(await listRewards(ctx.db))].sort(byCatalogOrder);
    const stock = await readStock(
      ctx.db,
      rewards.map((r) => r._id),
    );
    const redeemed = await Promise.all(rewards.map((r) => countRedemptions(ctx.db, r._id)));
    return ok({ rewards: rewards.map((r, i) => toAdminRewardView(r, sumRemaining(stock.get(r._id)), redeemed[i])) });
  });
}

/**
 * Creates or edits a reward. With `stock`, the reward and its stock shards change in one
 * transaction, so a redemption running at the same time either sees the old stock or the new one,
 * never a mix (its write to a shard this rewrites makes one of the two retry).
 */
export function saveReward(ctx: ActionContext, input: SaveRewardInput): Promise<RewardsResult<{ reward: AdminRewardView }, 'NOT_FOUND' | 'FORBIDDEN'>> {
  const rewardId = input.rewardId ?? `rw_${randomBytes(6).toString('hex')}`;
  return asStaff(ctx, 'rewards.manage', 'rewards.save', { rewardId, title: input.title, stock: input.stock ?? null }, async () => {
    const saved = await inTransaction(ctx.db, async (tx): Promise<RewardsResult<RewardDoc, 'NOT_FOUND'>> => {
      // Read in each attempt: a retry writes after the redemption it conflicted with.
      const at = now();
      const existing = await findReward(tx, rewardId);
      if (input.rewardId && !existing) return fail('NOT_FOUND', '奖品不存在或已被删除');
      const stockShards = input.stock === undefined ? existing!.stockShards : await setStock(tx, rewardId, existing?.stockShards ?? 0, input.stock, at);
      const doc: RewardDoc = {
        _id: rewardId,
        title: input.title,
        description: input.description,
        kind: input.kind,
        pointsCost: input.pointsCost,
        image: input.image,
        coupon: input.kind === 'coupon' ? input.coupon : null,
        minTier: input.minTier,
        // A new reward goes on offer at once; an edit keeps its status (setRewardStatus changes it).
        status: existing?.status ?? 'active',
        sort: input.sort ?? existing?.sort ?? DEFAULT_SORT,
        stockShards,
        createdAt: existing?.createdAt ?? at,
        updatedAt: at,
        updatedBy: ctx.caller.openid,
      };
      await putReward(tx, doc);
      return ok(doc);
    });
    if (!saved.ok) return saved;
    return ok({ reward: await adminView(ctx, saved.data) });
  });
}

export function setRewardStatus(
  ctx: ActionContext,
  input: z.infer<typeof setRewardStatusInput>,
): Promise<RewardsResult<{ reward: AdminRewardView }, 'NOT_FOUND' | 'FORBIDDEN'>> {
  return asStaff(ctx, 'rewards.manage', 'rewards.status', { rewardId: input.rewardId, status: input.status }, async () => {
    const reward = await findReward(ctx.db, input.rewardId);
    if (!reward) return fail('NOT_FOUND', '奖品不存在或已被删除');
    // One field of one document, never stock: no transaction needed. A redemption that read the
    // reward as active just before still completes; every one after sees it inactive.
    const changes = { status: input.status, updatedAt: now(), updatedBy: ctx.caller.openid };
    await updateReward(ctx.db, input.rewardId, changes);
    return ok({ reward: await adminView(ctx, { ...reward, ...changes }) });
  });
}

async function adminView(ctx: ActionContext, reward: RewardDoc): Promise<AdminRewardView> {
  const [stock, redeemed] = await Promise.all([readStock(ctx.db, [reward._id]), countRedemptions(ctx.db, reward._id)]);
  return toAdminRewardView(reward, sumRemaining(stock.get(reward._id)), redeemed);
}
