import type { RewardCouponTerms } from '@/services/contracts';
import type { FieldErrors } from '@/packages/admin/store';
import { fenToYuanInput, parseYuanToFen } from '@/utils/money-input';

// The coupon terms a reward and a perk both issue (one schema on the server, core/rewards): what
// staff type (yuan, days as text) and the integer fen and days the server stores. Shared so the two
// forms cannot drift apart in how they read amounts or in the paths their errors are keyed by.

/** The form fields holding the terms; each form's own form type includes them. */
export interface CouponTermsForm {
  valueYuan: string;
  /** Empty or 0: no minimum spend. */
  minSpendYuan: string;
  validDays: string;
}

export type CouponTermsField = keyof CouponTermsForm;

/** The server's detail path for each field ('coupon.valueFen', ...): errors come back keyed by these. */
export const COUPON_TERMS_PATHS = {
  valueYuan: 'coupon.valueFen',
  minSpendYuan: 'coupon.minSpendFen',
  validDays: 'coupon.validDays',
} as const satisfies Record<CouponTermsField, string>;

export type CouponTermsPath = (typeof COUPON_TERMS_PATHS)[CouponTermsField];

/** The fields for stored terms, or a new coupon's defaults (no threshold, 30 days) when there are none. */
export function couponTermsFormOf(coupon: RewardCouponTerms | null | undefined): CouponTermsForm {
  return {
    valueYuan: coupon ? fenToYuanInput(coupon.valueFen) : '',
    minSpendYuan: coupon ? fenToYuanInput(coupon.minSpendFen) : '0',
    validDays: coupon ? String(coupon.validDays) : '30',
  };
}

const wholeNumber = (text: string): number | null => (/^\d{1,9}$/.test(text.trim()) ? Number(text.trim()) : null);

/**
 * The terms to send, or null when a field is not an amount or a number; its message is then added
 * to `errors` under the field's path. Ranges and "value below the threshold" are the server's rules.
 */
export function readCouponTerms(form: CouponTermsForm, errors: FieldErrors): RewardCouponTerms | null {
  const valueFen = parseYuanToFen(form.valueYuan);
  const minSpendFen = form.minSpendYuan.trim() ? parseYuanToFen(form.minSpendYuan) : 0;
  const validDays = wholeNumber(form.validDays);
  if (valueFen === null) errors['coupon.valueFen'] = '请填写券面额（元，最多两位小数）';
  if (minSpendFen === null) errors['coupon.minSpendFen'] = '请填写使用门槛（元，最多两位小数；0 为无门槛）';
  if (validDays === null) errors['coupon.validDays'] = '请填写有效天数（整数）';
  return valueFen !== null && minSpendFen !== null && validDays !== null ? { valueFen, minSpendFen, validDays } : null;
}
