/**
 * Crash at every step of a flow, recover the way the platform does, and compare with a run that
 * never crashed.
 *
 * A flow's crash points are its committing writes (plain writes and transaction commits: nothing
 * else changes the data). For each one the emulator fails that write before it applies (the
 * process died just before) and, separately, after it applies (died just after). The flow's
 * error is swallowed, the scenario's recovery runs (a client retrying with the same request id,
 * WeChat re-delivering a notification, the timers), and the whole database is compared with the
 * fault-free run's, with the things that legitimately differ between two runs normalised away:
 * times, random ids, and the bookkeeping of retries.
 */
import type { ProductEmulator } from './product-emulator';

export interface CrashScenario<C> {
  name: string;
  /** Builds the state the flow starts from; returns what flow and recovery need. */
  setup(p: ProductEmulator): Promise<C>;
  /** The multi-step operation under test. It may throw or return an error: a crash looks like that. */
  flow(p: ProductEmulator, ctx: C): Promise<unknown>;
  /** What happens after a crash in production: retries, re-deliveries, timers. Also run after the fault-free flow. */
  recover(p: ProductEmulator, ctx: C): Promise<void>;
  /** Collections left out of the comparison (audit_log always is: a retry is audited again). */
  ignore?: string[];
  /** Extra normalisation per collection (e.g. drop a retry counter). */
  normalise?: (collection: string, doc: Record<string, any>) => Record<string, any>;
  /**
   * Ids that differ from run to run by design (each run uses a fresh request id, so WeChat Pay's
   * own records of earlier runs do not interfere) -> a stable name, replaced wherever they appear.
   */
  aliases?: (ctx: C) => Record<string, string>;
}

export interface CrashRun {
  crashPoint: number;
  timing: 'before' | 'after';
  /** What the flow answered or threw with the fault in place. */
  outcome: string;
}

const ALWAYS_IGNORED = new Set(['audit_log']);
/** Fields that record when or how often something was tried, not what happened. */
const RETRY_BOOKKEEPING = new Set(['attempts', 'lastError', 'nextAttemptAt', 'lastAttemptAt', 'lockedUntil', 'runId']);
const RANDOM_ID = /^[0-9a-f]{32}$/;

export async function wipe(p: ProductEmulator): Promise<void> {
  p.emu.clock.reset();
  const store = p.emu.db.store as any;
  for (const collection of store.collections() as string[]) {
    const ids = (p.emu.db.find({ collection, query: {}, limit: 100000 }) as any[]).map((d) => d._id as string);
    if (ids.length) store.apply(ids.map((id) => ({ collection, id, doc: null, create: false })));
  }
}

type Alias = (s: string) => string;

function aliasing(aliases: Record<string, string>): Alias {
  const pairs = Object.entries(aliases)
    .filter(([from]) => from.length > 0)
    .sort((a, b) => b[0].length - a[0].length);
  return (s) => pairs.reduce((acc, [from, to]) => acc.split(from).join(to), s);
}

function normaliseValue(v: unknown, alias: Alias): unknown {
  if (v instanceof Date) return '<date>';
  if (Array.isArray(v)) return v.map((x) => normaliseValue(x, alias));
  if (v && typeof v === 'object') {
    const entries = Object.keys(v as object)
      .filter((k) => !RETRY_BOOKKEEPING.has(k))
      .map((k) => [alias(k), normaliseValue((v as Record<string, unknown>)[k], alias)] as const)
      .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    return Object.fromEntries(entries);
  }
  if (typeof v === 'string') return RANDOM_ID.test(v) ? '<random-id>' : alias(v);
  return v;
}

/** The whole database, normalised and sorted, as one comparable object. */
export function snapshot(
  p: ProductEmulator,
  scenario: Pick<CrashScenario<unknown>, 'ignore' | 'normalise'>,
  aliases: Record<string, string> = {},
): Record<string, string[]> {
  const ignore = new Set([...ALWAYS_IGNORED, ...(scenario.ignore ?? [])]);
  const alias = aliasing(aliases);
  const out: Record<string, string[]> = {};
  for (const collection of (p.emu.db.store as any).collections() as string[]) {
    if (ignore.has(collection)) continue;
    const docs = (p.emu.db.find({ collection, query: {}, limit: 100000 }) as any[]).map((d) => {
      // Aliases first, so a scenario's own normalisation (e.g. sorting) sees stable names.
      const named = normaliseValue(d, alias) as Record<string, any>;
      return JSON.stringify(normaliseValue(scenario.normalise ? scenario.normalise(collection, named) : named, (x) => x));
    });
    if (docs.length) out[collection] = docs.sort();
  }
  return out;
}

async function attempt(run: () => Promise<unknown>): Promise<string> {
  try {
    const r: any = await run();
    return r && typeof r === 'object' && 'ok' in r ? (r.ok ? 'ok' : `refused ${r.error?.code}`) : 'done';
  } catch (e) {
    return `threw ${String((e as any)?.errMsg ?? (e as Error)?.message ?? e).slice(0, 80)}`;
  }
}

/**
 * Runs the scenario once without faults (the reference), then once per crash point and timing.
 * Returns the reference, and every run whose final state differs from it.
 */
export async function crashEveryStep<C>(
  p: ProductEmulator,
  scenario: CrashScenario<C>,
): Promise<{ crashPoints: number; runs: CrashRun[]; mismatches: Array<CrashRun & { diff: string }> }> {
  await wipe(p);
  const ctx = await scenario.setup(p);
  p.emu.faults.clear();
  await scenario.flow(p, ctx);
  const crashPoints = p.emu.faults.committingWrites;
  await scenario.recover(p, ctx);
  const reference = snapshot(p, scenario as CrashScenario<unknown>, scenario.aliases?.(ctx));

  const runs: CrashRun[] = [];
  const mismatches: Array<CrashRun & { diff: string }> = [];
  for (let k = 0; k < crashPoints; k++) {
    for (const timing of ['before', 'after'] as const) {
      await wipe(p);
      const c = await scenario.setup(p);
      p.emu.faults.clear();
      p.emu.faults.add({ writesOnly: true, skip: k, timing, message: `crash at write ${k + 1}` });
      const outcome = await attempt(() => scenario.flow(p, c));
      p.emu.faults.clear();
      await scenario.recover(p, c);
      const run = { crashPoint: k + 1, timing, outcome };
      runs.push(run);
      const diff = describeDiff(reference, snapshot(p, scenario as CrashScenario<unknown>, scenario.aliases?.(c)));
      if (diff) mismatches.push({ ...run, diff });
    }
  }
  return { crashPoints, runs, mismatches };
}

function fieldDiffs(a: unknown, b: unknown, path = ''): string[] {
  if (JSON.stringify(a) === JSON.stringify(b)) return [];
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) === !Array.isArray(b)) {
    const keys = new Set([...Object.keys(a as object), ...Object.keys(b as object)]);
    return [...keys].flatMap((k) => fieldDiffs((a as any)[k], (b as any)[k], path ? `${path}.${k}` : k));
  }
  return [`${path}: expected ${JSON.stringify(a)?.slice(0, 200)}, got ${JSON.stringify(b)?.slice(0, 200)}`];
}

function describeDiff(expected: Record<string, string[]>, actual: Record<string, string[]>): string {
  const lines: string[] = [];
  for (const c of new Set([...Object.keys(expected), ...Object.keys(actual)])) {
    const e = expected[c] ?? [];
    const a = actual[c] ?? [];
    const missing = e.filter((d) => !a.includes(d)).map((d) => JSON.parse(d));
    const extra = a.filter((d) => !e.includes(d)).map((d) => JSON.parse(d));
    if (!missing.length && !extra.length) continue;
    lines.push(`${c}:`);
    for (const m of missing) {
      const twin = extra.findIndex((x) => x._id === m._id && m._id !== '<random-id>');
      if (twin >= 0) {
        lines.push(`  ~ ${m._id}: ${fieldDiffs(m, extra[twin]).join('; ')}`);
        extra.splice(twin, 1);
      } else lines.push(`  - ${JSON.stringify(m).slice(0, 600)}`);
    }
    for (const x of extra) lines.push(`  + ${JSON.stringify(x).slice(0, 600)}`);
  }
  return lines.join('\n');
}
