import type { AppError } from '@core/platform/result';

// The one result envelope every cloud call resolves to. Cloud functions already return it; the
// transport produces the same shape for its own failures so callers handle a single type.

/** Codes the server sends, plus the ones the transport itself produces. */
export type CloudErrorCode =
  | 'VALIDATION_FAILED'
  | 'UNKNOWN_ACTION'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'INTERNAL'
  | 'NETWORK_ERROR'
  | 'UNAUTHENTICATED'
  // Codes added server-side later stay representable without a client release.
  | (string & {});

export interface CloudError {
  code: CloudErrorCode;
  message: string;
  /** Field-level refusals, as the server sends them: `{ path: 'coupon.valueFen', message }`, several per path possibly. */
  details?: AppError['details'];
}

export type CloudResult<T> = { ok: true; data: T } | { ok: false; error: CloudError };

export const NETWORK_ERROR_MESSAGE = '网络异常，请稍后重试';

export function failure(code: CloudErrorCode, message: string): { ok: false; error: CloudError } {
  return { ok: false, error: { code, message } };
}

export const networkFailure = () => failure('NETWORK_ERROR', NETWORK_ERROR_MESSAGE);
export const internalFailure = () => failure('INTERNAL', '服务开小差了，请稍后重试');
export const sessionExpiredFailure = () => failure('UNAUTHENTICATED', '登录已失效，请重新选择身份');

/**
 * THE definition of "safe to retry": the failure says nothing about whether the server acted (the
 * network, the function's time limit — NETWORK_ERROR on weapp and through the gateway — or a
 * server error), so the same request with the same idempotency key is sent again rather than a
 * new one. Any other failure is the server's answer: nothing happened.
 */
const OUTCOME_UNKNOWN: ReadonlySet<CloudErrorCode> = new Set(['NETWORK_ERROR', 'INTERNAL']);

export const isOutcomeUnknown = (error: CloudError): boolean => OUTCOME_UNKNOWN.has(error.code);

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A light shape check of what a function returned: enough to trust `ok` and the error fields,
 * not a validation of `data` (the contract types describe that).
 */
export function isCloudResult(value: unknown): value is CloudResult<unknown> {
  if (!isRecord(value)) return false;
  if (value.ok === true) return 'data' in value;
  if (value.ok === false) {
    return isRecord(value.error) && typeof value.error.code === 'string' && typeof value.error.message === 'string';
  }
  return false;
}
