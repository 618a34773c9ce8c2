/**
 * The soak's report: a readable table per level, the invariants, and the targets of issue 11.
 * Pure formatting and arithmetic; soak.ts prints it and writes the JSON.
 */
import type { InvariantResult } from './invariants';
import type { LevelReport } from './level';
import { isError } from './metrics';

export interface Targets {
  /** journeys/s at the largest level ÷ at the smallest. */
  throughputRatio: number | null;
  throughputOk: boolean;
  /** The worst level's aborted ÷ started transactions. */
  worstAbortRatio: number;
  abortOk: boolean;
  timeLimitHits: number;
  timeLimitOk: boolean;
  invariantsOk: boolean;
  /** Targets missed, in words (empty when all are met). */
  missed: string[];
}

export const TARGET_THROUGHPUT_RATIO = 0.8;
export const TARGET_ABORT_RATIO = 0.05;

export function evaluateTargets(levels: readonly LevelReport[], invariants: readonly InvariantResult[]): Targets {
  const bySize = [...levels].sort((a, b) => a.members - b.members);
  const smallest = bySize[0];
  const largest = bySize[bySize.length - 1];
  const throughputRatio = smallest && largest && bySize.length > 1 && smallest.journeysPerS > 0 ? largest.journeysPerS / smallest.journeysPerS : null;
  const worstAbortRatio = Math.max(0, ...levels.map((l) => l.emulator.transactions.abortRatio));
  const timeLimitHits = levels.reduce((s, l) => s + l.emulator.timeLimitHits, 0);
  const t: Targets = {
    throughputRatio,
    throughputOk: throughputRatio === null || throughputRatio >= TARGET_THROUGHPUT_RATIO,
    worstAbortRatio,
    abortOk: worstAbortRatio < TARGET_ABORT_RATIO,
    timeLimitHits,
    timeLimitOk: timeLimitHits === 0,
    invariantsOk: invariants.every((i) => i.ok),
    missed: [],
  };
  if (!t.throughputOk)
    t.missed.push(
      `journeys/s at ${largest.members} members is ${pct(throughputRatio!)} of the figure at ${smallest.members} (target ≥ ${pct(TARGET_THROUGHPUT_RATIO)})`,
    );
  if (!t.abortOk) t.missed.push(`${pct(worstAbortRatio)} of transactions aborted at worst (target < ${pct(TARGET_ABORT_RATIO)})`);
  if (!t.timeLimitOk) t.missed.push(`${timeLimitHits} calls hit the function time limit (target 0)`);
  if (!t.invariantsOk)
    t.missed.push(
      `invariants failed: ${invariants
        .filter((i) => !i.ok)
        .map((i) => i.name)
        .join('; ')}`,
    );
  return t;
}

export const pct = (r: number) => `${(r * 100).toFixed(1)}%`;
const ms = (n: number) => (Number.isFinite(n) ? (n >= 100 ? n.toFixed(0) : n.toFixed(1)) : '-');
const num = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '-');

export function table(headers: string[], rows: string[][], right: boolean[] = []): string {
  const widths = headers.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((x, c) => (right[c] ? x.padStart(widths[c]) : x.padEnd(widths[c])))
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** `ok 120, ORDER_OUT_OF_STOCK 3, ERR_TIME_LIMIT 1`: ok first, then by count. */
export function outcomeText(outcomes: Record<string, number>): string {
  return Object.entries(outcomes)
    .sort(([a, x], [b, y]) => (a === 'ok' ? -1 : b === 'ok' ? 1 : y - x))
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
}

export function renderLevel(l: LevelReport): string {
  const t = l.emulator.transactions;
  const out: string[] = [];
  out.push(`== ${l.members} members × ${l.seconds} s (ran ${num(l.elapsedS)} s)`);
  out.push(
    `journeys ${l.journeys.total} (${l.journeys.failed} failed): ${num(l.journeysPerS)} journeys/s · calls ${l.calls}: ${num(l.callsPerS)} calls/s · errors ${l.errors}`,
  );
  out.push(
    `database calls ${l.emulator.dbRequests}: ${num(l.dbCallsPerJourney)} per journey, ${num(l.dbCallsPerS, 0)}/s · transactions started ${t.started}, committed ${t.committed}, aborted ${t.aborted} (${pct(t.abortRatio)}), expired ${t.expired}, conflicts ${t.conflicts}${
      Object.keys(t.conflictsByCollection ?? {}).length
        ? ` (${Object.entries(t.conflictsByCollection)
            .sort((a, b) => b[1] - a[1])
            .map(([c, n]) => `${c} ${n}`)
            .join(', ')})`
        : ''
    }`,
  );
  const fn = Object.entries(l.emulator.functions)
    .map(([name, f]) => `${name} ${f.invocations}${f.timeouts ? ` (${f.timeouts} time-limit hits)` : ''}${f.failures ? ` (${f.failures} failures)` : ''}`)
    .join(', ');
  out.push(`function invocations: ${fn} · time-limit hits ${l.emulator.timeLimitHits}`);
  if (l.bursts.length)
    out.push(`bursts: ${l.bursts.map((b) => `${b.kind}@${b.atS}s ${b.participants} members (${b.ready} ready, gathered ${b.gatheredMs} ms)`).join('; ')}`);
  out.push('');
  const rows = Object.entries(l.actions).map(([action, a]) => [
    action,
    String(a.latencyMs.count),
    ms(a.latencyMs.p50),
    ms(a.latencyMs.p99),
    ms(a.latencyMs.max),
    outcomeText(a.outcomes),
  ]);
  out.push(table(['action', 'calls', 'p50 ms', 'p99 ms', 'max ms', 'outcomes'], rows, [false, true, true, true, true, false]));
  const kinds = Object.entries(l.journeys.byKind)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k} ${v.finished}${v.failed ? ` (+${v.failed} failed)` : ''}`)
    .join(', ');
  out.push('');
  out.push(`journeys by kind: ${kinds}`);
  const errors = Object.entries(l.outcomes).filter(([k]) => isError(k));
  if (errors.length) {
    out.push(`errors: ${errors.map(([k, n]) => `${k} ${n}`).join(', ')}; examples:`);
    for (const s of l.errorSamples.slice(0, 8)) out.push(`  ${s.action} ${s.outcome}: ${s.detail}`);
  }
  if (l.setup.errors) out.push(`setup errors: ${l.setup.errors} (${l.setup.errorSamples.map((s) => `${s.action} ${s.outcome}`).join(', ')})`);
  return out.join('\n');
}

export function renderSummary(levels: readonly LevelReport[]): string {
  const rows = levels.map((l) => [
    String(l.members),
    num(l.journeysPerS),
    num(l.callsPerS),
    num(l.dbCallsPerJourney),
    num(l.dbCallsPerS, 0),
    `${l.emulator.transactions.aborted}/${l.emulator.transactions.started}`,
    pct(l.emulator.transactions.abortRatio),
    String(l.emulator.timeLimitHits),
    String(l.errors),
  ]);
  return table(['members', 'journeys/s', 'calls/s', 'db calls/journey', 'db calls/s', 'aborted/started', 'abort ratio', 'time-limit hits', 'errors'], rows, [
    true,
    true,
    true,
    true,
    true,
    true,
    true,
    true,
    true,
  ]);
}

export function renderInvariants(results: readonly InvariantResult[], maxOffenders = 10): string {
  const out: string[] = [];
  for (const r of results) {
    out.push(`${r.ok ? 'PASS' : 'FAIL'}  ${r.name} (${r.checked} checked${r.ok ? '' : `, ${r.offenders.length} offending`})`);
    for (const o of r.offenders.slice(0, maxOffenders))
      out.push(`      ${o.id}: ${o.problem}${o.doc === undefined ? '' : `  ${JSON.stringify(o.doc).slice(0, 400)}`}`);
    if (r.offenders.length > maxOffenders) out.push(`      … and ${r.offenders.length - maxOffenders} more (all in --json)`);
  }
  return out.join('\n');
}

export function renderTargets(t: Targets, levels: readonly LevelReport[]): string {
  const bySize = [...levels].sort((a, b) => a.members - b.members);
  const mark = (ok: boolean) => (ok ? 'met   ' : 'MISSED');
  const lines = [
    t.throughputRatio === null
      ? 'n/a     journeys/s ratio (one level only)'
      : `${mark(t.throughputOk)}  journeys/s at ${bySize[bySize.length - 1].members} ÷ at ${bySize[0].members} = ${num(t.throughputRatio, 2)} (target ≥ ${TARGET_THROUGHPUT_RATIO})`,
    `${mark(t.abortOk)}  aborted transactions, worst level ${pct(t.worstAbortRatio)} (target < ${pct(TARGET_ABORT_RATIO)})`,
    `${mark(t.timeLimitOk)}  function time-limit hits ${t.timeLimitHits} (target 0)`,
    `${mark(t.invariantsOk)}  every invariant holds`,
  ];
  return lines.join('\n');
}
