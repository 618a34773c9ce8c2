import { HttpError } from '../openapi/http-json';
import { deliver, paymentNotification, refundNotification } from './notifications';
import { expireIfDue, type PayDeps } from './orders';
import type { Delivery, PaymentRecord, RefundRecord, RefundStatus } from './payment-store';
import { newTransactionId, payTime } from './wechat-pay-format';

/**
 * The user paid. The first confirm moves the order to SUCCESS and creates its transaction; every
 * confirm (including repeats) delivers the payment notification to the callback function.
 * Repeats are deliberate: WeChat re-sends a notification until the function answers
 * `{ errcode: 0 }` (for up to two days) and may send it again even then, so callbacks must be
 * idempotent, and a repeated confirm is how a test proves that they are.
 */
export async function confirmPayment(
  deps: PayDeps,
  outTradeNo: string,
  input: Record<string, unknown>,
): Promise<{ payment: PaymentRecord; delivery: Delivery }> {
  const { ctx, store } = deps;
  const p = mustFind(deps, outTradeNo);
  expireIfDue(p, ctx, store);
  if (input.openid !== undefined && typeof input.openid !== 'string') throw new HttpError(400, 'openid must be a string');
  if (p.status === 'CLOSED') throw new HttpError(409, `order ${outTradeNo} is closed${p.failure ? ` (${p.failure})` : ''}; it can no longer be paid`);
  if (p.status === 'NOTPAY' || p.status === 'PAYERROR') {
    const now = ctx.clock.now();
    p.status = 'SUCCESS';
    p.transactionId = newTransactionId(now);
    p.paidAt = now;
    p.timeEnd = payTime(now);
    delete p.failure;
    if (typeof input.openid === 'string' && input.openid) p.openid = input.openid;
    p.notification = paymentNotification(ctx, p);
    store.save();
  }
  // SUCCESS or REFUND: re-deliver the original notification unchanged, as a WeChat retry would.
  const event = p.notification ?? paymentNotification(ctx, p);
  const delivery = await deliver(ctx, p.functionName, event);
  p.deliveries.push(delivery);
  store.save();
  return { payment: p, delivery };
}

/**
 * The payment failed or the user gave up. WeChat sends no notification for unpaid orders (the
 * mini-program's `wx.requestPayment` fails and the server finds out by querying), so none is
 * sent unless `{ notify: true }` asks for a `resultCode: FAIL` notification to test that branch.
 */
export async function failPayment(
  deps: PayDeps,
  outTradeNo: string,
  input: Record<string, unknown>,
): Promise<{ payment: PaymentRecord; delivery: Delivery | null }> {
  const { ctx, store } = deps;
  const p = mustFind(deps, outTradeNo);
  if (input.notify !== undefined && typeof input.notify !== 'boolean') throw new HttpError(400, 'notify must be a boolean');
  if (input.reason !== undefined && typeof input.reason !== 'string') throw new HttpError(400, 'reason must be a string');
  expireIfDue(p, ctx, store);
  if (p.status !== 'NOTPAY' && p.status !== 'PAYERROR') throw new HttpError(409, `order ${outTradeNo} is ${p.status}; only an unpaid order can fail`);
  p.status = 'PAYERROR';
  p.failure = typeof input.reason === 'string' && input.reason ? input.reason : '用户取消或支付失败';
  store.save();
  if (input.notify !== true) return { payment: p, delivery: null };
  const delivery = await deliver(ctx, p.functionName, paymentNotification(ctx, p));
  p.deliveries.push(delivery);
  store.save();
  return { payment: p, delivery };
}

const SETTLED: RefundStatus[] = ['SUCCESS', 'CHANGE', 'REFUNDCLOSE'];

/** Settles a refund (default SUCCESS) and notifies its function; repeats re-deliver, as above. */
export async function confirmRefund(
  deps: PayDeps,
  outRefundNo: string,
  input: Record<string, unknown>,
): Promise<{ refund: RefundRecord; delivery: Delivery | null }> {
  const { ctx, store } = deps;
  const r = store.refund(outRefundNo);
  if (!r) throw new HttpError(404, `no refund ${outRefundNo}`);
  const status = input.refundStatus ?? 'SUCCESS';
  if (typeof status !== 'string' || !SETTLED.includes(status as RefundStatus)) {
    throw new HttpError(400, `refundStatus must be one of ${SETTLED.join(', ')}`);
  }
  const p = store.payment(r.outTradeNo);
  if (!p) throw new HttpError(404, `no payment ${r.outTradeNo} for refund ${outRefundNo}`);
  if (r.status === 'PROCESSING') {
    r.status = status as RefundStatus;
    if (r.status === 'SUCCESS') r.successAt = ctx.clock.now();
    else {
      // A failed refund gives the amount back to the order.
      p.refundedFee -= r.refundFee;
      if (p.refundedFee === 0) p.status = 'SUCCESS';
    }
    r.notification = refundNotification(ctx, p, r);
    store.save();
  } else if (status !== r.status && input.refundStatus !== undefined) {
    throw new HttpError(409, `refund ${outRefundNo} is already ${r.status}`);
  }
  if (!r.functionName) return { refund: r, delivery: null };
  const delivery = await deliver(ctx, r.functionName, r.notification ?? refundNotification(ctx, p, r));
  r.deliveries.push(delivery);
  store.save();
  return { refund: r, delivery };
}

function mustFind({ store }: PayDeps, outTradeNo: string): PaymentRecord {
  const p = store.payment(outTradeNo);
  if (!p) throw new HttpError(404, `no payment with outTradeNo ${outTradeNo}`);
  return p;
}
