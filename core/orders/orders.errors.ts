import type { ErrorCode, Result } from '../platform/result';

/** What the shop's orders answer besides the platform's codes (core/platform/platform.errors.ts). */
export const ORDERS_ERROR_CODES = [
  /** A line's product is off shelf, unknown, or member-only above the buyer's step. */
  'ORDER_PRODUCT_UNAVAILABLE',
  'ORDER_OUT_OF_STOCK',
  'ORDER_NOT_PAYABLE',
  'ORDER_NOT_CANCELLABLE',
  'COUPON_UNUSABLE',
  /** The requestId already made another order (rewards answer it too, for redemptions). */
  'REQUEST_ID_REUSED',
  /** WeChat Pay could not start the payment. */
  'PAYMENT_UNAVAILABLE',
  /** A payment WeChat Pay confirmed does not match the order (payment notifications only; never reaches a member). */
  'PAYMENT_MISMATCH',
  'REFUND_NOT_ALLOWED',
  'REFUND_ALREADY_DECIDED',
] as const;

export type OrdersErrorCode = (typeof ORDERS_ERROR_CODES)[number];

export type OrdersResult<T, C extends OrdersErrorCode | ErrorCode = OrdersErrorCode | ErrorCode> = Result<T, C>;
