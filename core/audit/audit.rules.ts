import { createHash } from 'node:crypto';

/**
 * Which staff actions only read. Reads are audited too (who looked at members' orders is worth
 * knowing), but staff reviewing the log mostly want what changed, so each entry carries its kind
 * and the log can hide reads. Read actions are named `<area>.list`, `<area>.view`, `.flags`,
 * `.leaderboard` or `admin.overview`; anything else is a change.
 */
export type AuditKind = 'read' | 'change';

const READ_ACTION = /(^admin\.overview$)|\.(list|view|flags|leaderboard)$/;

export function auditKindOf(action: string): AuditKind {
  return READ_ACTION.test(action) ? 'read' : 'change';
}

/**
 * What an audit entry may keep of an action's target. Targets are built by use cases from inputs
 * the entry already validated, but the log is where an attacker's payload would land, so it is
 * bounded here once more, for every writer:
 *  - a denied attempt keeps a digest of the target and its small identifying strings (ids, a role),
 *    never anything else the caller sent;
 *  - an allowed attempt keeps the target, minus keys the database would read as operators or
 *    paths, cut to a few levels and a few KiB (beyond that, a digest as for a denial).
 */
export const MAX_TARGET_BYTES = 4096;
export const MAX_TARGET_DEPTH = 6;
/** Repeated denials of one action to one caller within this window share one entry (count, lastAt). */
export const DENIAL_WINDOW_MS = 10 * 60_000;

const MAX_ID_CHARS = 64;
const ID_VALUE = /^[A-Za-z0-9_:@-]+$/;
const SAFE_KEY = /^[A-Za-z][A-Za-z0-9_]{0,39}$/;

/**
 * JSON with object keys sorted, so equal targets digest equally. Iterative and depth-capped: a
 * target is small, but this must never be where a hostile value blows the stack.
 */
export function canonicalJson(value: unknown, maxDepth = 32): string {
  const out: string[] = [];
  // Each frame is either a value to write at a depth, or a literal piece of punctuation.
  const stack: Array<{ v: unknown; depth: number } | string> = [{ v: value, depth: 0 }];
  while (stack.length > 0) {
    const item = stack.pop()!;
    if (typeof item === 'string') {
      out.push(item);
      continue;
    }
    const { v, depth } = item;
    if (v instanceof Date) out.push(JSON.stringify(Number.isNaN(v.getTime()) ? null : v.toISOString()));
    else if (v === null || v === undefined || typeof v === 'function' || typeof v === 'symbol') out.push('null');
    else if (typeof v === 'number') out.push(Number.isFinite(v) ? String(v) : 'null');
    else if (typeof v === 'bigint') out.push(JSON.stringify(String(v)));
    else if (typeof v !== 'object') out.push(JSON.stringify(v));
    else if (depth >= maxDepth) out.push('"…"');
    else if (Array.isArray(v)) {
      stack.push(']');
      for (let i = v.length - 1; i >= 0; i--) {
        stack.push({ v: v[i], depth: depth + 1 });
        if (i > 0) stack.push(',');
      }
      out.push('[');
    } else {
      const keys = Object.keys(v).sort();
      stack.push('}');
      for (let i = keys.length - 1; i >= 0; i--) {
        stack.push({ v: (v as Record<string, unknown>)[keys[i]], depth: depth + 1 });
        stack.push(`${JSON.stringify(keys[i])}:`);
        if (i > 0) stack.push(',');
      }
      out.push('{');
    }
  }
  return out.join('');
}

/** A short fingerprint of a target: enough to tell attempts apart or match one to a report, nothing to read back. */
export function targetDigest(target: unknown): string {
  return createHash('sha256').update(canonicalJson(target)).digest('hex').slice(0, 16);
}

/** The target's top-level ids worth naming in the log: short strings of id characters under plain keys. */
function identifyingKeys(target: Record<string, unknown>): Record<string, string> {
  const ids: Record<string, string> = {};
  for (const [key, value] of Object.entries(target)) {
    if (SAFE_KEY.test(key) && typeof value === 'string' && value.length > 0 && value.length <= MAX_ID_CHARS && ID_VALUE.test(value)) ids[key] = value;
  }
  return ids;
}

/** A denied attempt's target: its ids and a digest of the rest. */
export function deniedTarget(target: Record<string, unknown>): Record<string, unknown> {
  return { ...identifyingKeys(target), digest: targetDigest(target) };
}

function isUnsafeKey(key: string): boolean {
  return key.startsWith('$') || key.includes('.') || key.includes('\u0000');
}

/**
 * An allowed attempt's target as stored: operator-like and dotted keys dropped at every level,
 * nesting cut at MAX_TARGET_DEPTH; if it is still over MAX_TARGET_BYTES, the ids and a digest.
 */
export function boundedTarget(target: Record<string, unknown>): Record<string, unknown> {
  const copy = copyBounded(target);
  if (Buffer.byteLength(canonicalJson(copy), 'utf8') <= MAX_TARGET_BYTES) return copy;
  return { ...deniedTarget(target), truncated: true };
}

function copyBounded(root: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  const stack: Array<{ from: unknown; into: Record<string, unknown> | unknown[]; depth: number }> = [{ from: root, into: result, depth: 1 }];
  while (stack.length > 0) {
    const { from, into, depth } = stack.pop()!;
    const entries: Array<[string | number, unknown]> = Array.isArray(from) ? from.map((v, i) => [i, v]) : Object.entries(from as Record<string, unknown>);
    for (const [key, value] of entries) {
      if (typeof key === 'string' && isUnsafeKey(key)) continue;
      let copied: unknown = value;
      if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
        if (depth >= MAX_TARGET_DEPTH) copied = '…';
        else {
          copied = Array.isArray(value) ? [] : {};
          stack.push({ from: value, into: copied as Record<string, unknown> | unknown[], depth: depth + 1 });
        }
      }
      if (Array.isArray(into)) into[key as number] = copied;
      else into[key as string] = copied;
    }
  }
  return result;
}

/** The one entry repeated denials of `action` to `actor` share within a window (see DENIAL_WINDOW_MS). */
export function denialEntryId(actor: string, action: string, at: Date): string {
  const window = Math.floor(at.getTime() / DENIAL_WINDOW_MS);
  const hash = createHash('sha256').update(`${actor}\u0000${action}\u0000${window}`).digest('hex').slice(0, 24);
  return `denied_${window}_${hash}`;
}
