/**
 * What the shop and admin functions accept for orders. Every schema is strict: a client that sends
 * prices, a tier or a member id of its own is refused, never believed.
 */
import { z } from 'zod';
import { productIdSchema } from '../catalog/catalog.usecases';

/** Most units of one product in one order, and most lines: a member's order, not a wholesale one. */
export const MAX_QTY_PER_LINE = 20;
export const MAX_LINES = 20;

const orderId = z
  .string({ error: '请选择订单' })
  .min(1, '请选择订单')
  .max(32, '订单号最多 32 位')
  .regex(/^[A-Za-z0-9_-]+$/, '订单号格式有误');

const couponId = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9_:.-]+$/, '优惠券编号格式有误');

export const cartLineSchema = z
  .object({
    productId: productIdSchema,
    qty: z.number({ error: '请填写数量' }).int('数量必须是整数').min(1, '数量至少为 1').max(MAX_QTY_PER_LINE, `每件商品一次最多购买 ${MAX_QTY_PER_LINE} 件`),
  })
  .strict();

const lines = z
  .array(cartLineSchema, { error: '请选择商品' })
  .min(1, '请至少选择一件商品')
  .max(MAX_LINES, `一个订单最多 ${MAX_LINES} 种商品`)
  .refine((ls) => new Set(ls.map((l) => l.productId)).size === ls.length, '同一商品请合并为一行');

export const quoteInput = z.object({ lines, couponId: couponId.nullable().optional() }).strict();
export type QuoteInput = z.infer<typeof quoteInput>;

export const createOrderInput = z
  .object({
    /** The client's idempotency key for this checkout: a retry with the same key returns the same order. */
    requestId: z
      .string({ error: '缺少请求编号' })
      .min(8, '请求编号至少 8 位')
      .max(64, '请求编号最多 64 位')
      .regex(/^[A-Za-z0-9_-]+$/, '请求编号格式有误'),
    lines,
    couponId: couponId.nullable().optional(),
  })
  .strict();
export type CreateOrderInput = z.infer<typeof createOrderInput>;

export const orderIdInput = z.object({ orderId }).strict();

export const ORDER_LIST_FILTERS = ['all', 'pending_payment', 'paid', 'closed', 'refund'] as const;
export type OrderListFilter = (typeof ORDER_LIST_FILTERS)[number];

const cursor = z
  .string()
  .max(80)
  .regex(/^[0-9TZ:.-]+~[A-Za-z0-9_-]+$/, '分页参数有误');

export const myOrdersInput = z
  .object({ filter: z.enum(ORDER_LIST_FILTERS).default('all'), cursor: cursor.optional(), limit: z.number().int().min(1).max(50).default(20) })
  .strict();
export type MyOrdersInput = z.infer<typeof myOrdersInput>;

export const requestRefundInput = z
  .object({
    orderId,
    reason: z.string({ error: '请填写退款原因' }).trim().min(2, '退款原因至少 2 个字').max(200, '退款原因最多 200 个字'),
  })
  .strict();
export type RequestRefundInput = z.infer<typeof requestRefundInput>;

export const adminOrdersInput = z
  .object({
    filter: z.enum(ORDER_LIST_FILTERS).default('all'),
    /** An order number or a member's openid. */
    search: z.string().trim().max(64).optional(),
    cursor: cursor.optional(),
    limit: z.number().int().min(1).max(50).default(20),
  })
  .strict();
export type AdminOrdersInput = z.infer<typeof adminOrdersInput>;

export const refundQueueInput = z.object({ status: z.enum(['requested', 'all']).default('requested') }).strict();
export type RefundQueueInput = z.infer<typeof refundQueueInput>;

export const decideRefundInput = z.discriminatedUnion('decision', [
  z
    .object({
      refundId: z
        .string()
        .min(2)
        .max(40)
        .regex(/^[A-Za-z0-9_-]+$/, '退款单号格式有误'),
      decision: z.literal('approve'),
      restock: z.boolean().default(true),
    })
    .strict(),
  z
    .object({
      refundId: z
        .string()
        .min(2)
        .max(40)
        .regex(/^[A-Za-z0-9_-]+$/, '退款单号格式有误'),
      decision: z.literal('reject'),
      rejectReason: z.string({ error: '请填写驳回原因' }).trim().min(2, '驳回原因至少 2 个字').max(200, '驳回原因最多 200 个字'),
    })
    .strict(),
]);
export type DecideRefundInput = z.infer<typeof decideRefundInput>;
