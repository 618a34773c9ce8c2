import type { AdjustPointsInput, FieldErrors } from '@/packages/admin/store';

// 积分调整's form, checked before the confirmation opens. The same limits as the server's
// (core/points/points.admin.ts), which checks them again.

export const MAX_ADJUSTMENT = 1_000_000;
export const REASON_MIN = 2;
export const REASON_MAX = 60;

export interface AdjustFormValues {
  openid: string;
  /** +1 adds points, -1 takes them away. */
  sign: 1 | -1;
  /** The amount as typed, without a sign. */
  amount: string;
  reason: string;
}

export const emptyAdjustForm = (): AdjustFormValues => ({ openid: '', sign: 1, amount: '', reason: '' });

export function readAdjustForm(values: AdjustFormValues): { ok: true; input: AdjustPointsInput } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const openid = values.openid.trim();
  if (!openid) errors.openid = '请填写会员的 openid';
  else if (openid.length > 64) errors.openid = 'openid 最多 64 个字符';

  const amountText = values.amount.trim();
  const amount = /^\d+$/.test(amountText) ? Number(amountText) : NaN;
  if (!amountText) errors.amount = '请填写调整数量';
  else if (!Number.isSafeInteger(amount)) errors.amount = '积分调整必须为整数';
  else if (amount === 0) errors.amount = '调整数量不能为 0';
  else if (amount > MAX_ADJUSTMENT) errors.amount = '单次调整不超过 1,000,000 积分';

  const reason = values.reason.trim();
  if (reason.length < REASON_MIN) errors.reason = '请写明调整原因（至少 2 个字）';
  else if (reason.length > REASON_MAX) errors.reason = `调整原因最多 ${REASON_MAX} 个字`;

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, input: { openid, amount: values.sign * amount, reason } };
}

/** '增加 100 积分' / '扣减 100 积分'. */
export function adjustmentText(amount: number): string {
  return `${amount > 0 ? '增加' : '扣减'} ${Math.abs(amount)} 积分`;
}
