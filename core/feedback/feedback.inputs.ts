/** What members and staff may send to the complaint center: bounded, strict, with messages in words. */
import { z } from 'zod';
import { productIdSchema } from '../catalog/catalog.usecases';
import { NOTICE_KINDS } from '../notify/notify.model';
import { CATEGORIES, MAX_IMAGES, REPLY_MAX, STATUSES, TEXT_MAX, TEXT_MIN } from './feedback.model';
import { looksLikeMarkup, textLength } from './feedback.rules';

export const POST_ID_PATTERN = /^fb_[0-9a-f]{12}$/;
export const postId = z.string({ error: '请选择帖子' }).regex(POST_ID_PATTERN, '帖子编号格式有误');

/** A cloud storage file id under the complaint center's upload folder (the member's own is checked by the use case). */
export const IMAGE_FILE_ID = /^cloud:\/\/[A-Za-z0-9._-]{1,100}\/feedback\/[0-9a-f]{16}\/[0-9]{8}-[0-9a-f]{12}\.(jpg|png|webp)$/;

const category = z.enum(CATEGORIES, { error: '请选择分类（产品、服务、物流、价格、建议或其他）' });

const plainText = (min: number, max: number, label: string) =>
  z
    .string({ error: `请填写${label}` })
    // A bound in UTF-16 units first (a character is at most two), then the count as a person counts.
    .max(max * 2, `${label}最多 ${max} 个字`)
    .trim()
    .refine((s) => textLength(s) >= min, `${label}至少 ${min} 个字`)
    .refine((s) => textLength(s) <= max, `${label}最多 ${max} 个字`)
    .refine((s) => !looksLikeMarkup(s), `${label}请使用纯文字，不要包含网页代码`);

const cursor = z.string().min(1).max(200).optional();

/** The one-time message kinds the member accepted on this tap (WeChat's requestSubscribeMessage). */
const accepted = z
  .array(z.enum(NOTICE_KINDS, { error: '未知的通知类型' }))
  .max(3, '一次最多订阅 3 种通知')
  .default([]);

export const listInput = z
  .object({
    category: category.optional(),
    status: z.enum(STATUSES, { error: '状态有误' }).optional(),
    sort: z.enum(['new', 'votes'], { error: '排序方式有误' }).default('new'),
    cursor,
  })
  .strict();

export const postIdInput = z.object({ postId }).strict();
export const mineInput = z.object({ cursor }).strict();

export const uploadPathsInput = z
  .object({
    types: z
      .array(z.enum(['image/jpeg', 'image/png', 'image/webp'], { error: '图片仅支持 JPG、PNG 或 WebP' }))
      .min(1, '请选择图片')
      .max(MAX_IMAGES, `最多上传 ${MAX_IMAGES} 张图片`),
  })
  .strict();

export const createInput = z
  .object({
    category,
    text: plainText(TEXT_MIN, TEXT_MAX, '内容'),
    images: z.array(z.string().regex(IMAGE_FILE_ID, '图片地址有误，请重新上传')).max(MAX_IMAGES, `最多上传 ${MAX_IMAGES} 张图片`).default([]),
    orderId: z
      .string()
      .min(1)
      .max(32, '订单号格式有误')
      .regex(/^[A-Za-z0-9_-]+$/, '订单号格式有误')
      .optional(),
    productId: productIdSchema.optional(),
    accepted,
    /** Generated once per compose form, so a double tap (or a retry after a lost answer) posts once. */
    requestId: z
      .string()
      .min(8)
      .max(64)
      .regex(/^[A-Za-z0-9_-]+$/, '请求编号格式有误'),
  })
  .strict();
export type CreateInput = z.infer<typeof createInput>;

export const voteInput = z.object({ postId, on: z.boolean({ error: '请说明是否「我也是」' }) }).strict();
export const followInput = z.object({ postId, on: z.boolean({ error: '请说明是否关注' }), accepted }).strict();

// ---------------------------------------------------------------------------------------------
// Staff.

/** The queue (waiting, oldest first), or the posts staff set aside (hidden or rejected, latest change first) to restore or take a second look. */
export const queueInput = z.object({ cursor, review: z.enum(['pending', 'hidden', 'rejected'], { error: '列表类型有误' }).default('pending') }).strict();
export const boardInput = z.object({ category: category.optional() }).strict();

export const moderateInput = z.discriminatedUnion(
  'decision',
  [
    z.object({ postId, decision: z.literal('approve') }).strict(),
    z.object({ postId, decision: z.literal('restore') }).strict(),
    z
      .object({
        postId,
        decision: z.literal('reject'),
        reason: z.string({ error: '请选择或填写驳回理由' }).trim().min(2, '驳回理由至少 2 个字').max(60, '驳回理由最多 60 个字'),
      })
      .strict(),
    z
      .object({
        postId,
        decision: z.literal('hide'),
        reason: z.string({ error: '请填写隐藏原因' }).trim().min(2, '隐藏原因至少 2 个字').max(60, '隐藏原因最多 60 个字'),
      })
      .strict(),
  ],
  { error: '请选择通过、驳回、隐藏或恢复' },
);
export type ModerateInput = z.infer<typeof moderateInput>;

export const replyInput = z.object({ postId, text: plainText(2, REPLY_MAX, '回复') }).strict();

export const setStatusInput = z
  .object({
    postId,
    status: z.enum(['open', 'acknowledged', 'planned', 'in_progress', 'resolved', 'declined'], { error: '状态有误' }),
  })
  .strict();

export const mergeInput = z.object({ postId, intoPostId: postId }).strict();

export const rewardInput = z
  .object({
    postId,
    points: z.number({ error: '请填写奖励积分' }).int('奖励积分须为整数').min(1, '奖励积分至少为 1').max(100_000, '奖励积分最多 100,000'),
    note: z.string().trim().max(40, '奖励说明最多 40 个字').default(''),
  })
  .strict();
