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

export interface PaymentGateway {
  unifiedOrder(req: UnifiedOrderRequest): Promise<PaymentOutcome<{ payment: PaymentParams }>>;
  /** Best effort: after it, the member can no longer pay a cancelled order. */
  closeOrder(outTradeNo: string): Promise<PaymentOutcome<null>>;
  /** Accepted means WeChat Pay will settle it and notify; idempotent by outRefundNo. */
  refund(req: RefundRequest): Promise<PaymentOutcome<null>>;
}

/** The payment result WeChat Cloud passes to the callback function (支付结果回调), the fields orders read. */
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
  reqInfo?: { outTradeNo?: string; outRefundNo?: string; refundStatus?: string; refundFee?: number };
}
