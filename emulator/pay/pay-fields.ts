/**
 * Field checks for cloudPay requests. WeChat Pay v2 answers malformed requests with
 * `return_code: FAIL` and a `return_msg` naming the field, which is what these produce.
 */
export class PayFieldError extends Error {}

type Body = Record<string, unknown>;

export function requiredString(body: Body, field: string, maxChars: number, pattern?: RegExp, hint?: string): string {
  const v = body[field];
  if (v === undefined || v === null || v === '') throw new PayFieldError(`缺少参数 ${field}`);
  if (typeof v !== 'string') throw new PayFieldError(`${field} 参数格式错误：必须是字符串`);
  return checkString(field, v, maxChars, pattern, hint);
}

export function optionalString(body: Body, field: string, maxChars: number, pattern?: RegExp, hint?: string): string | undefined {
  const v = body[field];
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v !== 'string') throw new PayFieldError(`${field} 参数格式错误：必须是字符串`);
  return checkString(field, v, maxChars, pattern, hint);
}

function checkString(field: string, v: string, maxChars: number, pattern?: RegExp, hint?: string): string {
  if ([...v].length > maxChars) throw new PayFieldError(`${field} 参数长度有误：最多 ${maxChars} 个字符`);
  if (pattern && !pattern.test(v)) throw new PayFieldError(`${field} 参数格式错误${hint ? `：${hint}` : ''}`);
  return v;
}

/** Money is integer fen; WeChat refuses strings, decimals and non-positive amounts. */
export function requiredFen(body: Body, field: string): number {
  const v = body[field];
  if (v === undefined || v === null || v === '') throw new PayFieldError(`缺少参数 ${field}`);
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v <= 0) {
    throw new PayFieldError(`${field} 参数格式错误：必须是大于 0 的整数（单位：分），收到 ${JSON.stringify(v)}`);
  }
  return v;
}

/** Merchant order and refund numbers: letters, digits and _-|*@ as WeChat Pay allows. */
export const TRADE_NO = /^[0-9A-Za-z_\-|*@]+$/;
export const TRADE_NO_HINT = '只能是数字、大小写字母和 _-|*@';
