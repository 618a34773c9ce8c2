/**
 * China time (Asia/Shanghai): UTC+8 all year, no daylight saving. Business days end and the times
 * members read are in it, whatever zone the server runs in. Pure.
 */
export const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

/** `at` shifted so its UTC fields (getUTCDate(), ...) read China's wall clock. */
export function chinaWallClock(at: Date | string | number): Date {
  return new Date(new Date(at).getTime() + CHINA_OFFSET_MS);
}

/** The China day of `at`, as YYYY-MM-DD: the key of whatever is counted per day (caps, allowances). */
export function chinaDay(at: Date | string | number): string {
  return chinaWallClock(at).toISOString().slice(0, 10);
}

/** 23:59:59.999 China time of the day `months` and `days` after `at`'s China day. */
export function endOfChinaDay(at: Date, after: { months?: number; days?: number } = {}): Date {
  const local = chinaWallClock(at);
  const end = Date.UTC(local.getUTCFullYear(), local.getUTCMonth() + (after.months ?? 0), local.getUTCDate() + (after.days ?? 0), 23, 59, 59, 999);
  return new Date(end - CHINA_OFFSET_MS);
}

/** "2026年12月24日 20:00", or "12月24日 20:00" without the year (for texts with little room). */
export function chinaDateTime(at: Date | string | number, withYear: boolean): string {
  const d = chinaWallClock(at);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${withYear ? `${d.getUTCFullYear()}年` : ''}${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}
