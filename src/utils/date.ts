// Server times arrive as ISO 8601 strings; customers read them as local calendar dates.

/** '2025-03-04T16:30:00.000Z' -> '2025-03-05' in UTC+8. Returns '' for missing or unreadable input. */
export function formatLocalDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
