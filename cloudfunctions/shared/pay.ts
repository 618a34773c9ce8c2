/**
 * WeChat Pay through Cloud Development (`cloud.cloudPay`), adapted to core's PaymentGateway.
 * Results are read from returnCode/resultCode: the SDK sets errCode to 0 even when WeChat Pay
 * refuses a request (see docs/wechat-cloud-protocol.md, "Pay").
 */
import type { PaymentGateway, PaymentOutcome, RefundQuery, TradeQuery } from '@core/orders/payment.port';
import type { PaymentParams } from '@core/orders/orders.model';
import { cloud } from './cloud';

/** The sub-merchant number WeChat Pay gives the brand (service-provider mode); set per function in the console. */
export const SUB_MCH_ID_ENV = 'FLYWHEEL_PAY_SUB_MCH_ID';
/** The function WeChat Pay notifies of payments and refunds. */
export const PAYMENT_CALLBACK_FUNCTION = 'payment';

type PayReply = { returnCode?: string; returnMsg?: string; resultCode?: string; errCodeDes?: string; payment?: PaymentParams };

/** `cloud.cloudPay` as this file calls it: wx-server-sdk 4.0.2's typings do not declare it. */
type CloudPay = Record<
  'unifiedOrder' | 'closeOrder' | 'refund' | 'queryOrder' | 'queryRefund',
  (request: Record<string, unknown>) => Promise<PayReply & Record<string, unknown>>
>;
const cloudPay = (): CloudPay => (cloud as unknown as { cloudPay: CloudPay }).cloudPay;

function outcome<T>(reply: PayReply, data: T): PaymentOutcome<T> {
  if (reply.returnCode !== 'SUCCESS') return { ok: false, message: reply.returnMsg ?? '支付服务请求失败' };
  if (reply.resultCode !== 'SUCCESS') return { ok: false, message: reply.errCodeDes ?? '支付服务拒绝了请求' };
  return { ok: true, data };
}

/** yyyyMMddHHmmss in Beijing time, WeChat Pay's time_expire. */
function beijingTime(d: Date): string {
  return new Date(d.getTime() + 8 * 3600_000).toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

function config(): { subMchId: string; envId: string } | null {
  const subMchId = process.env[SUB_MCH_ID_ENV];
  const envId = String((cloud.getWXContext() as { ENV?: string }).ENV ?? '');
  return subMchId && envId ? { subMchId, envId } : null;
}

async function call<T>(run: (c: { subMchId: string; envId: string }) => Promise<PayReply>, data: (r: PayReply) => T): Promise<PaymentOutcome<T>> {
  const c = config();
  if (!c) return { ok: false, message: `未配置微信支付商户号（${SUB_MCH_ID_ENV}）` };
  try {
    const reply = await run(c);
    return outcome(reply, data(reply));
  } catch (e) {
    return { ok: false, message: (e as { errMsg?: string }).errMsg ?? String(e) };
  }
}

/**
 * WeChat Pay's "there is no such order / refund" (ORDERNOTEXIST 此交易订单号不存在, REFUNDNOTEXIST
 * 退款订单查询失败). The SDK overwrites err_code with 0, so only err_code_des tells these definite
 * answers from a SYSTEMERROR; anything not recognised here counts as a failed query (retried).
 */
const NOT_FOUND_DES = /不存在|退款订单查询失败/;

/** A query: a definite "none" is data null; a failure of the question itself is ok: false. */
async function query<T>(
  run: (c: { subMchId: string; envId: string }) => Promise<PayReply & Record<string, unknown>>,
  read: (r: Record<string, unknown>) => T | null,
): Promise<PaymentOutcome<T | null>> {
  const c = config();
  if (!c) return { ok: false, message: `未配置微信支付商户号（${SUB_MCH_ID_ENV}）` };
  try {
    const reply = await run(c);
    if (reply.returnCode !== 'SUCCESS') return { ok: false, message: reply.returnMsg ?? '支付服务请求失败' };
    if (reply.resultCode !== 'SUCCESS')
      return NOT_FOUND_DES.test(reply.errCodeDes ?? '') ? { ok: true, data: null } : { ok: false, message: reply.errCodeDes ?? '支付服务查询失败' };
    return { ok: true, data: read(reply) };
  } catch (e) {
    return { ok: false, message: (e as { errMsg?: string }).errMsg ?? String(e) };
  }
}

const fen = (v: unknown): number | null => (typeof v === 'number' && Number.isSafeInteger(v) ? v : null);
const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

function tradeQuery(r: Record<string, unknown>): TradeQuery {
  return { tradeState: String(r.tradeState ?? ''), totalFee: fen(r.totalFee), transactionId: text(r.transactionId) };
}

/** Refunds come as numbered groups (`out_refund_no_0`, camelCased by the SDK to `outRefundNo_0`); the one asked for, if listed. */
function refundQuery(r: Record<string, unknown>, outRefundNo: string): RefundQuery | null {
  const count = fen(r.refundCount) ?? 0;
  for (let n = 0; n < count; n++) {
    if (r[`outRefundNo_${n}`] !== outRefundNo) continue;
    return {
      outRefundNo,
      refundStatus: String(r[`refundStatus_${n}`] ?? ''),
      refundFee: fen(r[`refundFee_${n}`]),
      outTradeNo: String(r.outTradeNo ?? ''),
      transactionId: text(r.transactionId),
    };
  }
  return null;
}

export const cloudPayGateway: PaymentGateway = {
  unifiedOrder: (req) =>
    call(
      (c) =>
        cloudPay().unifiedOrder({
          body: req.body,
          outTradeNo: req.outTradeNo,
          spbillCreateIp: '127.0.0.1',
          subMchId: c.subMchId,
          totalFee: req.totalFee,
          envId: c.envId,
          functionName: PAYMENT_CALLBACK_FUNCTION,
          timeExpire: beijingTime(req.expiresAt),
        }),
      (r) => ({ payment: r.payment as PaymentParams }),
    ),
  closeOrder: (outTradeNo) =>
    call(
      (c) => cloudPay().closeOrder({ outTradeNo, subMchId: c.subMchId }),
      () => null,
    ),
  refund: (req) =>
    call(
      (c) =>
        cloudPay().refund({
          outTradeNo: req.outTradeNo,
          outRefundNo: req.outRefundNo,
          totalFee: req.totalFee,
          refundFee: req.refundFee,
          subMchId: c.subMchId,
          envId: c.envId,
          functionName: PAYMENT_CALLBACK_FUNCTION,
        }),
      () => null,
    ),
  queryOrder: (outTradeNo) => query((c) => cloudPay().queryOrder({ outTradeNo, subMchId: c.subMchId }), tradeQuery),
  queryRefund: (outRefundNo) =>
    query(
      (c) => cloudPay().queryRefund({ outRefundNo, subMchId: c.subMchId }),
      (r) => refundQuery(r, outRefundNo),
    ),
};
