import { BSONRegExp, EJSON, Long, ObjectId } from 'bson';

/**
 * EJSON in and out of the emulator. The SDK sends canonical EJSON strings; documents are kept as
 * relaxed EJSON (plain numbers, ISO dates) so rows stay readable in any SQLite browser. In memory a
 * document is plain JS: numbers, strings, booleans, null, Date, RegExp, arrays and objects — the
 * shapes mingo evaluates.
 */
export type Doc = Record<string, unknown>;

export class EjsonError extends Error {}

/** A `$tcb_server_date` marker becomes the emulator's time plus its offset. */
export function decodeEjson(text: unknown, now: () => number, what = 'value'): unknown {
  if (typeof text !== 'string') throw new EjsonError(`${what} must be an EJSON string`);
  let parsed: unknown;
  try {
    parsed = EJSON.parse(text, { relaxed: true });
  } catch (e) {
    throw new EjsonError(`malformed EJSON in ${what}: ${(e as Error).message}`);
  }
  return toPlain(parsed, now);
}

export function toPlain(value: unknown, now: () => number): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Date) return value;
  if (value instanceof RegExp) return value;
  if (value instanceof BSONRegExp) return new RegExp(value.pattern, jsFlags(value.options));
  if (value instanceof ObjectId) return value.toHexString();
  if (value instanceof Long) return value.toNumber();
  if (Array.isArray(value)) return value.map((v) => toPlain(v, now));
  const bsontype = (value as { _bsontype?: string })._bsontype;
  if (bsontype === 'Int32' || bsontype === 'Double') return (value as { valueOf(): number }).valueOf();
  if (bsontype) return value;
  const obj = value as Record<string, unknown>;
  if ('$tcb_server_date' in obj && Object.keys(obj).length === 1) {
    const spec = obj.$tcb_server_date as { offset?: unknown } | null;
    const offset = spec && typeof spec.offset === 'number' ? spec.offset : 0;
    return new Date(now() + offset);
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) out[k] = toPlain(v, now);
  return out;
}

function jsFlags(options: string): string {
  // MongoDB's x (extended) has no JS equivalent; the others map one to one.
  return [...new Set(options.split(''))].filter((f) => 'imsu'.includes(f)).join('');
}

/** Canonical EJSON, the form the SDK parses back. */
export function encodeEjson(value: unknown): string {
  return EJSON.stringify(value as Doc, { relaxed: false });
}

/** Storage form: relaxed EJSON. */
export function serializeDoc(doc: Doc): string {
  return EJSON.stringify(doc, { relaxed: true });
}

export function deserializeDoc(text: string): Doc {
  return toPlain(EJSON.parse(text, { relaxed: true }), () => Date.now()) as Doc;
}

export function deepClone<T>(value: T): T {
  return structuredClone(value);
}
