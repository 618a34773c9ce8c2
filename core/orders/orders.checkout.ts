/**
 * Checkout: quoting a cart and creating the order. The server prices every line at the buyer's
 * tier as it reads it now; the client's numbers are never read (the schemas refuse them).
 *
 * Creating an order is, in this order: price and check (reads only), hold each line's stock with
 * a conditional update on the product (the hold is recorded on the product itself), then one
 * transaction that locks the coupon and writes the order. A failure after holding gives the
 * units back; a crash in between leaves a hold without an order, which the expiry job finds.
 */
import { productsByIds } from '../catalog/catalog.repo';
import { formatFen } from '../catalog/price.rules';
import { holdStock, releaseHold } from '../catalog/product-stock.repo';
import { getTierBenefits } from '../ladder/ladder.usecases';
import { findMember } from '../members/member.repo';
import type { Member } from '../members/member.rules';
import { TIER_NAMES } from '../members/tiers';
import { now } from '../platform/clock';
import type { Database, TransactionDb } from '../platform/database';
import { fail, ok } from '../platform/result';
import type { ActionContext } from '../platform/router';
import { inTransaction, isTransactionConflict } from '../platform/transaction';
import type { CouponDoc } from '../rewards/rewards.model';
import { findCoupon, listCoupons, lockCoupon } from '../rewards/rewards.repo';
import type { OrdersResult } from './orders.errors';
import type { CreateOrderInput, QuoteInput } from './orders.inputs';
import type { CheckoutCoupon, CheckoutQuote, OrderDoc, OrderLine, OrderView } from './orders.model';
import { findOrder, findRefund, putOrder } from './orders.repo';
import { toOrderView } from './orders.views';
import { couponProblem, discountFor, orderIdFor, PAYMENT_WINDOW_MS, pointsForPayment, priceLines, subtotalOf, type CartLine } from './order.rules';

export type CheckoutErrorCode = 'NOT_A_MEMBER' | 'ORDER_PRODUCT_UNAVAILABLE' | 'ORDER_OUT_OF_STOCK' | 'COUPON_UNUSABLE' | 'REQUEST_ID_REUSED' | 'CONFLICT';
type Checkout<T> = OrdersResult<T, CheckoutErrorCode>;

async function buyer(ctx: ActionContext): Promise<Checkout<Member>> {
  const member = await findMember(ctx.db, ctx.caller.openid);
  if (!member || !member.joinedAt) return fail('NOT_A_MEMBER', '请先加入会员再下单');
  return ok(member);
}

interface Priced {
  lines: OrderLine[];
  subtotalFen: number;
  discountFen: number;
  payFen: number;
  coupon: CouponDoc | null;
}

async function price(
  db: Database,
  member: Member,
  cart: CartLine[],
  couponId: string | null | undefined,
  at: Date,
  orderId?: string,
): Promise<Checkout<Priced>> {
  const priced = priceLines(
    await productsByIds(
      db,
      cart.map((l) => l.productId),
    ),
    cart,
    member.tier,
  );
  if (!priced.ok) return fail(priced.error.code, priced.error.message, [{ path: priced.error.productId, message: priced.error.message }]);
  const subtotalFen = subtotalOf(priced.lines);
  let coupon: CouponDoc | null = null;
  if (couponId) {
    coupon = await findCoupon(db, couponId);
    const problem = couponProblem(coupon, member._id, subtotalFen, at, orderId);
    if (problem) return fail('COUPON_UNUSABLE', problem);
  }
  const discountFen = coupon ? discountFor(coupon, subtotalFen) : 0;
  return ok({ lines: priced.lines, subtotalFen, discountFen, payFen: subtotalFen - discountFen, coupon });
}

function checkoutCoupon(c: CouponDoc, memberId: string, subtotalFen: number, at: Date): CheckoutCoupon {
  const reason = couponProblem(c, memberId, subtotalFen, at);
  return {
    id: c._id,
    title: c.title,
    valueFen: c.valueFen,
    minSpendFen: c.minSpendFen,
    expiresAt: new Date(c.expiresAt).toISOString(),
    usable: reason === null,
    reason,
  };
}

/** The server's price of a cart for the caller now, with their coupons and the points it would earn. */
export async function quote(ctx: ActionContext, input: QuoteInput): Promise<Checkout<{ quote: CheckoutQuote }>> {
  const at = now();
  const member = await buyer(ctx);
  if (!member.ok) return member;
  const [priced, coupons, benefits] = await Promise.all([
    price(ctx.db, member.data, input.lines, input.couponId, at),
    listCoupons(ctx.db, member.data._id, 'available', at),
    getTierBenefits(ctx.db, member.data.tier),
  ]);
  if (!priced.ok) return priced;
  const p = priced.data;
  return ok({
    quote: {
      lines: p.lines,
      tier: member.data.tier,
      tierName: TIER_NAMES[member.data.tier],
      subtotalFen: p.subtotalFen,
      discountFen: p.discountFen,
      payFen: p.payFen,
      couponId: p.coupon?._id ?? null,
      coupons: coupons.map((c) => checkoutCoupon(c, member.data._id, p.subtotalFen, at)),
      pointsPreview: pointsForPayment(p.payFen, benefits.pointsMultiplierPermille),
    },
  });
}

const sameLines = (order: OrderDoc, cart: CartLine[]) =>
  order.lines.length === cart.length && cart.every((l) => order.lines.some((o) => o.productId === l.productId && o.qty === l.qty));

/** Creates the order (idempotent by requestId). Attempts cover a burst of conflicting coupon locks. */
export async function createOrder(ctx: ActionContext, input: CreateOrderInput): Promise<Checkout<{ order: OrderView; replayed: boolean }>> {
  // The request's time prices the cart and stamps the stock holds (reads and single writes); the
  // order itself is stamped inside its transaction, per attempt.
  const at = now();
  const member = await buyer(ctx);
  if (!member.ok) return member;
  const orderId = orderIdFor(member.data._id, input.requestId);
  const existing = await findOrder(ctx.db, orderId);
  if (existing) return replay(existing, input, ctx.db, at);

  const priced = await price(ctx.db, member.data, input.lines, input.couponId, at, orderId);
  if (!priced.ok) return priced;

  const held: CartLine[] = [];
  for (const line of input.lines) {
    if (!(await holdStock(ctx.db, line.productId, orderId, line.qty, at))) {
      await releaseUnlessOrdered(ctx.db, orderId, held);
      const name = priced.data.lines.find((l) => l.productId === line.productId)?.name ?? '商品';
      return fail('ORDER_OUT_OF_STOCK', `${name}库存不足`, [{ path: line.productId, message: `${name}库存不足` }]);
    }
    held.push(line);
  }

  let written: Checkout<{ order: OrderDoc; replayed: boolean }>;
  try {
    written = await inTransaction(ctx.db, (tx) => writeOrder(tx, () => newOrder(orderId, member.data, input, priced.data, now())));
  } catch (e) {
    if (!isTransactionConflict(e)) throw e;
    written = fail('CONFLICT', '下单的人有点多，请稍后再试');
  }
  if (!written.ok) {
    await releaseUnlessOrdered(ctx.db, orderId, held);
    return written;
  }
  return ok({ order: toOrderView(written.data.order, null, now()), replayed: written.data.replayed });
}

async function replay(existing: OrderDoc, input: CreateOrderInput, db: Database, at: Date): Promise<Checkout<{ order: OrderView; replayed: boolean }>> {
  if (!sameLines(existing, input.lines) || (existing.coupon?.id ?? null) !== (input.couponId ?? null)) {
    return fail('REQUEST_ID_REUSED', '该请求已用于另一笔订单，请刷新后重试');
  }
  const refund = existing.refundId ? await findRefund(db, existing.refundId) : null;
  return ok({ order: toOrderView(existing, refund, at), replayed: true });
}

/** Holds are keyed by order id, so a twin request of the same order shares them: give them back only if no order was written. */
async function releaseUnlessOrdered(db: Database, orderId: string, held: CartLine[]): Promise<void> {
  if (held.length === 0 || (await findOrder(db, orderId))) return;
  for (const line of held) await releaseHold(db, line.productId, orderId);
}

function newOrder(orderId: string, member: Member, input: CreateOrderInput, p: Priced, at: Date): OrderDoc {
  return {
    _id: orderId,
    memberId: member._id,
    requestId: input.requestId,
    status: 'pending_payment',
    tier: member.tier,
    lines: p.lines,
    subtotalFen: p.subtotalFen,
    discountFen: p.discountFen,
    payFen: p.payFen,
    coupon: p.coupon ? { id: p.coupon._id, title: p.coupon.title, valueFen: p.coupon.valueFen } : null,
    stock: 'held',
    createdAt: at,
    expiresAt: new Date(at.getTime() + PAYMENT_WINDOW_MS),
    paidAt: null,
    transactionId: null,
    closedAt: null,
    closeReason: null,
    refundId: null,
    refundedAt: null,
    pointsEarned: null,
    history: [{ event: 'created', at, ...(p.coupon ? { note: `使用${p.coupon.title}，优惠${formatFen(p.discountFen)}` } : {}) }],
    updatedAt: at,
  };
}

/**
 * The order and its coupon lock, together. A twin that got here first makes this a replay. The
 * order is made per attempt, so its times (created, expires, history) are this attempt's.
 */
async function writeOrder(tx: TransactionDb, make: () => OrderDoc): Promise<Checkout<{ order: OrderDoc; replayed: boolean }>> {
  const order = make();
  const at = order.createdAt;
  const twin = await findOrder(tx, order._id);
  if (twin) return ok({ order: twin, replayed: true });
  if (order.coupon) {
    const coupon = await findCoupon(tx, order.coupon.id);
    const problem = couponProblem(coupon, order.memberId, order.subtotalFen, at, order._id);
    if (problem) return fail('COUPON_UNUSABLE', problem);
    await lockCoupon(tx, order.coupon.id, order._id);
  }
  await putOrder(tx, order);
  return ok({ order, replayed: false });
}
