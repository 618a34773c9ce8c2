/**
 * Latency summaries for the soak report. Pure: no I/O, no clock.
 */

/**
 * The p-th percentile (0 < p <= 100) of values by the nearest-rank method: the smallest value such
 * that at least p% of the values are at or below it. Always one of the values (never interpolated),
 * so a p99 of 200 calls is the 198th slowest, not a blend. NaN for an empty list.
 */
export function percentile(values: readonly number[], p: number): number {
  if (!(p > 0 && p <= 100)) throw new RangeError(`percentile must be in (0, 100], got ${p}`);
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.max(0, rank - 1)];
}

export interface LatencySummary {
  count: number;
  p50: number;
  p99: number;
  max: number;
  mean: number;
}

export function summarize(values: readonly number[]): LatencySummary {
  if (values.length === 0) return { count: 0, p50: NaN, p99: NaN, max: NaN, mean: NaN };
  let max = -Infinity;
  let sum = 0;
  for (const v of values) {
    if (v > max) max = v;
    sum += v;
  }
  return { count: values.length, p50: percentile(values, 50), p99: percentile(values, 99), max, mean: sum / values.length };
}
