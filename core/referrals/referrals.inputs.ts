/**
 * What the referral and admin functions accept for shares, visits and reviews. Every schema is
 * strict: the sharer, the visitor and the member are always the caller, never an input.
 */
import { z } from 'zod';
import { emptyInput } from '../platform/inputs';
import { SHARE_CHANNELS, SHARE_TARGETS } from './referrals.model';
import { SHARE_CODE_PATTERN } from './referral.rules';

const targetId = z
  .string({ error: '请选择要分享的内容' })
  .min(1, '请选择要分享的内容')
  .max(64, '分享内容编号最多 64 位')
  .regex(/^[A-Za-z0-9_-]+$/, '分享内容编号只能包含字母、数字、- 和 _');

export const shareInput = z
  .object({
    targetType: z.enum(SHARE_TARGETS, { error: '分享类型须为商品、抽签、邀请或福利' }),
    /** Required for product, draw and perk cards; an invite card is always "me", so it is ignored. */
    targetId: targetId.optional(),
    channel: z.enum(SHARE_CHANNELS, { error: '分享渠道须为聊天、朋友圈或海报' }),
  })
  .strict()
  .superRefine((v, issues) => {
    if (v.targetType !== 'invite' && !v.targetId) issues.addIssue({ code: 'custom', path: ['targetId'], message: '请选择要分享的内容' });
  });
export type ShareInput = z.infer<typeof shareInput>;

/** `referral.poster`: the card to put on a poster (the channel is always poster). */
export const posterInput = z
  .object({
    targetType: z.enum(SHARE_TARGETS, { error: '分享类型须为商品、抽签、邀请或福利' }),
    targetId: targetId.optional(),
  })
  .strict()
  .superRefine((v, issues) => {
    if (v.targetType !== 'invite' && !v.targetId) issues.addIssue({ code: 'custom', path: ['targetId'], message: '请选择要分享的内容' });
  });
export type PosterInput = z.infer<typeof posterInput>;

export const shareCodeSchema = z.string({ error: '缺少分享码' }).regex(SHARE_CODE_PATTERN, '分享码格式有误');

/** `code` from the card's `s` parameter, or from a poster's `scene` (decoded by the page). */
export const visitInput = z.object({ code: shareCodeSchema }).strict();
export type VisitInput = z.infer<typeof visitInput>;

export const influenceInput = emptyInput;

export const kocLeaderboardInput = z
  .object({ days: z.number({ error: '请选择统计天数' }).int('统计天数须为整数').min(1, '统计天数至少 1 天').max(365, '统计天数最多 365 天').default(30) })
  .strict();
export type KocLeaderboardInput = z.infer<typeof kocLeaderboardInput>;

export const flaggedReferralsInput = emptyInput;

export const decideFlagInput = z
  .object({
    id: z
      .string({ error: '请选择待审核记录' })
      .min(1, '请选择待审核记录')
      .max(160)
      .regex(/^(referral|conversion):[A-Za-z0-9_:.-]+$/, '待审核记录编号格式有误'),
    decision: z.enum(['approve', 'reject'], { error: '审核结果须为通过或驳回' }),
  })
  .strict();
export type DecideFlagInput = z.infer<typeof decideFlagInput>;
