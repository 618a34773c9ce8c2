/**
 * Draws in the admin area: admins create, cancel and draw now; moderators read (every call audited
 * by asStaff). Creating a draw sets its units aside on the product and commits to a secret seed:
 * only its SHA-256 is published; the seed itself waits in `draw_secrets` for the drawing job.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { findProduct } from '../catalog/catalog.repo';
import { releasePool, reservePool } from '../catalog/product-stock.repo';
import { TIERS, type Tier } from '../members/tiers';
import { ordersByIds } from '../orders/orders.repo';
import { timeBudget } from '../platform/batches';
import { now } from '../platform/clock';
import { emptyInput } from '../platform/inputs';
import { fail, ok, type ErrorCode } from '../platform/result';
import type { ActionContext } from '../platform/router';
import { inTransaction } from '../platform/transaction';
import { asStaff } from '../staff/staff.guard';
import { commitmentOf } from './draw-fairness.rules';
import { drawableAt, scheduleProblems } from './draw.rules';
import { drawStep, poolOf } from './draws.drawing';
import type { DrawsErrorCode, DrawsResult } from './draws.errors';
import type { AdminDrawView, DrawDoc } from './draws.model';
import { countEntries, findDraw, listDraws, putDraw, putSecret, rankedEntries, removeDraw, updateDrawFrom } from './draws.repo';
import { toAdminDrawView } from './draws.views';

const when = z.iso.datetime({ offset: true, error: '时间格式有误' });
const drawId = z.string().regex(/^draw_[0-9a-f]{12}$/, '抽签编号格式有误');

/** Units and waitlist together stay within one page of entries (the job ranks them in memory). */
export const MAX_RANKED = 1000;

export const createDrawInput = z
  .object({
    productId: z
      .string()
      .min(1)
      .max(64)
      .regex(/^[A-Za-z0-9_-]+$/, '商品编号格式有误'),
    title: z.string().trim().min(1, '请填写抽签名称').max(30, '抽签名称最多 30 个字'),
    description: z.string().trim().max(300, '抽签说明最多 300 个字').default(''),
    units: z.number().int('名额须为整数').min(1, '至少 1 个中签名额').max(500, '中签名额最多 500 个'),
    waitlistLength: z.number().int('候补人数须为整数').min(0, '候补人数不能为负数').max(500, '候补人数最多 500 人'),
    opensAt: when,
    closesAt: when,
    drawAt: when,
    minTier: z.enum(['member', 'buyer', 'repeat_buyer', 'koc'], { error: '参与门槛须为会员等级' }),
    minMemberDays: z.number().int('入会天数须为整数').min(0, '入会天数不能为负数').max(3650, '入会天数最多 3650 天'),
    purchaseHours: z.number().int('付款时限须为整数小时').min(1, '付款时限至少 1 小时').max(168, '付款时限最多 168 小时（7 天）'),
  })
  .strict();
export type CreateDrawInput = z.infer<typeof createDrawInput>;

export const cancelDrawInput = z
  .object({ drawId, reason: z.string().trim().min(2, '请填写取消原因（会告知报名者）').max(60, '取消原因最多 60 个字') })
  .strict();
export const adminDrawInput = z.object({ drawId }).strict();
export const adminDrawsInput = emptyInput;

type DrawAdminResult<T, C extends DrawsErrorCode | ErrorCode = never> = Promise<DrawsResult<T, C | 'FORBIDDEN'>>;

export function adminDraws(ctx: ActionContext): DrawAdminResult<{ draws: AdminDrawView[] }> {
  return asStaff(ctx, 'admin.view', 'draws.list', {}, async () => {
    const at = now();
    const draws = await listDraws(ctx.db);
    const counts = await Promise.all(draws.map((d) => countEntries(ctx.db, d._id)));
    return ok({ draws: draws.map((d, i) => toAdminDrawView(d, { total: counts[i], byTier: null }, null, at)) });
  });
}

export function adminDraw(ctx: ActionContext, input: z.infer<typeof adminDrawInput>): DrawAdminResult<{ draw: AdminDrawView }, 'NOT_FOUND'> {
  return asStaff(ctx, 'admin.view', 'draws.view', { drawId: input.drawId }, async () => {
    const draw = await findDraw(ctx.db, input.drawId);
    if (!draw) return fail('NOT_FOUND', '抽签不存在');
    return ok({ draw: await adminView(ctx, draw) });
  });
}

async function adminView(ctx: ActionContext, draw: DrawDoc): Promise<AdminDrawView> {
  const counts = await Promise.all(TIERS.map((t) => countEntries(ctx.db, draw._id, t)));
  const byTier = Object.fromEntries(TIERS.map((t, i) => [t, counts[i]])) as Record<Tier, number>;
  return toAdminDrawView(draw, { total: counts.reduce((sum, n) => sum + n, 0), byTier }, draw.reveal ? await resultsOf(ctx, draw) : null, now());
}

async function resultsOf(ctx: ActionContext, draw: DrawDoc): Promise<AdminDrawView['results']> {
  const ranked = await rankedEntries(ctx.db, draw._id);
  const orders = await ordersByIds(
    ctx.db,
    ranked.flatMap((e) => (e.orderId ? [e.orderId] : [])),
  );
  const won = ranked.filter((e) => e.outcome === 'won');
  return {
    won: won.length,
    paid: won.filter((e) => e.orderId && ['paid', 'refunded'].includes(orders.get(e.orderId)?.status ?? '')).length,
    waitlist: ranked.filter((e) => e.outcome === 'waitlist').length,
    forfeited: ranked.filter((e) => e.outcome === 'forfeited').length,
    promoted: ranked.filter((e) => e.promotedFor).length,
  };
}

/**
 * Publishes a draw: its units set aside on the product (refused when stock is short), a fresh
 * seed stored apart and its commitment published. A crash between the draw's write and setting
 * the units aside is finished by the drawing job, which sets them aside before anyone wins.
 */
export function createDraw(
  ctx: ActionContext,
  input: CreateDrawInput,
): DrawAdminResult<{ draw: AdminDrawView }, 'NOT_FOUND' | 'VALIDATION_FAILED' | 'DRAW_STOCK_SHORT'> {
  const id = `draw_${randomBytes(6).toString('hex')}`;
  return asStaff(ctx, 'draws.manage', 'draws.create', { drawId: id, productId: input.productId, units: input.units }, async () => {
    const at = now();
    const schedule = { opensAt: new Date(input.opensAt), closesAt: new Date(input.closesAt), drawAt: new Date(input.drawAt) };
    const problems = scheduleProblems(schedule, at);
    if (problems.length > 0) return fail('VALIDATION_FAILED', problems[0].message, problems);
    if (input.units + input.waitlistLength > MAX_RANKED)
      return fail('VALIDATION_FAILED', `名额与候补合计最多 ${MAX_RANKED} 人`, [{ path: 'waitlistLength', message: `名额与候补合计最多 ${MAX_RANKED} 人` }]);
    const product = await findProduct(ctx.db, input.productId);
    if (!product) return fail('NOT_FOUND', '商品不存在或已被删除');
    if (product.stock < input.units) return stockShort(input.units, product.stock);
    const seed = randomBytes(32).toString('hex');
    const draw: DrawDoc = {
      _id: id,
      title: input.title,
      description: input.description,
      productId: product._id,
      productName: product.name,
      productImage: product.images[0] ?? null,
      units: input.units,
      waitlistLength: input.waitlistLength,
      ...schedule,
      minTier: input.minTier,
      minMemberDays: input.minMemberDays,
      purchaseHours: input.purchaseHours,
      commitment: commitmentOf(seed),
      committedAt: at,
      status: 'scheduled',
      reveal: null,
      noticesPending: false,
      cancelledAt: null,
      cancelReason: null,
      createdBy: ctx.caller.openid,
      createdAt: at,
      updatedAt: at,
    };
    await inTransaction(ctx.db, async (tx) => {
      await putSecret(tx, { _id: id, seed, createdAt: at });
      await putDraw(tx, draw);
    });
    if (!(await reservePool(ctx.db, product._id, poolOf(id), input.units, at))) {
      // Sold meanwhile: nobody has seen the draw yet, so it is withdrawn rather than cancelled.
      await removeDraw(ctx.db, id);
      const fresh = await findProduct(ctx.db, product._id);
      return stockShort(input.units, fresh?.stock ?? 0);
    }
    return ok({ draw: await adminView(ctx, draw) });
  });
}

function stockShort(units: number, stock: number) {
  return fail('DRAW_STOCK_SHORT', `商品库存不足：抽签需 ${units} 件，现有 ${stock} 件`, [{ path: 'units', message: `现有库存 ${stock} 件` }]);
}

/** Stops a draw before it is drawn: its units go back on sale, and every entrant is told (in the app, and by message if they asked). */
export function cancelDraw(
  ctx: ActionContext,
  input: z.infer<typeof cancelDrawInput>,
): DrawAdminResult<{ draw: AdminDrawView }, 'NOT_FOUND' | 'DRAW_WRONG_STATE'> {
  return asStaff(ctx, 'draws.manage', 'draws.cancel', { drawId: input.drawId }, async () => {
    const at = now();
    const draw = await findDraw(ctx.db, input.drawId);
    if (!draw) return fail('NOT_FOUND', '抽签不存在');
    const cancelled = await updateDrawFrom(ctx.db, draw._id, 'scheduled', {
      status: 'cancelled',
      cancelledAt: at,
      cancelReason: input.reason,
      noticesPending: true,
      updatedAt: at,
    });
    if (!cancelled) return fail('DRAW_WRONG_STATE', draw.status === 'cancelled' ? '该抽签已取消' : '已开奖的抽签不能取消');
    await releasePool(ctx.db, draw.productId, poolOf(draw._id), at);
    return ok({ draw: await adminView(ctx, { ...draw, status: 'cancelled', cancelledAt: at, cancelReason: input.reason, noticesPending: true }) });
  });
}

/** Draws at once once entries have closed (and every entry has landed), instead of waiting for the draw time. */
export function drawNow(ctx: ActionContext, input: z.infer<typeof adminDrawInput>): DrawAdminResult<{ draw: AdminDrawView }, 'NOT_FOUND' | 'DRAW_WRONG_STATE'> {
  return asStaff(ctx, 'draws.manage', 'draws.drawNow', { drawId: input.drawId }, async () => {
    const at = now();
    const draw = await findDraw(ctx.db, input.drawId);
    if (!draw) return fail('NOT_FOUND', '抽签不存在');
    if (draw.status === 'scheduled') {
      if (at.getTime() < drawableAt({ closesAt: draw.closesAt, drawAt: draw.closesAt }).getTime()) {
        return fail('DRAW_WRONG_STATE', '报名截止 1 分钟后才能开奖');
      }
      await updateDrawFrom(ctx.db, draw._id, 'scheduled', { status: 'drawing', drawAt: at, updatedAt: at });
    } else if (draw.status !== 'drawing') {
      return fail('DRAW_WRONG_STATE', draw.status === 'cancelled' ? '该抽签已取消' : '该抽签已开奖');
    }
    const current = (await findDraw(ctx.db, draw._id))!;
    // A large draw may not finish inside one call: the timer carries on from the checkpoint.
    if (current.status === 'drawing') await drawStep(ctx.db, current, at, timeBudget(10_000));
    return ok({ draw: await adminView(ctx, (await findDraw(ctx.db, draw._id))!) });
  });
}
