/**
 * Fault injection for the SDK endpoint: make chosen database requests fail, before or after they
 * take effect, to prove that a multi-step flow recovers from a crash at any step.
 *
 * A function instance that dies mid-flow leaves exactly the writes it committed; the steps after
 * never run. Failing a request has the same effect on the data: `before` refuses the request
 * unapplied (the crash came first), `after` applies it and then answers with an error (the commit
 * landed, the process died before it learned so). Because only commits and plain writes change
 * committed data, failing each of them in turn covers every distinct crash point of a flow.
 */

export type FaultTiming = 'before' | 'after';

export interface FaultRule {
  /** SDK action, e.g. `database.commitTransaction`; `*` or absent matches every action. */
  action?: string;
  /** Only requests on this collection (transaction commits and aborts have none). */
  collection?: string;
  /** Only requests that change committed data: plain writes and transaction commits. */
  writesOnly?: boolean;
  /** Matching requests let through before the first failure (0 fails the very next one). */
  skip?: number;
  /** How many matching requests fail after the skipped ones (default 1). */
  times?: number;
  timing?: FaultTiming;
  /** The error message the function sees (prefixed by the SDK's own text). */
  message?: string;
}

export interface ActiveFault extends Required<Omit<FaultRule, 'collection' | 'action'>> {
  id: number;
  action: string;
  collection: string | null;
  /** Matching requests seen so far. */
  seen: number;
  /** Requests failed so far. */
  fired: number;
}

const WRITE_ACTIONS = new Set([
  'database.insertDocument',
  'database.modifyDocument',
  'database.modifyAndReturnDoc',
  'database.removeDocument',
  'database.commitTransaction',
]);

/** True when the request changes committed data (a write inside a transaction waits for its commit). */
export function isCommittingWrite(body: Record<string, unknown>): boolean {
  const action = String(body.action ?? '');
  if (!WRITE_ACTIONS.has(action)) return false;
  if (action === 'database.commitTransaction') return true;
  return !(typeof body.transactionId === 'string' && body.transactionId);
}

export class FaultInjector {
  private faults: ActiveFault[] = [];
  private nextId = 1;
  /** Committing writes seen since the last reset: how a test counts the crash points of a flow. */
  committingWrites = 0;

  add(rule: FaultRule): ActiveFault {
    const fault: ActiveFault = {
      id: this.nextId++,
      action: rule.action ?? '*',
      collection: rule.collection ?? null,
      writesOnly: rule.writesOnly ?? false,
      skip: Math.max(0, Math.floor(rule.skip ?? 0)),
      times: Math.max(1, Math.floor(rule.times ?? 1)),
      timing: rule.timing ?? 'before',
      message: rule.message ?? 'injected fault',
      seen: 0,
      fired: 0,
    };
    this.faults.push(fault);
    return fault;
  }

  list(): ActiveFault[] {
    return this.faults.map((f) => ({ ...f }));
  }

  clear(): void {
    this.faults = [];
    this.committingWrites = 0;
  }

  /** Called for every SDK request; returns the fault to apply to it, if any. */
  match(body: Record<string, unknown>): ActiveFault | null {
    const writes = isCommittingWrite(body);
    if (writes) this.committingWrites++;
    let hit: ActiveFault | null = null;
    for (const f of this.faults) {
      if (f.action !== '*' && f.action !== body.action) continue;
      if (f.collection !== null && f.collection !== body.collectionName) continue;
      if (f.writesOnly && !writes) continue;
      f.seen++;
      if (hit || f.seen <= f.skip || f.fired >= f.times) continue;
      f.fired++;
      hit = f;
    }
    return hit;
  }
}

export function faultReply(f: ActiveFault, body: Record<string, unknown>): { code: string; message: string } {
  return {
    code: 'DATABASE_REQUEST_FAILED',
    message: `${f.message} (fault ${f.id}, ${f.timing} ${String(body.action)}${body.collectionName ? ` on ${String(body.collectionName)}` : ''})`,
  };
}

/** Checks a rule sent to the control API; returns a message for the first problem. */
export function faultRuleProblem(rule: unknown): string | null {
  if (rule === null || typeof rule !== 'object' || Array.isArray(rule)) return 'a fault rule must be an object';
  const r = rule as Record<string, unknown>;
  const known = new Set(['action', 'collection', 'writesOnly', 'skip', 'times', 'timing', 'message']);
  for (const k of Object.keys(r)) if (!known.has(k)) return `unknown field ${k} (known: ${[...known].join(', ')})`;
  if (r.action !== undefined && typeof r.action !== 'string') return 'action must be a string';
  if (r.collection !== undefined && typeof r.collection !== 'string') return 'collection must be a string';
  if (r.writesOnly !== undefined && typeof r.writesOnly !== 'boolean') return 'writesOnly must be a boolean';
  for (const k of ['skip', 'times'] as const) {
    if (r[k] !== undefined && (typeof r[k] !== 'number' || !Number.isInteger(r[k]) || (r[k] as number) < 0)) return `${k} must be a non-negative integer`;
  }
  if (r.timing !== undefined && r.timing !== 'before' && r.timing !== 'after') return "timing must be 'before' or 'after'";
  if (r.message !== undefined && (typeof r.message !== 'string' || r.message.length > 200)) return 'message must be a string of at most 200 characters';
  return null;
}
