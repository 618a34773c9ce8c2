/**
 * What the soak counts while it runs: per action, every call's latency and outcome. An outcome is
 * `ok`, a typed refusal's code (SOLD_OUT-like answers are outcomes, not errors), or an error label
 * starting with `ERR_` (HTTP failures, INTERNAL, time-limit hits, answers that are not envelopes).
 */
import { summarize, type LatencySummary } from './percentiles';

export const ERROR_PREFIX = 'ERR_';

export const isError = (outcome: string): boolean => outcome.startsWith(ERROR_PREFIX);

export interface ErrorSample {
  action: string;
  outcome: string;
  detail: string;
}

export interface ActionReport {
  latencyMs: LatencySummary;
  outcomes: Record<string, number>;
}

export class Recorder {
  private readonly latencies = new Map<string, number[]>();
  private readonly outcomes = new Map<string, Map<string, number>>();
  readonly errorSamples: ErrorSample[] = [];
  calls = 0;
  errors = 0;

  record(action: string, ms: number, outcome: string, detail = ''): void {
    this.calls++;
    let lat = this.latencies.get(action);
    if (!lat) this.latencies.set(action, (lat = []));
    lat.push(ms);
    let out = this.outcomes.get(action);
    if (!out) this.outcomes.set(action, (out = new Map()));
    out.set(outcome, (out.get(outcome) ?? 0) + 1);
    if (isError(outcome)) {
      this.errors++;
      // A few examples of each kind are enough to start looking; the counts say how many.
      if (this.errorSamples.filter((s) => s.action === action && s.outcome === outcome).length < 3)
        this.errorSamples.push({ action, outcome, detail: detail.slice(0, 300) });
    }
  }

  /** Outcomes summed over every action (refusal codes and error labels). */
  totals(): Record<string, number> {
    const all: Record<string, number> = {};
    for (const out of this.outcomes.values()) for (const [k, n] of out) all[k] = (all[k] ?? 0) + n;
    return all;
  }

  byAction(): Record<string, ActionReport> {
    const report: Record<string, ActionReport> = {};
    for (const action of [...this.latencies.keys()].sort()) {
      report[action] = { latencyMs: summarize(this.latencies.get(action)!), outcomes: Object.fromEntries(this.outcomes.get(action) ?? []) };
    }
    return report;
  }
}

/** Journeys by kind: finished (ran to its end or stopped at a typed refusal) or failed (an error). */
export class JourneyCounter {
  readonly finished = new Map<string, number>();
  readonly failed = new Map<string, number>();

  add(kind: string, ok: boolean): void {
    const m = ok ? this.finished : this.failed;
    m.set(kind, (m.get(kind) ?? 0) + 1);
  }

  get total(): number {
    return sum(this.finished) + sum(this.failed);
  }

  get ok(): number {
    return sum(this.finished);
  }
}

const sum = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
