/**
 * What orders need of WeChat Pay, as a port: the cloud function entry adapts `cloud.cloudPay`
 * to it (cloudfunctions/shared/pay.ts), so core never imports the SDK and tests can see calls.
 */
import type { PaymentParams } from './orders.model';

export interface UnifiedOrderRequest {
  outTradeNo: string;
  totalFee: number;
  /** What the payer sees, e.g. 山川咖啡-耶加雪菲 等 2 件. */
  body: string;
  openid: string;
  /** WeChat Pay refuses payment after this: the same moment the order stops holding its stock. */
  expiresAt: Date;
}

export interface RefundRequest {
  outTradeNo: string;
  outRefundNo: string;
  totalFee: number;
  refundFee: number;
}

export type PaymentOutcome<T> = { ok: true; data: T } | { ok: false; message: string };

/** What WeChat Pay says of a payment (查询订单): the only word orders take that money was paid. */
export interface TradeQuery {
  /** SUCCESS (paid), REFUND, NOTPAY, CLOSED, REVOKED, USERPAYING, PAYERROR, ACCEPT. */
  tradeState: string;
  totalFee: number | null;
  /** Present once paid. */
  transactionId: string | null;
}

/** What WeChat Pay says of one refund (查询退款). */
export interface RefundQuery {
  outRefundNo: string;
  /** SUCCESS (the money reached the payer), PROCESSING, CHANGE, REFUNDCLOSE. */
  refundStatus: string;
  refundFee: number | null;
  outTradeNo: string;
  transactionId: string | null;
}

export interface PaymentGateway {
  unifiedOrder(req: UnifiedOrderRequest): Promise<PaymentOutcome<{ payment: PaymentParams }>>;
  /** Best effort: after it, the member can no longer pay a cancelled order. */
  closeOrder(outTradeNo: string): Promise<PaymentOutcome<null>>;
  /** Accepted means WeChat Pay will settle it and notify; idempotent by outRefundNo. */
  refund(req: RefundRequest): Promise<PaymentOutcome<null>>;
  /**
   * WeChat Pay's own record of a payment. `data: null` when WeChat Pay answered that it has no such
   * order; `ok: false` when the question could not be answered (network, WeChat Pay's error).
   */
  queryOrder(outTradeNo: string): Promise<PaymentOutcome<TradeQuery | null>>;
  /** WeChat Pay's own record of a refund, by our refund number; null and ok: false as for queryOrder. */
  queryRefund(outRefundNo: string): Promise<PaymentOutcome<RefundQuery | null>>;
}

/**
 * The payment result WeChat Cloud passes to the callback function (支付结果回调), the fields orders
 * read. Anyone who can invoke the function can send this shape, so it is a hint of what to ask
 * WeChat Pay about, never proof of payment (see TradeQuery).
 */
export interface PaymentNotification {
  returnCode?: string;
  resultCode?: string;
  outTradeNo?: string;
  transactionId?: string;
  totalFee?: number;
  timeEnd?: string;
}

/** The refund result notification, with WeChat's encrypted req_info already decrypted into reqInfo. */
export interface RefundNotification {
  returnCode?: string;
  reqInfo?: { outTradeNo?: string; outRefundNo?: string; refundStatus?: string; refundFee?: number; transactionId?: string };
}
