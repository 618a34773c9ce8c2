import type { CloudError } from '@/services/cloud-result';

// Staff forms show a refusal next to the field it is about. The server's validation answers carry
// `details: [{ path: 'thresholds.buyerOrders', message }]`; the transport passes the envelope
// through untouched, so they are there at run time even though CloudError does not name them.

/** Field path ('coupon.valueFen') -> the first message about it, in the server's words. */
export type FieldErrors = Record<string, string>;

export interface Detail {
  path: string;
  message: string;
}

const isDetail = (value: unknown): value is Detail =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as Detail).path === 'string' &&
  typeof (value as Detail).message === 'string';

/**
 * The per-field messages of a refusal, keyed by path. A detail without a path (about the whole
 * input) is keyed ''. Empty when the error carries no usable details.
 */
export function fieldErrorsOf(error: CloudError | null | undefined): FieldErrors {
  const details = (error as { details?: unknown } | null | undefined)?.details;
  if (!Array.isArray(details)) return {};
  const errors: FieldErrors = {};
  for (const detail of details) {
    if (isDetail(detail) && !(detail.path in errors)) errors[detail.path] = detail.message;
  }
  return errors;
}

/** Failures that say nothing about whether the server acted: retrying with the same key is safe. */
const OUTCOME_UNKNOWN: ReadonlySet<string> = new Set(['NETWORK_ERROR', 'INTERNAL']);

export const isOutcomeUnknown = (error: CloudError): boolean => OUTCOME_UNKNOWN.has(error.code);

/**
 * Every detail of a refusal, in the server's order, several per path possibly (a member price can
 * be above two channels at once). Empty when the error carries no usable details.
 */
export function fieldDetailsOf(error: CloudError | null | undefined): Detail[] {
  const details = (error as { details?: unknown } | null | undefined)?.details;
  return Array.isArray(details) ? details.filter(isDetail).map(({ path, message }) => ({ path, message })) : [];
}
