import type { ReactNode } from 'react';
import { formatFen } from '@/utils/money';
import { parseYuanToFen } from '@/utils/money-input';
import { COUPON_TERMS_PATHS, type CouponTermsField, type CouponTermsForm, type CouponTermsPath } from './coupon-terms-model';
import { FieldInput } from './form-field';

// The three coupon inputs (券面额, 使用门槛, 有效天数) of the reward and the perk forms. Each form
// keeps its own way of framing a field and its own test ids (browser tests and
// tests/e2e/TEST-IDS.md name them), so it passes those in; the labels, hints and input kinds live
// here once.

/**
 * How a form frames one field: its label, hint and the error under the server's path. Called as a
 * plain function, not mounted as a component: a component type made inside the form's render would
 * be new on every render, and React would remount the input (losing focus) on each keystroke.
 */
export type FrameCouponField = (field: { path: CouponTermsPath; label: string; hint?: string; input: ReactNode }) => ReactNode;

interface CouponTermsFieldsProps {
  values: CouponTermsForm;
  /** The form's change handler for a field, which also clears the errors under its path. */
  onChange: (field: CouponTermsField, path: CouponTermsPath) => (value: string) => void;
  frame: FrameCouponField;
  /** Each input's test id. */
  testIds: Record<CouponTermsField, string>;
  minSpendPlaceholder: string;
}

/** '12.5' -> '即 ¥12.50': staff see the amount the typed yuan stands for before saving. */
const yuanPreview = (yuan: string) => {
  const fen = parseYuanToFen(yuan);
  return fen === null ? undefined : `即 ${formatFen(fen)}`;
};

export function CouponTermsFields({ values, onChange, frame, testIds, minSpendPlaceholder }: CouponTermsFieldsProps) {
  const input = (field: CouponTermsField, options: { type: 'number' | 'digit'; placeholder?: string; maxLength: number }) => (
    <FieldInput value={values[field]} onChange={onChange(field, COUPON_TERMS_PATHS[field])} testId={testIds[field]} {...options} />
  );
  return (
    <>
      {frame({
        path: COUPON_TERMS_PATHS.valueYuan,
        label: '券面额（元）',
        hint: yuanPreview(values.valueYuan),
        input: input('valueYuan', { type: 'digit', placeholder: '例如 10', maxLength: 10 }),
      })}
      {frame({
        path: COUPON_TERMS_PATHS.minSpendYuan,
        label: '使用门槛（元）',
        hint: '订单满多少元可用；0 为无门槛，有门槛时面额须小于门槛',
        input: input('minSpendYuan', { type: 'digit', placeholder: minSpendPlaceholder, maxLength: 10 }),
      })}
      {frame({
        path: COUPON_TERMS_PATHS.validDays,
        label: '有效天数',
        hint: '领取当天算第 1 天（1～365 天）',
        input: input('validDays', { type: 'number', maxLength: 3 }),
      })}
    </>
  );
}
