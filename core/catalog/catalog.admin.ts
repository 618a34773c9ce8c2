/**
 * Products and prices in the admin area: moderators see them, admins edit them. Every call goes
 * through asStaff (role read on the server, the attempt audited), like every other admin action.
 * A product whose prices break the rules is refused with every violation listed, and nothing is
 * written.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { TIER_NAMES } from '../members/tiers';
import { now } from '../platform/clock';
import { emptyInput } from '../platform/inputs';
import { fail, ok } from '../platform/result';
import type { ActionContext } from '../platform/router';
import { inTransaction } from '../platform/transaction';
import { asStaff } from '../staff/staff.guard';
import type { CatalogErrorCode, CatalogResult } from './catalog.errors';
import type { AdminProductView, ProductDoc, ProductStatus } from './catalog.model';
import { findProduct, listProducts, putProduct, updateProduct } from './catalog.repo';
import { productIdSchema } from './catalog.usecases';
import { toAdminProductView } from './catalog.views';
import { checkParity, parityMessage } from './price.rules';

export const PRICE_PARITY_VIOLATION: CatalogErrorCode = 'PRICE_PARITY_VIOLATION';

/** ¥1,000,000 in fen: far above any product, low enough that no sum of a cart overflows. */
const MAX_FEN = 100_000_000;
const fen = (label: string) =>
  z
    .number({ error: `${label}须为数字（分）` })
    .int(`${label}须为整数（分）`)
    .min(0, `${label}不能为负数`)
    .max(MAX_FEN, `${label}过大`);

const imageUrl = z
  .string()
  .max(512)
  .refine((s) => /^(https:\/\/|cloud:\/\/)/.test(s), '图片需为 https:// 或 cloud:// 地址');

const channelPrice = z
  .object({
    channel: z.string().trim().min(1, '请填写渠道名称').max(10, '渠道名称最多 10 个字'),
    priceFen: fen('渠道价'),
  })
  .strict();

export const saveProductInput = z
  .object({
    /** Absent: a new product. */
    productId: productIdSchema.optional(),
    name: z.string().trim().min(1, '请填写商品名称').max(40, '商品名称最多 40 个字'),
    subtitle: z.string().trim().max(60, '副标题最多 60 个字').optional(),
    category: z.string().trim().min(1, '请填写商品分类').max(20, '分类最多 20 个字'),
    description: z.string().trim().max(2000, '商品详情最多 2000 个字').optional(),
    images: z.array(imageUrl).max(9, '最多 9 张图片').optional(),
    listPriceFen: fen('标价').min(1, '标价需大于 0'),
    channelPrices: z.array(channelPrice).max(10, '最多 10 个渠道').optional(),
    memberPrices: z
      .object({
        member: fen(`${TIER_NAMES.member}价`),
        buyer: fen(`${TIER_NAMES.buyer}价`),
        repeat_buyer: fen(`${TIER_NAMES.repeat_buyer}价`),
        koc: fen(`${TIER_NAMES.koc}价`),
      })
      .strict(),
    /** Remaining stock to set (absolute). Absent on an edit: stock is left as it is. */
    stock: z.number().int('库存须为整数').min(0, '库存不能为负数').max(1_000_000, '库存最多 1000000').optional(),
    memberOnlyFromTier: z.enum(['member', 'buyer', 'repeat_buyer', 'koc'], { error: '专享等级须为会员等级' }).nullable().optional(),
    sort: z.number().int('排序须为整数').min(0, '排序不能为负数').max(9999, '排序最大 9999').optional(),
  })
  .strict()
  .superRefine((v, issues) => {
    if (!v.productId && v.stock === undefined) issues.addIssue({ code: 'custom', path: ['stock'], message: '请填写库存' });
    const seen = new Set<string>();
    (v.channelPrices ?? []).forEach((c, i) => {
      if (seen.has(c.channel)) issues.addIssue({ code: 'custom', path: ['channelPrices', i, 'channel'], message: `渠道「${c.channel}」重复` });
      seen.add(c.channel);
    });
  });
export type SaveProductInput = z.infer<typeof saveProductInput>;

export const productsListInput = emptyInput;
export const setProductStatusInput = z
  .object({ productId: productIdSchema, status: z.enum(['on_sale', 'off_shelf'], { error: '状态须为上架或下架' }) })
  .strict();

const DEFAULT_SORT = 100;

export function productsList(ctx: ActionContext): Promise<CatalogResult<{ products: AdminProductView[] }, 'FORBIDDEN'>> {
  return asStaff(ctx, 'admin.view', 'products.list', {}, async () => ok({ products: (await listProducts(ctx.db)).map(toAdminProductView) }));
}

/**
 * Creates or edits a product. Optional fields left out of an edit keep their stored value (a form
 * that does not show images must not wipe them); left out of a new product they start empty.
 * The prices are checked on the product as it would be stored: a refusal writes nothing. The
 * write is a read-then-set in one transaction, so an order reserving stock on the same document
 * meanwhile makes this save retry on fresh data instead of overwriting the reservation. A new
 * product starts off shelf: it reaches customers only when staff put it on sale.
 */
export function saveProduct(
  ctx: ActionContext,
  input: SaveProductInput,
): Promise<CatalogResult<{ product: AdminProductView }, 'NOT_FOUND' | CatalogErrorCode | 'FORBIDDEN'>> {
  const productId = input.productId ?? `p_${randomBytes(6).toString('hex')}`;
  return asStaff(ctx, 'products.manage', 'products.save', { productId, name: input.name, stock: input.stock ?? null }, async () => {
    const at = now();
    const saved = await inTransaction(ctx.db, async (tx): Promise<CatalogResult<ProductDoc, 'NOT_FOUND' | CatalogErrorCode>> => {
      const existing = await findProduct(tx, productId);
      if (input.productId && !existing) return fail('NOT_FOUND', '商品不存在或已被删除');
      const doc: ProductDoc = {
        // Fields this form does not edit (e.g. the seed's brand) are kept.
        ...(existing ?? {}),
        _id: productId,
        name: input.name,
        subtitle: input.subtitle ?? existing?.subtitle ?? '',
        category: input.category,
        description: input.description ?? existing?.description ?? '',
        images: input.images ?? existing?.images ?? [],
        listPriceFen: input.listPriceFen,
        channelPrices: input.channelPrices ?? existing?.channelPrices ?? [],
        memberPrices: input.memberPrices,
        stock: input.stock ?? existing!.stock,
        memberOnlyFromTier: input.memberOnlyFromTier !== undefined ? input.memberOnlyFromTier : (existing?.memberOnlyFromTier ?? null),
        status: existing?.status ?? 'off_shelf',
        sort: input.sort ?? existing?.sort ?? DEFAULT_SORT,
        createdAt: existing?.createdAt ?? at,
        updatedAt: at,
        updatedBy: ctx.caller.openid,
      };
      const violations = checkParity(doc);
      if (violations.length > 0) return fail(PRICE_PARITY_VIOLATION, parityMessage(violations), violations);
      await putProduct(tx, doc);
      return ok(doc);
    });
    if (!saved.ok) return saved;
    return ok({ product: toAdminProductView(saved.data) });
  });
}

/**
 * Puts a product on sale or takes it off. Going on sale with prices that break the rules (stored
 * before the rules, or written outside this admin) is refused the same way a save is; taking a
 * product off is always allowed.
 */
export function setProductStatus(
  ctx: ActionContext,
  input: z.infer<typeof setProductStatusInput>,
): Promise<CatalogResult<{ productId: string; status: ProductStatus; product: AdminProductView }, 'NOT_FOUND' | CatalogErrorCode | 'FORBIDDEN'>> {
  return asStaff(ctx, 'products.manage', 'products.status', { productId: input.productId, status: input.status }, async () => {
    const existing = await findProduct(ctx.db, input.productId);
    if (!existing) return fail('NOT_FOUND', '商品不存在或已被删除');
    if (input.status === 'on_sale') {
      const violations = checkParity(existing);
      if (violations.length > 0) return fail(PRICE_PARITY_VIOLATION, parityMessage(violations), violations);
    }
    // One field of one document, never stock: a plain update, no transaction needed.
    const changes = { status: input.status, updatedAt: now(), updatedBy: ctx.caller.openid };
    await updateProduct(ctx.db, input.productId, changes);
    // The product comes back too, so an admin list can replace its row without a reload.
    return ok({ productId: input.productId, status: input.status, product: toAdminProductView({ ...existing, ...changes }) });
  });
}
