/**
 * The shop's catalog and product page for the caller. The price is always the server's: the tier
 * is read from the caller's member record (never from the input), and every schema is strict, so
 * a client that sends its own prices or tier is refused rather than believed.
 */
import { z } from 'zod';
import { findMember } from '../members/member.repo';
import type { Tier } from '../members/tiers';
import { emptyInput } from '../platform/inputs';
import { fail, ok, type Result } from '../platform/result';
import type { ActionContext } from '../platform/router';
import type { ProductCard, ProductDetail } from './catalog.model';
import { findProduct, listProducts } from './catalog.repo';
import { toProductCard, toProductDetail } from './catalog.views';
import { visibleTo } from './price.rules';

export const productIdSchema = z
  .string({ error: '请选择商品' })
  .min(1, '请选择商品')
  .max(64, '商品编号最多 64 位')
  .regex(/^[A-Za-z0-9_-]+$/, '商品编号只能包含字母、数字、- 和 _');

export const catalogInput = emptyInput;
export const productInput = z.object({ productId: productIdSchema }).strict();

/**
 * The caller's step on the ladder. Someone who never opened the app is a follower. The ladder's
 * price level of a step is the step itself (ladder.config benefitsOf), so the tier is the key
 * into memberPrices and no ladder configuration read is needed.
 */
async function callerTier(ctx: ActionContext): Promise<Tier> {
  return (await findMember(ctx.db, ctx.caller.openid))?.tier ?? 'follower';
}

/** On sale and visible to the caller, in catalog order, at the caller's price. Two reads, in parallel. */
export async function catalog(ctx: ActionContext): Promise<Result<{ products: ProductCard[] }>> {
  const [tier, products] = await Promise.all([callerTier(ctx), listProducts(ctx.db, 'on_sale')]);
  return ok({ products: products.filter((p) => visibleTo(p, tier)).map((p) => toProductCard(p, tier)) });
}

/**
 * One product at the caller's price. Off shelf, unknown, or member-only above the caller's step
 * all answer the same NOT_FOUND, so a direct link reveals nothing the catalog would not.
 */
export async function product(ctx: ActionContext, input: z.infer<typeof productInput>): Promise<Result<{ product: ProductDetail }>> {
  const [tier, doc] = await Promise.all([callerTier(ctx), findProduct(ctx.db, input.productId)]);
  if (!doc || doc.status !== 'on_sale' || !visibleTo(doc, tier)) return fail('NOT_FOUND', '商品不存在或暂不可见');
  return ok({ product: toProductDetail(doc, tier) });
}
