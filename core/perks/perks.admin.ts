/**
 * Perk configuration in the admin area: moderators see it, admins edit it (audited). The form
 * explains the rule; the schema keeps it: a perk needs 1-20 friends who join (or join and buy) —
 * there is no option to count shares or opens, because WeChat bans rewarding them.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { now } from '../platform/clock';
import { emptyInput } from '../platform/inputs';
import { fail, ok } from '../platform/result';
import type { ActionContext } from '../platform/router';
import { inTransaction } from '../platform/transaction';
import { couponTermsInput } from '../rewards/rewards.admin';
import { asStaff } from '../staff/staff.guard';
import type { PerksResult } from './perks.errors';
import type { AdminPerkView, PerkDoc } from './perks.model';
import { countUnlocks, findPerk, listPerks, putPerk, updatePerk } from './perks.repo';
import { toAdminPerkView } from './perks.views';

const when = z.iso.datetime({ offset: true, error: '时间格式有误' });

export const savePerkInput = z
  .object({
    perkId: z
      .string()
      .min(1)
      .max(64)
      .regex(/^[A-Za-z0-9_-]+$/)
      .optional(),
    title: z.string().trim().min(1, '请填写活动名称').max(30, '活动名称最多 30 个字'),
    description: z.string().trim().max(200, '活动说明最多 200 个字').default(''),
    kind: z.enum(['coupon', 'content'], { error: '奖励类型须为优惠券或专属内容' }),
    requiredFriends: z.number().int('好友人数须为整数').min(1, '至少需要 1 位好友').max(20, '最多 20 位好友'),
    engagement: z.enum(['join', 'join_and_buy'], { error: '好友参与方式须为“加入会员”或“加入会员并下单”' }),
    coupon: couponTermsInput.nullable().default(null),
    content: z.string().trim().max(500, '专属内容最多 500 个字').nullable().default(null),
    minTier: z.enum(['member', 'buyer', 'repeat_buyer', 'koc'], { error: '参与门槛须为会员等级' }).default('member'),
    startsAt: when.optional(),
    endsAt: when.nullable().default(null),
    sort: z.number().int().min(0).max(9999).default(100),
  })
  .strict()
  .superRefine((v, issues) => {
    if (v.kind === 'coupon' && !v.coupon) issues.addIssue({ code: 'custom', path: ['coupon'], message: '优惠券奖励需填写券面额、门槛和有效期' });
    if (v.kind === 'content' && !v.content) issues.addIssue({ code: 'custom', path: ['content'], message: '请填写解锁后可见的专属内容' });
    if (v.startsAt && v.endsAt && Date.parse(v.endsAt) <= Date.parse(v.startsAt))
      issues.addIssue({ code: 'custom', path: ['endsAt'], message: '结束时间须晚于开始时间' });
  });
export type SavePerkInput = z.infer<typeof savePerkInput>;

export const setPerkStatusInput = z
  .object({
    perkId: z
      .string()
      .min(1)
      .max(64)
      .regex(/^[A-Za-z0-9_-]+$/, '福利编号格式有误'),
    status: z.enum(['active', 'inactive']),
  })
  .strict();
export const perksListInput = emptyInput;

export function perksList(ctx: ActionContext): Promise<PerksResult<{ perks: AdminPerkView[] }, 'FORBIDDEN'>> {
  return asStaff(ctx, 'admin.view', 'perks.list', {}, async () => {
    const perks = await listPerks(ctx.db);
    const unlocks = await Promise.all(perks.map((p) => countUnlocks(ctx.db, p._id)));
    return ok({ perks: perks.map((p, i) => toAdminPerkView(p, unlocks[i])) });
  });
}

/** A new perk starts inactive, like a new product: it reaches members when staff switch it on. */
export function savePerk(ctx: ActionContext, input: SavePerkInput): Promise<PerksResult<{ perk: AdminPerkView }, 'NOT_FOUND' | 'FORBIDDEN'>> {
  const perkId = input.perkId ?? `perk_${randomBytes(6).toString('hex')}`;
  return asStaff(ctx, 'rewards.manage', 'perks.save', { perkId, title: input.title }, async () => {
    const saved = await inTransaction(ctx.db, async (tx): Promise<PerksResult<PerkDoc, 'NOT_FOUND'>> => {
      // Read in each attempt: a retry writes after the save it conflicted with.
      const at = now();
      const existing = await findPerk(tx, perkId);
      if (input.perkId && !existing) return fail('NOT_FOUND', '活动不存在或已被删除');
      const doc: PerkDoc = {
        _id: perkId,
        title: input.title,
        description: input.description,
        kind: input.kind,
        requiredFriends: input.requiredFriends,
        engagement: input.engagement,
        coupon: input.kind === 'coupon' ? input.coupon : null,
        content: input.kind === 'content' ? input.content : null,
        minTier: input.minTier,
        startsAt: input.startsAt ? new Date(input.startsAt) : (existing?.startsAt ?? at),
        endsAt: input.endsAt ? new Date(input.endsAt) : null,
        status: existing?.status ?? 'inactive',
        sort: input.sort,
        updatedAt: at,
        updatedBy: ctx.caller.openid,
      };
      await putPerk(tx, doc);
      return ok(doc);
    });
    if (!saved.ok) return saved;
    return ok({ perk: toAdminPerkView(saved.data, await countUnlocks(ctx.db, perkId)) });
  });
}

export function setPerkStatus(
  ctx: ActionContext,
  input: z.infer<typeof setPerkStatusInput>,
): Promise<PerksResult<{ perk: AdminPerkView }, 'NOT_FOUND' | 'FORBIDDEN'>> {
  return asStaff(ctx, 'rewards.manage', 'perks.status', { perkId: input.perkId, status: input.status }, async () => {
    const perk = await findPerk(ctx.db, input.perkId);
    if (!perk) return fail('NOT_FOUND', '活动不存在或已被删除');
    await updatePerk(ctx.db, input.perkId, { status: input.status, updatedAt: now(), updatedBy: ctx.caller.openid });
    return ok({ perk: toAdminPerkView({ ...perk, status: input.status }, await countUnlocks(ctx.db, perk._id)) });
  });
}
