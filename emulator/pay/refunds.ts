import type { PayDeps } from './orders';
import { PayFieldError, TRADE_NO, TRADE_NO_HINT, optionalString, requiredFen, requiredString } from './pay-fields';
import { bizFailReply, failReply, okReply, type PayReply } from './pay-replies';
import type { RefundRecord } from './payment-store';
import { newRefundId } from './wechat-pay-format';

type Body = Record<string, unknown>;

/**
 * `cloudPay.refund`: accepted refunds stay PROCESSING until the control endpoint settles them
 * (WeChat settles asynchronously and notifies `functionName`). Repeating a refund with the same
 * `out_refund_no` and amount returns the same refund, as WeChat asks retries to do.
 */
export function refund(body: Body, { ctx, store }: PayDeps): PayReply {
  let req;
  try {
    req = {
      subMchId: requiredString(body, 'sub_mch_id', 32),
      outRefundNo: requiredString(body, 'out_refund_no', 64, TRADE_NO, TRADE_NO_HINT),
      totalFee: requiredFen(body, 'total_fee'),
      refundFee: requiredFen(body, 'refund_fee'),
      refundDesc: optionalString(body, 'refund_desc', 80),
      envId: requiredString(body, 'env_id', 64),
      functionName: requiredString(body, 'function_name', 128),
      outTradeNo: optionalString(body, 'out_trade_no', 32),
      transactionId: optionalString(body, 'transaction_id', 32),
    };
    if (!req.outTradeNo && !req.transactionId) throw new PayFieldError('缺少参数 out_trade_no 或 transaction_id（二选一）');
    if (req.envId !== ctx.envId) throw new PayFieldError(`env_id ${req.envId} 不是当前环境 ${ctx.envId}：退款结果回调将无法送达`);
  } catch (err) {
    if (err instanceof PayFieldError) return failReply(err.message);
    throw err;
  }
  const order = req.transactionId ? store.paymentByTransaction(req.transactionId) : store.payment(req.outTradeNo as string);
  if (!order) return bizFailReply(ctx, req.subMchId, 'ORDERNOTEXIST', '订单不存在');
  if (order.status !== 'SUCCESS' && order.status !== 'REFUND') {
    return bizFailReply(ctx, req.subMchId, 'ERROR', `订单状态 ${order.status} 不能退款：只有已支付的订单可以退款`);
  }
  if (req.totalFee !== order.totalFee) return bizFailReply(ctx, req.subMchId, 'PARAM_ERROR', `订单金额 total_fee 与支付时不一致（应为 ${order.totalFee}）`);

  const existing = store.refund(req.outRefundNo);
  if (existing) {
    if (existing.outTradeNo !== order.outTradeNo || existing.refundFee !== req.refundFee) {
      return bizFailReply(ctx, req.subMchId, 'PARAM_ERROR', '同一退款单号多次请求，金额或订单不一致');
    }
    return refundReply(existing, order.subMchId, { ctx, store });
  }
  if (order.refundedFee + req.refundFee > order.totalFee) {
    return bizFailReply(ctx, req.subMchId, 'ERROR', `累计退款金额 ${order.refundedFee + req.refundFee} 超过订单金额 ${order.totalFee}`);
  }
  const record: RefundRecord = {
    outRefundNo: req.outRefundNo,
    refundId: newRefundId(),
    outTradeNo: order.outTradeNo,
    transactionId: order.transactionId ?? '',
    totalFee: order.totalFee,
    refundFee: req.refundFee,
    ...(req.refundDesc !== undefined ? { refundDesc: req.refundDesc } : {}),
    envId: req.envId,
    functionName: req.functionName,
    status: 'PROCESSING',
    createdAt: ctx.clock.now(),
    deliveries: [],
  };
  // The amount is reserved at once so concurrent refunds cannot exceed the order.
  order.refundedFee += req.refundFee;
  order.status = 'REFUND';
  store.putRefund(record);
  ctx.log(`pay: refund ${record.outRefundNo} awaits settlement (POST /control/refunds/${encodeURIComponent(record.outRefundNo)}/confirm)`);
  return refundReply(record, order.subMchId, { ctx, store });
}

function refundReply(r: RefundRecord, subMchId: string, { ctx }: PayDeps): PayReply {
  return okReply(ctx, subMchId, {
    transaction_id: r.transactionId,
    out_trade_no: r.outTradeNo,
    out_refund_no: r.outRefundNo,
    refund_id: r.refundId,
    refund_fee: r.refundFee,
    total_fee: r.totalFee,
    cash_fee: r.totalFee,
    cash_refund_fee: r.refundFee,
    coupon_refund_fee: 0,
    coupon_refund_count: 0,
  });
}
