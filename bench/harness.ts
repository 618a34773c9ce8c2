/**
 * Tiny timing harness for the emulator bench: fixed op counts, a warm-up, process.hrtime.bigint.
 * Numbers are reported, never asserted.
 */

export interface Timing {
  ops: number;
  concurrency: number;
  seconds: number;
  opsPerSec: number;
}

function timing(ops: number, concurrency: number, startNs: bigint): Timing {
  const seconds = Number(process.hrtime.bigint() - startNs) / 1e9;
  return { ops, concurrency, seconds, opsPerSec: ops / seconds };
}

/**
 * Runs `ops` calls of `op` with `concurrency` workers pulling op numbers from a shared counter
 * (so the total is exact). `worker` is the worker's number, 0..concurrency-1.
 */
export async function timeAsync(ops: number, concurrency: number, op: (i: number, worker: number) => Promise<unknown>): Promise<Timing> {
  let next = 0;
  const start = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      for (let i = next++; i < ops; i = next++) await op(i, worker);
    }),
  );
  return timing(ops, concurrency, start);
}

/** A synchronous loop (raw better-sqlite3): no promise overhead in the baseline. */
export function timeSync(ops: number, op: (i: number) => unknown): Timing {
  const start = process.hrtime.bigint();
  for (let i = 0; i < ops; i++) op(i);
  return timing(ops, 1, start);
}

/** Warm-up size for a case: 10% of the measured ops, at least 50 (never more than the ops). */
export function warmupOps(ops: number): number {
  return Math.min(ops, Math.max(50, Math.round(ops / 10)));
}

// ---- formatting

export function fmtInt(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** Two significant digits, never in exponent form: 0.0068, 0.12, 1.3. */
export function fmtRatio(r: number): string {
  if (!Number.isFinite(r) || r === 0) return String(r);
  const digits = Math.max(0, 1 - Math.floor(Math.log10(Math.abs(r))));
  return r.toFixed(digits);
}

export function renderTable(headers: string[], rows: string[][], rightAligned: boolean[] = []): string {
  const widths = headers.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const cell = (text: string, c: number) => (rightAligned[c] ? text.padStart(widths[c]) : text.padEnd(widths[c]));
  const line = (cells: string[]) => `| ${cells.map(cell).join(' | ')} |`;
  const rule = `|${widths.map((w, c) => (rightAligned[c] ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`;
  return [line(headers), rule, ...rows.map(line)].join('\n');
}
