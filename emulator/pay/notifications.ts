import type { EmulatorContext } from '../types';
import type { Delivery, PaymentRecord, RefundRecord } from './payment-store';
import { PROVIDER_MCH_ID, nonceStr, payDateTime } from './wechat-pay-format';

/**
 * The event WeChat Cloud passes to the `functionName` of unifiedOrder after a payment, in the
 * documented camelCase form (see 支付结果回调 in the WeChat Cloud docs: returnCode, appid, mchId,
 * subAppid, subMchId, nonceStr, resultCode, openid, isSubscribe, subOpenid, subIsSubscribe,
 * tradeType, bankType, totalFee, feeType, cashFee, transactionId, outTradeNo, timeEnd).
 */
export function paymentNotification(ctx: EmulatorContext, p: PaymentRecord): Record<string, unknown> {
  const success = p.status !== 'PAYERROR';
  return {
    returnCode: 'SUCCESS',
    appid: ctx.appId,
    mchId: PROVIDER_MCH_ID,
    subAppid: p.subAppid,
    subMchId: p.subMchId,
    nonceStr: nonceStr(),
    resultCode: success ? 'SUCCESS' : 'FAIL',
    ...(success ? {} : { errCode: 'PAYERROR', errCodeDes: p.failure ?? '支付失败' }),
    openid: p.openid,
    isSubscribe: 'N',
    subOpenid: p.openid,
    subIsSubscribe: 'N',
    tradeType: p.tradeType,
    bankType: 'OTHERS',
    totalFee: p.totalFee,
    feeType: p.feeType,
    cashFee: p.totalFee,
    transactionId: p.transactionId ?? '',
    outTradeNo: p.outTradeNo,
    ...(p.attach !== undefined ? { attach: p.attach } : {}),
    timeEnd: p.timeEnd ?? '',
  };
}

/**
 * The refund result event. Modelled on WeChat Pay v2's refund notification with its encrypted
 * `req_info` already decrypted into `reqInfo` and camelCased, the way WeChat Cloud hands
 * notifications to functions. Not verified against a real delivery.
 */
export function refundNotification(ctx: EmulatorContext, p: PaymentRecord, r: RefundRecord): Record<string, unknown> {
  return {
    returnCode: 'SUCCESS',
    appid: ctx.appId,
    mchId: PROVIDER_MCH_ID,
    subAppid: p.subAppid,
    subMchId: p.subMchId,
    nonceStr: nonceStr(),
    reqInfo: {
      transactionId: r.transactionId,
      outTradeNo: r.outTradeNo,
      refundId: r.refundId,
      outRefundNo: r.outRefundNo,
      totalFee: r.totalFee,
      refundFee: r.refundFee,
      settlementRefundFee: r.refundFee,
      refundStatus: r.status,
      ...(r.successAt !== undefined ? { successTime: payDateTime(r.successAt) } : {}),
      refundRecvAccout: '支付用户零钱',
      refundAccount: 'REFUND_SOURCE_UNSETTLED_FUNDS',
      refundRequestSource: 'API',
    },
  };
}

/**
 * Calls the callback function the way WeChat does: as the system, not as a user. WeChat counts
 * a delivery as received only when the function returns `{ errcode: 0 }`.
 */
export async function deliver(ctx: EmulatorContext, functionName: string, event: Record<string, unknown>): Promise<Delivery> {
  const at = ctx.clock.now();
  try {
    const { result } = await ctx.invokeFunction(functionName, event, { OPENID: '', APPID: ctx.appId, SOURCE: 'wx_paycallback' });
    const ok = typeof result === 'object' && result !== null && (result as { errcode?: unknown }).errcode === 0;
    if (!ok) ctx.log(`pay: ${functionName} did not answer { errcode: 0 }; WeChat would retry this notification`);
    return { at, functionName, event, ok, result };
  } catch (err) {
    ctx.log(`pay: callback ${functionName} failed: ${(err as Error).message}`);
    return { at, functionName, event, ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}
