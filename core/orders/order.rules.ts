/**
 * Pure order rules: pricing a cart at a tier, which coupon applies, the points an order earns,
 * what a member may do with an order now, and which effects each status change causes. No
 * database, no SDK: the use cases read, call these, and write.
 */
import { createHash } from 'node:crypto';
import type { ProductDoc } from '../catalog/catalog.model';
import { formatFen, priceFor, visibleTo } from '../catalog/price.rules';
import { REFUND_WINDOW_DAYS } from '../catalog/sale-terms';
import type { CouponDoc } from '../rewards/rewards.model';
import { couponState } from '../rewards/rewards.rules';
import type { Tier } from '../members/tiers';
import type { OrderDoc, OrderEventType, OrderLine, RefundDoc } from './orders.model';
import type { RefundQuery, TradeQuery } from './payment.port';

/** An unpaid order holds its stock and coupon this long, and WeChat Pay refuses payment after it. */
export const PAYMENT_WINDOW_MS = 15 * 60 * 1000;
/** The refund window (七天无理由退货) is one of the shop's terms of sale (catalog/sale-terms.ts): referrals hold conversions by it too. */
export { REFUND_WINDOW_DAYS };
export const REFUND_WINDOW_MS = REFUND_WINDOW_DAYS * 24 * 60 * 60 * 1000;
/** WeChat Pay's smallest payment: a coupon never brings an order below it. */
export const MIN_PAY_FEN = 1;

/**
 * The order id is a function of the member and the client's request id, so a retried checkout
 * finds the order it already created. 'O' + 24 hex characters: a valid outTradeNo (<= 32).
 */
export function orderIdFor(memberId: string, requestId: string): string {
  return `O${createHash('sha256').update(`${memberId}\u0000${requestId}`).digest('hex').slice(0, 24)}`;
}

export function refundIdFor(orderId: string): string {
  return `R${orderId}`;
}

/** Names no product: see priceLines. */
export const PRODUCT_UNAVAILABLE_MESSAGE = '部分商品暂时无法购买';

export type PricingError =
  { code: 'ORDER_PRODUCT_UNAVAILABLE'; message: string; productId: string } | { code: 'ORDER_OUT_OF_STOCK'; message: string; productId: string };

export interface CartLine {
  productId: string;
  qty: number;
}

/**
 * Prices each line at the tier's member price. A product that is missing, off shelf or not
 * visible at this tier cannot be bought; stock here is only a first check (the reservation decides).
 */
export function priceLines(
  products: Map<string, ProductDoc>,
  lines: CartLine[],
  tier: Tier,
): { ok: true; lines: OrderLine[] } | { ok: false; error: PricingError } {
  const priced: OrderLine[] = [];
  for (const line of lines) {
    const p = products.get(line.productId);
    if (!p || p.status !== 'on_sale' || !visibleTo(p, tier)) {
      // Never the product's name: the caller may not be allowed to see it (members-only above their
      // tier, off shelf), and the id is only the one they sent.
      return { ok: false, error: { code: 'ORDER_PRODUCT_UNAVAILABLE', message: PRODUCT_UNAVAILABLE_MESSAGE, productId: line.productId } };
    }
    if (p.stock < line.qty) {
      return { ok: false, error: { code: 'ORDER_OUT_OF_STOCK', message: `${p.name}库存不足`, productId: p._id } };
    }
    const unit = priceFor(p, tier);
    priced.push({
      productId: p._id,
      name: p.name,
      image: p.images[0] ?? null,
      qty: line.qty,
      unitPriceFen: unit,
      listPriceFen: p.listPriceFen,
      lineFen: unit * line.qty,
    });
  }
  return { ok: true, lines: priced };
}

export function subtotalOf(lines: OrderLine[]): number {
  return lines.reduce((sum, l) => sum + l.lineFen, 0);
}

/** Why this coupon cannot be used on this order, or null when it can. */
export function couponProblem(coupon: CouponDoc | null, memberId: string, subtotalFen: number, at: Date, orderId?: string): string | null {
  if (!coupon || coupon.memberId !== memberId) return '优惠券不存在';
  // A coupon locked by this very order (a retried checkout) is still this order's to use.
  if (coupon.state === 'locked' && coupon.orderId === orderId) return null;
  const state = couponState(coupon, at);
  if (state === 'used') return '优惠券已使用';
  if (state === 'locked') return '优惠券已被待支付订单占用';
  if (state === 'expired') return '优惠券已过期';
  if (subtotalFen < coupon.minSpendFen) return `满${formatFen(coupon.minSpendFen)}可用`;
  return null;
}

/** The discount a coupon gives: its value, but never below WeChat Pay's minimum payment. */
export function discountFor(coupon: Pick<CouponDoc, 'valueFen'>, subtotalFen: number): number {
  return Math.max(0, Math.min(coupon.valueFen, subtotalFen - MIN_PAY_FEN));
}

/** Points for a payment: per whole yuan paid, times the tier's multiplier (per mille), rounded down. */
export function pointsForPayment(payFen: number, multiplierPermille: number): number {
  return Math.floor((Math.floor(payFen / 100) * multiplierPermille) / 1000);
}

export function canPay(order: Pick<OrderDoc, 'status' | 'expiresAt'>, at: Date): boolean {
  return order.status === 'pending_payment' && new Date(order.expiresAt).getTime() > at.getTime();
}

export function canCancel(order: Pick<OrderDoc, 'status'>): boolean {
  return order.status === 'pending_payment';
}

/** Why the member cannot cancel the order as it stands, or null when they can. */
export function cancelProblem(order: Pick<OrderDoc, 'status'>): string | null {
  switch (order.status) {
    case 'pending_payment':
      return null;
    case 'paid':
    case 'refunded':
      return '订单已付款，无法取消';
    case 'closed':
      return '订单已关闭';
  }
}

/** Why a refund cannot be requested now, or null when it can. A rejected request may be made again. */
export function refundRequestProblem(order: Pick<OrderDoc, 'status' | 'paidAt'>, refund: Pick<RefundDoc, 'status'> | null, at: Date): string | null {
  if (order.status === 'refunded') return '该订单已退款';
  if (order.status !== 'paid' || !order.paidAt) return '只有已付款的订单可以申请退款';
  if (refund && refund.status !== 'rejected') return '该订单已有退款申请';
  if (at.getTime() - new Date(order.paidAt).getTime() > REFUND_WINDOW_MS) return `已超过 ${REFUND_WINDOW_DAYS} 天退款期限，请联系客服`;
  return null;
}

/** A payment WeChat Pay's own record vouches for: the order, its transaction and the amount paid. */
export interface ConfirmedPayment {
  outTradeNo: string;
  transactionId: string;
  totalFee: number;
}

/**
 * Why WeChat Pay's answer to a query does not confirm the payment a notification claims, or null
 * when it does: paid (SUCCESS), by that transaction, of that amount. (REFUND is not taken: a
 * payment refunded before we ever recorded it must not become a sale.) Log text, not for members.
 */
export function paymentNotConfirmed(claimed: ConfirmedPayment, query: TradeQuery | null): string | null {
  if (!query) return 'WeChat Pay has no such order';
  if (query.tradeState !== 'SUCCESS') return `WeChat Pay says the order is ${query.tradeState || 'in no state'}`;
  if (query.transactionId !== claimed.transactionId) return `transaction ${claimed.transactionId} is not WeChat Pay's (${query.transactionId ?? 'none'})`;
  if (query.totalFee !== claimed.totalFee) return `${claimed.totalFee} fen is not what WeChat Pay took (${query.totalFee ?? 'nothing'})`;
  return null;
}

/** What a refund notification claims, from its decrypted reqInfo. */
export interface ClaimedRefund {
  outRefundNo: string;
  outTradeNo?: string;
  refundFee?: number;
  transactionId?: string;
}

/** Why WeChat Pay's answer does not confirm that the refund reached the payer, or null when it does. */
export function refundNotConfirmed(claimed: ClaimedRefund, query: RefundQuery | null): string | null {
  if (!query) return 'WeChat Pay has no such refund';
  if (query.refundStatus !== 'SUCCESS') return `WeChat Pay says the refund is ${query.refundStatus || 'in no state'}`;
  if (claimed.refundFee !== undefined && claimed.refundFee !== query.refundFee)
    return `${claimed.refundFee} fen is not what WeChat Pay refunded (${query.refundFee ?? 'nothing'})`;
  if (claimed.outTradeNo !== undefined && claimed.outTradeNo !== query.outTradeNo)
    return `order ${claimed.outTradeNo} is not WeChat Pay's (${query.outTradeNo})`;
  if (claimed.transactionId !== undefined && claimed.transactionId !== query.transactionId)
    return `transaction ${claimed.transactionId} is not WeChat Pay's (${query.transactionId ?? 'none'})`;
  return null;
}

/** Why a confirmed refund is not the one we approved (amount, order, payment), or null when it is. */
export function refundRecordMismatch(
  refund: Pick<RefundDoc, '_id' | 'orderId' | 'amountFen'>,
  order: Pick<OrderDoc, 'transactionId'> | null,
  query: RefundQuery,
): string | null {
  if (query.outTradeNo !== refund.orderId) return `refund ${refund._id} is for order ${refund.orderId}, WeChat Pay's for ${query.outTradeNo}`;
  if (query.refundFee !== refund.amountFen) return `refund ${refund._id} is ${refund.amountFen} fen, WeChat Pay refunded ${query.refundFee ?? 'nothing'}`;
  if (order?.transactionId && query.transactionId && order.transactionId !== query.transactionId)
    return `order ${refund.orderId} was paid by ${order.transactionId}, WeChat Pay refunded ${query.transactionId}`;
  return null;
}

/**
 * How long past its payment window an unpaid order waits for WeChat Pay to say whether it was paid
 * (the query failing, or the payer still at the password prompt) before it is closed anyway. A
 * payment that does land after that is refunded automatically when its notification comes.
 */
export const PAY_QUERY_GRACE_MS = 60 * 60 * 1000;

export type PaymentAsked = { ok: true; data: TradeQuery | null } | { ok: false; message: string };

/**
 * What the `orders-expire` timer does with an unpaid order past its window, from WeChat Pay's
 * answer to `queryOrder` (null: no payment gateway in this run, nothing to ask):
 *  - paid: WeChat Pay took the money (its notification was lost or refused): record the payment.
 *  - close: nothing was paid (no such payment, NOTPAY, CLOSED, PAYERROR, REVOKED, or REFUND — a
 *    payment refunded before we recorded it is never a sale); `closeAtPay` when WeChat Pay still
 *    holds the payment open, so it is told to stop taking it.
 *  - wait: no answer yet (the query failed, the payer is still paying, or "paid" without saying
 *    by what transaction or how much): ask again next run, until PAY_QUERY_GRACE_MS past the window.
 */
export type ExpiryDecision = { kind: 'paid'; payment: ConfirmedPayment } | { kind: 'close'; closeAtPay: boolean } | { kind: 'wait'; reason: string };

export function expiryDecision(order: Pick<OrderDoc, '_id' | 'expiresAt'>, asked: PaymentAsked | null, at: Date): ExpiryDecision {
  if (!asked) return { kind: 'close', closeAtPay: false };
  const pastGrace = at.getTime() - new Date(order.expiresAt).getTime() > PAY_QUERY_GRACE_MS;
  if (!asked.ok) return pastGrace ? { kind: 'close', closeAtPay: false } : { kind: 'wait', reason: `WeChat Pay query failed: ${asked.message}` };
  const trade = asked.data;
  if (trade?.tradeState === 'SUCCESS') {
    if (trade.transactionId && trade.totalFee !== null)
      return { kind: 'paid', payment: { outTradeNo: order._id, transactionId: trade.transactionId, totalFee: trade.totalFee } };
    // Paid, but not saying by what or how much: no answer to act on yet.
    return pastGrace ? { kind: 'close', closeAtPay: false } : { kind: 'wait', reason: 'WeChat Pay says paid without a transaction or amount' };
  }
  if (trade?.tradeState === 'USERPAYING') return pastGrace ? { kind: 'close', closeAtPay: true } : { kind: 'wait', reason: 'the payer is still paying' };
  return { kind: 'close', closeAtPay: trade?.tradeState === 'NOTPAY' };
}

/** Every effect a payment may have. */
export const PAID_EVENTS: readonly OrderEventType[] = ['points_earn', 'ladder_paid', 'stock_settle', 'referral_convert'];

/**
 * The effects of a payment left as events (applied after the commit, and by the timer until done).
 * The points and the ladder fact are applied in the payment's own transaction (they write only the
 * buyer's documents) and become events only when that failed; settling the stock always is one
 * (the product is the hot document: never inside the payment's transaction); the conversion only
 * when a card the buyer opened might credit a sharer.
 */
export function paidEventsLeft(applied: { points: boolean; ladder: boolean }, mayConvert: boolean): OrderEventType[] {
  return [
    ...(applied.points ? [] : (['points_earn'] as const)),
    ...(applied.ladder ? [] : (['ladder_paid'] as const)),
    'stock_settle',
    ...(mayConvert ? (['referral_convert'] as const) : []),
  ];
}
/** The effects of closing an unpaid order. */
export const CLOSED_EVENTS: readonly OrderEventType[] = ['stock_release'];

/** Every effect an approved refund may have. */
export const REFUND_EVENTS: readonly OrderEventType[] = ['points_reverse', 'ladder_refunded', 'pay_refund', 'referral_reverse', 'stock_restore'];

/**
 * The effects of an approved refund left as events. The points reversal and the ladder fact are
 * applied in the decision's own transaction (the buyer's documents only) and become events only
 * when that failed; the money always is one (WeChat Pay's refund is I/O, never inside a
 * transaction); the stock only when staff say the goods can be sold again (the product is the hot
 * document); the conversion's reversal only when the payment wrote a conversion event
 * (`mayConvert`), or when it is unknown (an order paid before that was recorded).
 */
export function refundEventsLeft(applied: { points: boolean; ladder: boolean }, restock: boolean, mayConvert: boolean | undefined): OrderEventType[] {
  return [
    ...(applied.points ? [] : (['points_reverse'] as const)),
    ...(applied.ladder ? [] : (['ladder_refunded'] as const)),
    'pay_refund',
    ...(mayConvert === false ? [] : (['referral_reverse'] as const)),
    ...(restock ? (['stock_restore'] as const) : []),
  ];
}

export function eventId(orderId: string, type: OrderEventType): string {
  return `${orderId}:${type}`;
}

/** Failed effects are retried with a growing pause (1, 2, 4 ... up to 60 minutes). */
export function retryDelayMs(attempts: number): number {
  return Math.min(60, 2 ** Math.max(0, attempts - 1)) * 60 * 1000;
}
