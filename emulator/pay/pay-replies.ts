import type { EmulatorContext } from '../types';
import { PROVIDER_MCH_ID, nonceStr, sign } from './wechat-pay-format';

export type PayReply = Record<string, unknown>;

/** `return_code: FAIL`: the request itself was malformed (a field missing or of the wrong type). */
export function failReply(returnMsg: string): PayReply {
  return { return_code: 'FAIL', return_msg: returnMsg };
}

/** Fields every successful WeChat Pay v2 reply carries, signed. */
export function okReply(ctx: EmulatorContext, subMchId: string, fields: PayReply): PayReply {
  const reply: PayReply = {
    return_code: 'SUCCESS',
    return_msg: 'OK',
    appid: ctx.appId,
    mch_id: PROVIDER_MCH_ID,
    sub_appid: ctx.appId,
    sub_mch_id: subMchId,
    nonce_str: nonceStr(),
    result_code: 'SUCCESS',
    ...fields,
  };
  reply.sign = sign(reply);
  return reply;
}

/**
 * `result_code: FAIL` with WeChat's `err_code`. Note: wx-server-sdk 4.0.2 overwrites the
 * camel-cased `errCode` with 0 on every cloudPay answer, so a function only sees
 * `resultCode: 'FAIL'` and `errCodeDes`; check those, not errCode.
 */
export function bizFailReply(ctx: EmulatorContext, subMchId: string, errCode: string, errCodeDes: string): PayReply {
  return okReply(ctx, subMchId, { result_code: 'FAIL', err_code: errCode, err_code_des: errCodeDes });
}
