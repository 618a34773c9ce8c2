/**
 * Orders, their effects and refunds: what is stored and what the client receives. The client
 * imports the view types (type-only), so it cannot drift from what the shop and admin functions
 * return. Money is integer fen; stored times are Dates, views carry ISO 8601 server times.
 */
import type { Tier } from '../members/tiers';

export const ORDERS = 'orders';
export const ORDER_EVENTS = 'order_events';
export const REFUNDS = 'refunds';

/**
 * pending_payment -> paid -> refunded, or pending_payment -> closed (expired or cancelled).
 * A refund request does not change the status; an approved refund makes the order `refunded`.
 */
export type OrderStatus = 'pending_payment' | 'paid' | 'closed' | 'refunded';
export type RefundStatus = 'requested' | 'rejected' | 'approved' | 'refunded';
/** held: units taken from the product and held for this order; taken: sold; released: given back. */
export type StockState = 'held' | 'taken' | 'released';

export interface OrderLine {
  productId: string;
  name: string;
  image: string | null;
  qty: number;
  /** The member price at the buyer's tier when the order was created. */
  unitPriceFen: number;
  listPriceFen: number;
  lineFen: number;
}

export interface OrderHistoryEntry {
  /** e.g. created, paid, closed, refund_requested, refund_rejected, refund_approved, refunded. */
  event: string;
  at: Date;
  note?: string;
}

/** `orders/<_id>`; `_id` is derived from the member and the client's requestId, and is also WeChat Pay's outTradeNo. */
export interface OrderDoc {
  _id: string;
  memberId: string;
  requestId: string;
  status: OrderStatus;
  /** The tier the order was priced at. */
  tier: Tier;
  lines: OrderLine[];
  subtotalFen: number;
  discountFen: number;
  payFen: number;
  coupon: { id: string; title: string; valueFen: number } | null;
  stock: StockState;
  createdAt: Date;
  expiresAt: Date;
  paidAt: Date | null;
  transactionId: string | null;
  closedAt: Date | null;
  closeReason: 'expired' | 'cancelled' | null;
  refundId: string | null;
  refundedAt: Date | null;
  /** Points credited for this order once its earn event applied (null before). */
  pointsEarned: number | null;
  /** Points taken back after a refund, once that applied (absent or null before). */
  pointsReversed?: number | null;
  /**
   * Set when the order is paid: whether a card the buyer opened might credit a sharer, so the
   * payment wrote a `referral_convert` event. A refund reverses a conversion only then (or when
   * this is absent: an order paid before it was recorded).
   */
  mayConvert?: boolean;
  history: OrderHistoryEntry[];
  updatedAt: Date;
  /** Where an order placed for the member came from (a draw they won), rather than their cart. */
  source?: OrderSource | null;
}

/** An order the member did not check out themselves: a draw's winner is given one to pay. */
export interface OrderSource {
  kind: 'draw';
  id: string;
  title: string;
}

/**
 * Effects of a status change, written in the same transaction as the change and applied
 * idempotently afterwards (at once, and by the `order-events` timer until done).
 */
export type OrderEventType =
  | 'points_earn'
  | 'ladder_paid'
  | 'stock_settle'
  | 'stock_release'
  | 'points_reverse'
  | 'ladder_refunded'
  | 'stock_restore'
  | 'pay_refund'
  | 'referral_convert'
  | 'referral_reverse';

export interface OrderEventDoc {
  /** `${orderId}:${type}`: one event of each type per order, so writing it twice is refused. */
  _id: string;
  orderId: string;
  memberId: string;
  type: OrderEventType;
  status: 'pending' | 'done';
  attempts: number;
  nextAttemptAt: Date;
  lastError: string | null;
  createdAt: Date;
  doneAt: Date | null;
}

/** `refunds/<_id>`, `_id` = `R<orderId>`: one refund per order (the whole order). */
export interface RefundDoc {
  _id: string;
  orderId: string;
  memberId: string;
  reason: string;
  amountFen: number;
  status: RefundStatus;
  requestedAt: Date;
  decidedAt: Date | null;
  decidedBy: string | null;
  rejectReason: string | null;
  /** Approved refunds put the units back on sale unless staff say the goods are not resellable. */
  restock: boolean;
  refundedAt: Date | null;
  updatedAt: Date;
}

// ---- views

export type OrderLineView = OrderLine;

export interface OrderHistoryView {
  event: string;
  /** zh-CN, e.g. 已下单, 支付成功, 订单已关闭（超时未支付）. */
  text: string;
  at: string;
}

export interface RefundView {
  _id: string;
  status: RefundStatus;
  statusText: string;
  reason: string;
  amountFen: number;
  requestedAt: string;
  decidedAt: string | null;
  rejectReason: string | null;
  refundedAt: string | null;
}

export interface OrderView {
  _id: string;
  status: OrderStatus;
  /** zh-CN: 待付款, 已付款, 已关闭, 已退款 (退款中 while a request is open). */
  statusText: string;
  tier: Tier;
  tierName: string;
  lines: OrderLineView[];
  subtotalFen: number;
  discountFen: number;
  payFen: number;
  coupon: { id: string; title: string; valueFen: number } | null;
  createdAt: string;
  expiresAt: string;
  paidAt: string | null;
  closedAt: string | null;
  pointsEarned: number | null;
  /** Taken back after a refund (the earn stays in pointsEarned); null until that applied. */
  pointsReversed: number | null;
  history: OrderHistoryView[];
  refund: RefundView | null;
  canPay: boolean;
  canCancel: boolean;
  canRequestRefund: boolean;
  source: OrderSource | null;
}

/** A coupon at checkout: whether it applies to this cart and why not. */
export interface CheckoutCoupon {
  id: string;
  title: string;
  valueFen: number;
  minSpendFen: number;
  expiresAt: string;
  usable: boolean;
  /** zh-CN reason when not usable, e.g. 满¥100.00可用. */
  reason: string | null;
}

/** `shop.quote`: the server's price of a cart at the caller's tier now. */
export interface CheckoutQuote {
  lines: OrderLineView[];
  tier: Tier;
  tierName: string;
  subtotalFen: number;
  discountFen: number;
  payFen: number;
  /** The coupon applied (the one asked for, if usable). */
  couponId: string | null;
  coupons: CheckoutCoupon[];
  /** Points this order would earn at the current multiplier. */
  pointsPreview: number;
}

/** What `wx.requestPayment` / `Taro.requestPayment` takes. */
export interface PaymentParams {
  timeStamp: string;
  nonceStr: string;
  package: string;
  signType: string;
  paySign: string;
}

/** `shop.pay`. */
export interface PayStart {
  orderId: string;
  outTradeNo: string;
  payment: PaymentParams;
}

export interface AdminOrderView extends OrderView {
  memberId: string;
  memberNickname: string;
  transactionId: string | null;
}

export interface AdminRefundView extends RefundView {
  orderId: string;
  memberId: string;
  memberNickname: string;
  restock: boolean;
  decidedBy: string | null;
  order: Pick<OrderView, 'status' | 'statusText' | 'payFen' | 'lines' | 'paidAt' | 'pointsEarned'>;
}
