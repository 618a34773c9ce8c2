import type { OrderListFilter, OrderStatus } from '@/services/contracts';
import { formatLocalDate, formatMonthDay } from '@/utils/date';

// Display only: labels and sentences of the shop pages. Statuses, amounts and what may be done
// with an order come from the server (statusText, canPay, canCancel, canRequestRefund).

export const ORDER_FILTERS: ReadonlyArray<{ filter: OrderListFilter; label: string }> = [
  { filter: 'all', label: '全部' },
  { filter: 'pending_payment', label: '待付款' },
  { filter: 'paid', label: '已付款' },
  { filter: 'closed', label: '已关闭' },
  { filter: 'refund', label: '退款' },
];

export const isOrderFilter = (value: string): value is OrderListFilter => ORDER_FILTERS.some((f) => f.filter === value);

/** A colour per status (the text itself is the server's statusText). */
export const statusTone = (status: OrderStatus): 'warn' | 'ok' | 'muted' => (status === 'pending_payment' ? 'warn' : status === 'paid' ? 'ok' : 'muted');

const pad = (n: number) => String(n).padStart(2, '0');

/** '请在 14:30 前支付', or '请在 3月5日 14:30 前支付' when that is not today. '' when unreadable. */
export function payBeforeText(expiresAt: string, now: Date = new Date()): string {
  const at = new Date(expiresAt);
  if (Number.isNaN(at.getTime())) return '';
  const time = `${pad(at.getHours())}:${pad(at.getMinutes())}`;
  const sameDay = formatLocalDate(expiresAt) === formatLocalDate(now.toISOString());
  return `请在 ${sameDay ? time : `${formatMonthDay(expiresAt)} ${time}`} 前支付`;
}

/** '共 3 件'. */
export const unitsText = (lines: ReadonlyArray<{ qty: number }>): string => `共 ${lines.reduce((sum, line) => sum + line.qty, 0)} 件`;
