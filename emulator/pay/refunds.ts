import type { PayDeps } from './orders';
import { PayFieldError, TRADE_NO, TRADE_NO_HINT, optionalString, requiredFen, requiredString } from './pay-fields';
import { bizFailReply, failReply, okReply, type PayReply } from './pay-replies';
import type { RefundRecord } from './payment-store';
import { newRefundId, payDateTime } from './wechat-pay-format';

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
  // Another sub-merchant's order does not exist for this one, as at WeChat Pay.
  if (!order || order.subMchId !== req.subMchId) return bizFailReply(ctx, req.subMchId, 'ORDERNOTEXIST', '订单不存在');
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

/** WeChat Pay answers at most this many refunds of one order per query; `offset` pages on. */
const REFUNDS_PER_QUERY = 10;

const nonEmpty = (body: Body, field: string): string | undefined => (typeof body[field] === 'string' && body[field] ? (body[field] as string) : undefined);

/**
 * `cloudPay.queryRefund`: WeChat Pay v2 refundquery. The refund is looked up by the first of
 * `refund_id`, `out_refund_no`, `transaction_id`, `out_trade_no` given (WeChat's priority); by a
 * refund number it is that refund alone, by an order number the order's refunds, ten from
 * `offset`. Each refund is a numbered group of fields (`out_refund_no_0`, `refund_status_0`, ...),
 * which the SDK camelCases to `outRefundNo_0` (the `_0` stays: only `_[a-z]` is converted).
 * Nothing found is `result_code FAIL` with `err_code REFUNDNOTEXIST`.
 */
export function queryRefund(body: Body, { ctx, store }: PayDeps): PayReply {
  const subMchId = nonEmpty(body, 'sub_mch_id');
  if (!subMchId) return failReply('缺少参数 sub_mch_id');
  const refundId = nonEmpty(body, 'refund_id');
  const outRefundNo = nonEmpty(body, 'out_refund_no');
  const transactionId = nonEmpty(body, 'transaction_id');
  const outTradeNo = nonEmpty(body, 'out_trade_no');
  if (!refundId && !outRefundNo && !transactionId && !outTradeNo)
    return failReply('缺少参数 refund_id、out_refund_no、transaction_id 或 out_trade_no（四选一）');
  const offset = body.offset ?? 0;
  if (typeof offset !== 'number' || !Number.isSafeInteger(offset) || offset < 0)
    return failReply(`offset 参数格式错误：必须是不小于 0 的整数，收到 ${JSON.stringify(offset)}`);

  let refunds: RefundRecord[];
  if (refundId || outRefundNo) {
    const one = refundId ? store.refundByRefundId(refundId) : store.refund(outRefundNo as string);
    refunds = one ? [one] : [];
  } else {
    const order = transactionId ? store.paymentByTransaction(transactionId) : store.payment(outTradeNo as string);
    refunds = order ? store.refundsOf(order.outTradeNo) : [];
  }
  const order = refunds.length > 0 ? store.payment(refunds[0].outTradeNo) : undefined;
  // Another merchant's refunds do not exist for this one.
  if (!order || order.subMchId !== subMchId) return bizFailReply(ctx, subMchId, 'REFUNDNOTEXIST', '退款订单查询失败');
  if (offset > 0 && offset >= refunds.length) return bizFailReply(ctx, subMchId, 'PARAM_ERROR', `offset ${offset} 超过退款单总笔数 ${refunds.length}`);
  const page = refunds.slice(offset, offset + REFUNDS_PER_QUERY);
  return okReply(ctx, subMchId, {
    transaction_id: order.transactionId ?? '',
    out_trade_no: order.outTradeNo,
    total_fee: order.totalFee,
    cash_fee: order.totalFee,
    fee_type: order.feeType,
    refund_count: page.length,
    ...(refunds.length > REFUNDS_PER_QUERY || offset > 0 ? { total_refund_count: refunds.length } : {}),
    ...Object.assign({}, ...page.map((r, n) => refundFields(r, n))),
  });
}

function refundFields(r: RefundRecord, n: number): Record<string, unknown> {
  return {
    [`out_refund_no_${n}`]: r.outRefundNo,
    [`refund_id_${n}`]: r.refundId,
    [`refund_channel_${n}`]: 'ORIGINAL',
    [`refund_fee_${n}`]: r.refundFee,
    [`settlement_refund_fee_${n}`]: r.refundFee,
    [`refund_status_${n}`]: r.status,
    [`refund_account_${n}`]: 'REFUND_SOURCE_UNSETTLED_FUNDS',
    [`refund_recv_accout_${n}`]: '支付用户零钱',
    ...(r.successAt !== undefined ? { [`refund_success_time_${n}`]: payDateTime(r.successAt) } : {}),
  };
}
