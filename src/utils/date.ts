// Server times arrive as ISO 8601 strings; customers read them as local calendar dates.

const pad = (n: number) => String(n).padStart(2, '0');

const readDate = (iso: string | null | undefined): Date | null => {
  if (!iso) return null;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
};

/** '2025-03-04T16:30:00.000Z' -> '2025-03-05' in UTC+8. Returns '' for missing or unreadable input. */
export function formatLocalDate(iso: string | null | undefined): string {
  const date = readDate(iso);
  if (!date) return '';
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** '2025-03-04T01:05:00.000Z' -> '2025-03-04 09:05' in UTC+8. '' for missing or unreadable input. */
export function formatLocalDateTime(iso: string | null | undefined): string {
  const date = readDate(iso);
  if (!date) return '';
  return `${formatLocalDate(iso)} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** '2025-03-04T16:30:00.000Z' -> '3月5日' in UTC+8 (the way a date reads in a sentence). '' when unreadable. */
export function formatMonthDay(iso: string | null | undefined): string {
  const date = readDate(iso);
  return date ? `${date.getMonth() + 1}月${date.getDate()}日` : '';
}
