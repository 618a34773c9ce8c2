import type { EmulatorContext } from '../types';
import { PayFieldError, TRADE_NO, TRADE_NO_HINT, optionalString, requiredFen, requiredString } from './pay-fields';
import { bizFailReply, failReply, okReply, type PayReply } from './pay-replies';
import type { PaymentRecord, PaymentStore } from './payment-store';
import { newPrepayId, nonceStr, parsePayTime, payTime, sign } from './wechat-pay-format';

export interface PayDeps {
  ctx: EmulatorContext;
  store: PaymentStore;
}

type Body = Record<string, unknown>;

/**
 * `cloudPay.unifiedOrder`: validates like WeChat Pay, records a NOTPAY order and answers with
 * the `payment` object the mini-program passes to `wx.requestPayment`. Repeating the same
 * order returns the same prepay id (as WeChat does); reusing the number for a different order
 * is refused.
 */
export function unifiedOrder(body: Body, { ctx, store }: PayDeps): PayReply {
  let order: Omit<PaymentRecord, 'prepayId' | 'status' | 'createdAt' | 'deliveries' | 'refundedFee'>;
  try {
    order = readOrder(body, ctx);
  } catch (err) {
    if (err instanceof PayFieldError) return failReply(err.message);
    throw err;
  }
  const now = ctx.clock.now();
  const existing = store.payment(order.outTradeNo);
  if (existing) {
    if (existing.status === 'SUCCESS' || existing.status === 'REFUND') return bizFailReply(ctx, order.subMchId, 'ORDERPAID', '该订单已支付');
    if (existing.status === 'CLOSED') return bizFailReply(ctx, order.subMchId, 'ORDERCLOSED', '该订单已关闭');
    if (existing.totalFee !== order.totalFee || existing.body !== order.body || existing.subMchId !== order.subMchId) {
      return bizFailReply(ctx, order.subMchId, 'INVALID_REQUEST', '201 商户订单号重复');
    }
    return orderReply(ctx, existing, now);
  }
  const record: PaymentRecord = { ...order, prepayId: newPrepayId(now), status: 'NOTPAY', createdAt: now, deliveries: [], refundedFee: 0 };
  store.putPayment(record);
  ctx.log(
    `pay: order ${record.outTradeNo} for ${record.totalFee} fen awaits confirmation (POST /control/payments/${encodeURIComponent(record.outTradeNo)}/confirm)`,
  );
  return orderReply(ctx, record, now);
}

function readOrder(body: Body, ctx: EmulatorContext) {
  const envId = requiredString(body, 'env_id', 64);
  if (envId !== ctx.envId) {
    // WeChat would accept the order and then never reach the callback; refusing is kinder.
    throw new PayFieldError(`env_id ${envId} 不是当前环境 ${ctx.envId}：支付结果回调将无法送达（请传 cloud.getWXContext().ENV）`);
  }
  const tradeType = optionalString(body, 'trade_type', 16) ?? 'JSAPI';
  if (tradeType !== 'JSAPI') throw new PayFieldError(`trade_type 参数错误：模拟器只支持 JSAPI（小程序支付），收到 ${tradeType}`);
  const timeExpire = optionalString(body, 'time_expire', 14);
  const expiresAt = timeExpire === undefined ? undefined : parsePayTime(timeExpire);
  if (expiresAt === null) throw new PayFieldError('time_expire 参数格式错误：应为 yyyyMMddHHmmss');
  return {
    body: requiredString(body, 'body', 128),
    outTradeNo: requiredString(body, 'out_trade_no', 32, TRADE_NO, TRADE_NO_HINT),
    totalFee: requiredFen(body, 'total_fee'),
    subMchId: requiredString(body, 'sub_mch_id', 32, /^\d+$/, '应为数字商户号'),
    spbillCreateIp: requiredString(body, 'spbill_create_ip', 64),
    envId,
    functionName: requiredString(body, 'function_name', 128),
    feeType: optionalString(body, 'fee_type', 16) ?? 'CNY',
    attach: optionalString(body, 'attach', 127),
    subAppid: optionalString(body, 'sub_appid', 32) ?? ctx.appId,
    openid: optionalString(body, 'sub_openid', 128) ?? optionalString(body, 'openid', 128) ?? '',
    tradeType,
    ...(expiresAt !== undefined ? { expiresAt } : {}),
  };
}

function orderReply(ctx: EmulatorContext, record: PaymentRecord, now: number): PayReply {
  const payment: Record<string, string> = {
    appId: record.subAppid,
    timeStamp: String(Math.floor(now / 1000)),
    nonceStr: nonceStr(),
    package: `prepay_id=${record.prepayId}`,
    signType: 'MD5',
  };
  payment.paySign = sign(payment);
  return okReply(ctx, record.subMchId, { sub_appid: record.subAppid, trade_type: record.tradeType, prepay_id: record.prepayId, payment });
}

function findOrder(body: Body, store: PaymentStore): PaymentRecord | undefined | PayFieldError {
  const outTradeNo = typeof body.out_trade_no === 'string' && body.out_trade_no ? body.out_trade_no : undefined;
  const transactionId = typeof body.transaction_id === 'string' && body.transaction_id ? body.transaction_id : undefined;
  if (!outTradeNo && !transactionId) return new PayFieldError('缺少参数 out_trade_no 或 transaction_id（二选一）');
  return transactionId ? store.paymentByTransaction(transactionId) : store.payment(outTradeNo as string);
}

const TRADE_STATE_DESC: Record<string, string> = {
  NOTPAY: '订单未支付',
  SUCCESS: '支付成功',
  CLOSED: '订单已关闭',
  PAYERROR: '支付失败(其他原因，如银行返回失败)',
  REFUND: '订单发生过退款，退款详情请查询退款单',
};

/** `cloudPay.queryOrder`: the order's `trade_state`, WeChat Pay v2 style. */
export function queryOrder(body: Body, { ctx, store }: PayDeps): PayReply {
  const subMchId = typeof body.sub_mch_id === 'string' ? body.sub_mch_id : '';
  if (!subMchId) return failReply('缺少参数 sub_mch_id');
  const found = findOrder(body, store);
  if (found instanceof PayFieldError) return failReply(found.message);
  // Another sub-merchant's order is, to this one, an order that does not exist (as WeChat Pay answers).
  if (!found || found.subMchId !== subMchId) return bizFailReply(ctx, subMchId, 'ORDERNOTEXIST', '订单不存在');
  expireIfDue(found, ctx, store);
  const paid = found.transactionId !== undefined && (found.status === 'SUCCESS' || found.status === 'REFUND');
  return okReply(ctx, found.subMchId, {
    out_trade_no: found.outTradeNo,
    trade_state: found.status,
    trade_state_desc: TRADE_STATE_DESC[found.status],
    total_fee: found.totalFee,
    fee_type: found.feeType,
    trade_type: found.tradeType,
    ...(found.attach !== undefined ? { attach: found.attach } : {}),
    ...(paid
      ? {
          transaction_id: found.transactionId,
          time_end: found.timeEnd,
          cash_fee: found.totalFee,
          cash_fee_type: 'CNY',
          bank_type: 'OTHERS',
          openid: found.openid,
          sub_openid: found.openid,
          is_subscribe: 'N',
          sub_is_subscribe: 'N',
        }
      : {}),
  });
}

/** `cloudPay.closeOrder`: an unpaid order can no longer be paid. */
export function closeOrder(body: Body, { ctx, store }: PayDeps): PayReply {
  const subMchId = typeof body.sub_mch_id === 'string' ? body.sub_mch_id : '';
  if (!subMchId) return failReply('缺少参数 sub_mch_id');
  if (typeof body.out_trade_no !== 'string' || !body.out_trade_no) return failReply('缺少参数 out_trade_no');
  const found = store.payment(body.out_trade_no);
  if (!found || found.subMchId !== subMchId) return bizFailReply(ctx, subMchId, 'ORDERNOTEXIST', '订单不存在');
  if (found.status === 'SUCCESS' || found.status === 'REFUND') return bizFailReply(ctx, subMchId, 'ORDERPAID', '订单已支付，不能发起关单');
  if (found.status === 'CLOSED') return bizFailReply(ctx, subMchId, 'ORDERCLOSED', '订单已关闭，无法重复关闭');
  found.status = 'CLOSED';
  store.save();
  return okReply(ctx, found.subMchId, {});
}

/** An order past its `time_expire` is closed, as WeChat closes it. */
export function expireIfDue(record: PaymentRecord, ctx: EmulatorContext, store: PaymentStore): void {
  if ((record.status === 'NOTPAY' || record.status === 'PAYERROR') && record.expiresAt !== undefined && ctx.clock.now() > record.expiresAt) {
    record.status = 'CLOSED';
    record.failure = `expired at ${payTime(record.expiresAt)}`;
    store.save();
  }
}
