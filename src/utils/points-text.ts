import { formatMonthDay } from './date';
import { formatFen } from './money';

// Points and coupons as a customer reads them. Display only: amounts and eligibility come from
// the server.

/** +120, -300, 0. */
export function signedPoints(delta: number): string {
  return delta > 0 ? `+${delta}` : String(delta);
}

/** 'gain' (green), 'loss' (red) or 'none' for a change of the balance. */
export function pointsTone(delta: number): 'gain' | 'loss' | 'none' {
  return delta > 0 ? 'gain' : delta < 0 ? 'loss' : 'none';
}

/** What a history line did to the debt: '另有 50 积分计入待抵扣' / '其中 30 积分抵扣了待扣积分'. '' when nothing. */
export function debtChangeText(debtDelta: number): string {
  if (debtDelta > 0) return `另有 ${debtDelta} 积分计入待抵扣`;
  if (debtDelta < 0) return `其中 ${-debtDelta} 积分抵扣了待扣积分`;
  return '';
}

/** 'N 积分将于 M月D日 过期'. */
export function expiringSentence(amount: number, expiresAt: string): string {
  return `${amount} 积分将于 ${formatMonthDay(expiresAt)} 过期`;
}

/** '满 ¥50.00 减 ¥10.00', or '无门槛减 ¥10.00' when there is no minimum spend. */
export function couponTermsText(coupon: { valueFen: number; minSpendFen: number }): string {
  return coupon.minSpendFen > 0 ? `满 ${formatFen(coupon.minSpendFen)} 减 ${formatFen(coupon.valueFen)}` : `无门槛减 ${formatFen(coupon.valueFen)}`;
}

/** '满 ¥50.00 可用' / '无门槛使用': the condition under a coupon's value. */
export function couponConditionText(minSpendFen: number): string {
  return minSpendFen > 0 ? `满 ${formatFen(minSpendFen)} 可用` : '无门槛使用';
}
