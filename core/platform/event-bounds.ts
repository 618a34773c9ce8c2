/**
 * What any event a function accepts must stay within, checked before a schema or an action sees it.
 * Zod, the SDK's serialiser and the emulator's document encoder all recurse, so a deeply nested
 * payload can blow the stack (INTERNAL, and no audit line) and a large one fills the audit log; and
 * a key starting with `$` or containing `.` means an operator or a path to the database. No caller
 * of a mini-program action needs any of that, so it is refused at the door.
 *
 * The walk is iterative (an explicit stack), so it never recurses itself, and it stops at the first
 * bound crossed: its cost is bounded by the limits, not by the event.
 */

/** Serialized (JSON, UTF-8) size beyond which an event is refused. */
export const MAX_EVENT_BYTES = 64 * 1024;
/** Objects and arrays nested deeper than this are refused (the event itself is level 1). */
export const MAX_EVENT_DEPTH = 20;

export type EventBoundsProblem = { kind: 'size'; message: string } | { kind: 'depth'; message: string } | { kind: 'key'; message: string; path: string };

export interface EventLimits {
  maxBytes: number;
  maxDepth: number;
}

const DEFAULT_LIMITS: EventLimits = { maxBytes: MAX_EVENT_BYTES, maxDepth: MAX_EVENT_DEPTH };

/** A key the database would read as an operator (`$inc`) or a path (`a.b`), or cannot store (NUL). */
export function isUnsafeKey(key: string): boolean {
  return key.startsWith('$') || key.includes('.') || key.includes('\u0000');
}

/** Bytes of a string as a JSON string literal (quotes and escapes included). */
function jsonStringBytes(s: string, budget: number): number {
  // Every character is at least one byte: a string longer than the budget is over it, uncounted.
  if (s.length > budget) return s.length + 2;
  return Buffer.byteLength(JSON.stringify(s), 'utf8');
}

function scalarBytes(v: unknown, budget: number): number {
  switch (typeof v) {
    case 'string':
      return jsonStringBytes(v, budget);
    case 'number':
      return Number.isFinite(v) ? String(v).length : 4;
    case 'boolean':
      return v ? 4 : 5;
    case 'bigint':
      return String(v).length;
    default:
      // null; undefined, functions and symbols are dropped by JSON but cost nothing to count.
      return 4;
  }
}

/** Where a value sits, built only when a problem is reported (never a string per node). */
interface Where {
  parent: Where | null;
  key: string | number;
}

function pathOf(where: Where | null): string {
  const parts: string[] = [];
  for (let w = where; w; w = w.parent) parts.push(typeof w.key === 'number' ? `[${w.key}]` : String(w.key));
  const path = parts.reverse().join('.').replace(/\.\[/g, '[');
  return path.length > 64 ? `${path.slice(0, 61)}...` : path;
}

/**
 * Null when the event is within bounds; otherwise the first problem found, with a message in
 * Chinese for the caller. Keys are checked at every level, arrays' elements included.
 */
export function eventBoundsProblem(event: unknown, limits: EventLimits = DEFAULT_LIMITS): EventBoundsProblem | null {
  const tooBig = (): EventBoundsProblem => ({ kind: 'size', message: `请求内容过大（超过 ${Math.floor(limits.maxBytes / 1024)} KB），请精简后重试` });
  let bytes = 0;
  const stack: Array<{ value: unknown; depth: number; where: Where | null }> = [{ value: event, depth: 1, where: null }];
  while (stack.length > 0) {
    const { value, depth, where } = stack.pop()!;
    if (value === null || typeof value !== 'object') {
      bytes += scalarBytes(value, limits.maxBytes - bytes);
      if (bytes > limits.maxBytes) return tooBig();
      continue;
    }
    if (depth > limits.maxDepth) return { kind: 'depth', message: `请求内容嵌套过深（超过 ${limits.maxDepth} 层）` };
    if (Array.isArray(value)) {
      // Brackets and commas.
      bytes += 2 + Math.max(0, value.length - 1);
      if (bytes > limits.maxBytes) return tooBig();
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], depth: depth + 1, where: { parent: where, key: i } });
      continue;
    }
    const keys = Object.keys(value);
    bytes += 2 + Math.max(0, keys.length - 1);
    if (bytes > limits.maxBytes) return tooBig();
    for (const key of keys) {
      if (isUnsafeKey(key)) return { kind: 'key', path: pathOf({ parent: where, key }), message: '输入有误：字段名不能以 $ 开头，也不能包含“.”' };
      // The key as a JSON string, and its colon.
      bytes += jsonStringBytes(key, limits.maxBytes - bytes) + 1;
      if (bytes > limits.maxBytes) return tooBig();
    }
    for (let i = keys.length - 1; i >= 0; i--) {
      stack.push({ value: (value as Record<string, unknown>)[keys[i]], depth: depth + 1, where: { parent: where, key: keys[i] } });
    }
  }
  return null;
}
