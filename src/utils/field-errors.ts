import type { CloudError } from '@/services/cloud-result';

// Forms show a refusal next to the field it is about: the server's validation answers carry
// `details: [{ path: 'thresholds.buyerOrders', message }]` (CloudError['details']). What arrives
// is JSON from the wire, so each detail is still checked before it is shown.

/** Field path ('coupon.valueFen') -> the first message about it, in the server's words. */
export type FieldErrors = Record<string, string>;

export type Detail = NonNullable<CloudError['details']>[number];

const isDetail = (value: unknown): value is Detail =>
  typeof value === 'object' && value !== null && typeof (value as Detail).path === 'string' && typeof (value as Detail).message === 'string';

/**
 * Every detail of a refusal, in the server's order, several per path possibly (a member price can
 * be above two channels at once). Empty when the error carries no usable details.
 */
export function fieldDetailsOf(error: CloudError | null | undefined): Detail[] {
  const details: unknown = error?.details;
  return Array.isArray(details) ? details.filter(isDetail).map(({ path, message }) => ({ path, message })) : [];
}

/**
 * The per-field messages of a refusal, keyed by path: the first message of each. A detail without
 * a path (about the whole input) is keyed ''. Empty when the error carries no usable details.
 */
export function fieldErrorsOf(error: CloudError | null | undefined): FieldErrors {
  const errors: FieldErrors = {};
  for (const detail of fieldDetailsOf(error)) if (!(detail.path in errors)) errors[detail.path] = detail.message;
  return errors;
}
