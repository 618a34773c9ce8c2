/**
 * Proof 2: fuzzing every action of every function the mini-program calls (fast-check, fixed seed),
 * as a member and as an admin, through the built functions and the real SDK.
 *
 * 1. Malformed input — wrong types, extra keys, `$` and dotted keys, huge strings, deep nesting,
 *    unicode junk, junk action names, and null / arrays / numbers / strings as the whole event —
 *    always gets the typed refusal `{ ok: false, error: { code, message } }` in Chinese: never
 *    INTERNAL, never a thrown error, never an echo of the payload, and no write beyond (at most)
 *    the audit line.
 * 2. Input of the right shape carrying hostile values (ids such as `__proto__`, someone else's
 *    openid, unicode junk) gets a typed answer, never INTERNAL.
 */
// The router loads zod's zh-CN locale by its ESM path (what the bundler keeps); jest runs CommonJS.

import fc from 'fast-check';
import { CHINESE, EXAMPLE_GRANTEE, EXAMPLE_MEMBER, VALID_INPUT, clientActions, isEnvelope } from './action-tables';
import { startProductEmulator, type ProductEmulator } from './product-emulator';
import { watchWrites, type WriteWatch } from './write-watch';

const ADMIN = 'o-fz-admin';
const MEMBER = 'o-fz-member';
const SEED = 20_250_501;
/** Per action and kind of corruption (every kind meets every action), × 2 callers. */
const RUNS_PER_KIND = 4;
const HOSTILE_RUNS = 12;

type Json = unknown;
type Event = Record<string, unknown>;

let p: ProductEmulator;
let watch: WriteWatch;
const timings: Record<string, number> = {};
let calls = 0;

beforeAll(async () => {
  p = await startProductEmulator({ FLYWHEEL_BOOTSTRAP_ADMINS: ADMIN });
  for (const who of [ADMIN, MEMBER, EXAMPLE_MEMBER, EXAMPLE_GRANTEE]) expect(await p.call('member', who, { action: 'open' })).toMatchObject({ ok: true });
  for (const who of [MEMBER, EXAMPLE_MEMBER]) expect(await p.call('member', who, { action: 'join', agreeTerms: true })).toMatchObject({ ok: true });
  watch = watchWrites(p);
});
afterAll(async () => {
  watch.stop();
  await p.emu.close();
  console.log(`fuzz: ${clientActions().length} actions, ${calls} calls; malformed ${timings.malformed ?? 0} ms, hostile values ${timings.hostile ?? 0} ms`);
});

// ---- building blocks

const unicodeJunk = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('\u202e反转', '\u200b', '\u0000', '\ud800', '\ufeff', 'ㅤ', '\u2028', '😀'.repeat(20), 'Ａ'.repeat(30), '<script>', "' OR 1=1 --"),
);

function nest(depth: number, leaf: Json): Json {
  let v = leaf;
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { n: v };
  return v;
}

/** Any value at all, small. */
const anyValue: fc.Arbitrary<Json> = fc.oneof(fc.jsonValue({ maxDepth: 3 }), unicodeJunk, fc.constant(null), fc.integer(), fc.double());

/** A value whose JSON type differs from `v`'s (so a field expecting v's type refuses it). Null is never used: some fields are nullable. */
function wrongTypeFor(v: Json): fc.Arbitrary<Json> {
  const options: Array<fc.Arbitrary<Json>> = [];
  if (typeof v !== 'string') options.push(unicodeJunk, fc.constant('1'));
  if (typeof v !== 'number') options.push(fc.integer(), fc.constantFrom(-1, 0, 1e308, -0.5));
  if (typeof v !== 'boolean') options.push(fc.boolean());
  if (Array.isArray(v) || v === null || typeof v !== 'object') options.push(fc.dictionary(fc.string({ maxLength: 5 }), anyValue, { maxKeys: 3 }));
  if (!Array.isArray(v)) options.push(fc.array(anyValue, { maxLength: 3 }));
  return fc.oneof(...options);
}

const huge = fc.oneof(
  fc.integer({ min: 2_001, max: 20_000 }).map((n) => 'x'.repeat(n)),
  fc.integer({ min: 70_000, max: 200_000 }).map((n) => '长'.repeat(n / 3)),
  fc.constant('😀'.repeat(30_000)),
);

/** 5..19 levels pass the router and meet the schema; 21..80 are refused at the door. */
const deep = fc.tuple(fc.oneof(fc.integer({ min: 5, max: 19 }), fc.integer({ min: 21, max: 80 })), anyValue).map(([d, leaf]) => nest(d, leaf));

const plainKey = fc.string({ minLength: 1, maxLength: 12 }).map((k) => `_fz${k}`);
const operatorKey = fc.oneof(
  fc.constantFrom('$set', '$inc', '$where', '$gt', '$ne', '$'),
  fc.string({ maxLength: 8 }).map((k) => `$${k}`),
);
const dottedKey = fc.tuple(fc.string({ maxLength: 6 }), fc.string({ maxLength: 6 })).map(([a, b]) => `${a}.${b}`);

/** Puts `key: value` at the top of the input or inside one of its object fields (where a nested schema meets it). */
function inject(base: Event, key: string, value: Json, where: number): Event {
  const objectFields = Object.keys(base).filter((k) => base[k] && typeof base[k] === 'object' && !Array.isArray(base[k]));
  if (objectFields.length === 0 || where % 2 === 0) return { ...base, [key]: value };
  const field = objectFields[where % objectFields.length];
  return { ...base, [field]: { ...(base[field] as Event), [key]: value } };
}

type Malformed = { kind: string; event: Json; raw: boolean };

/** Malformed events for one action, by kind: each carries at least one corruption its schema (or the router) must refuse. */
function malformed(action: string, base: Event): Array<fc.Arbitrary<Malformed>> {
  const fields = Object.keys(base);
  const fieldIndex = fc.nat();
  const pickField = (i: number) => fields[i % fields.length];
  const corruptions: Array<fc.Arbitrary<Malformed>> = [
    fc.tuple(plainKey, anyValue, fc.nat()).map(([k, v, w]) => ({ kind: 'extra key', event: { action, ...inject(base, k, v, w) }, raw: false })),
    fc.tuple(operatorKey, anyValue, fc.nat()).map(([k, v, w]) => ({ kind: '$ key', event: { action, ...inject(base, k, v, w) }, raw: false })),
    fc.tuple(dottedKey, anyValue, fc.nat()).map(([k, v, w]) => ({ kind: 'dotted key', event: { action, ...inject(base, k, v, w) }, raw: false })),
    fc
      .tuple(huge, fieldIndex)
      .map(([s, i]) => ({ kind: 'huge string', event: { action, ...base, [fields.length ? pickField(i) : '_fzHuge']: s }, raw: false })),
    fc
      .tuple(deep, fieldIndex)
      .map(([d, i]) => ({ kind: 'deep nesting', event: { action, ...base, [fields.length ? pickField(i) : '_fzDeep']: d }, raw: false })),
    fc
      .oneof(unicodeJunk, fc.integer(), fc.constant(null), fc.array(fc.constant(action), { maxLength: 2 }))
      .map((name) => ({ kind: 'junk action', event: { ...base, action: name }, raw: false })),
    fc
      .oneof(fc.constant(null), fc.integer(), fc.double(), fc.boolean(), unicodeJunk, fc.array(anyValue, { maxLength: 4 }), fc.constant([{ action, ...base }]))
      .map((event) => ({
        kind: 'not an object',
        event,
        raw: true,
      })),
  ];
  if (fields.length > 0) {
    corruptions.push(
      fieldIndex.chain((i) => wrongTypeFor(base[pickField(i)]).map((v) => ({ kind: 'wrong type', event: { action, ...base, [pickField(i)]: v }, raw: false }))),
      fc
        .tuple(fieldIndex, unicodeJunk, plainKey)
        .map(([i, junk, k]) => ({ kind: 'unicode junk + extra key', event: { action, ...base, [pickField(i)]: junk, [k]: junk }, raw: false })),
    );
  }
  return corruptions;
}

/** Right shape, hostile values: every string of the valid input replaced by an id meant to confuse, or junk. */
const hostileString = fc.oneof(
  fc.constantFrom(
    '__proto__',
    'constructor',
    'prototype',
    'toString',
    'hasOwnProperty',
    'valueOf',
    '0',
    '-1',
    'null',
    'undefined',
    'NaN',
    '_',
    '-',
    'a'.repeat(64),
    ADMIN,
    MEMBER,
  ),
  unicodeJunk,
);

function withHostileValues(action: string, base: Event): fc.Arbitrary<Event> {
  const strings = Object.keys(base).filter((k) => typeof base[k] === 'string');
  if (strings.length === 0) return fc.constant({ action, ...base });
  return fc.tuple(...strings.map(() => hostileString)).map((values) => ({ action, ...base, ...Object.fromEntries(strings.map((k, i) => [k, values[i]])) }));
}

async function send(fn: string, openid: string, m: { event: Json; raw: boolean }): Promise<any> {
  calls++;
  if (m.raw) return (await p.emu.invoke(fn, m.event, { OPENID: openid, SOURCE: 'wx_client' })).result;
  return p.call(fn, openid, m.event as Event);
}

async function timed(bucket: string, run: () => Promise<void>): Promise<void> {
  const t0 = Date.now();
  try {
    await run();
  } finally {
    timings[bucket] = (timings[bucket] ?? 0) + Date.now() - t0;
  }
}

describe('malformed input: a typed refusal, nothing written', () => {
  test.each(clientActions())('$key', async ({ fn, action, key }) => {
    await timed('malformed', async () => {
      for (const kind of malformed(action, VALID_INPUT[key])) {
        await fc.assert(
          fc.asyncProperty(kind, async (m) => {
            for (const openid of [MEMBER, ADMIN]) {
              watch.take();
              const res = await send(fn, openid, m);
              const { writes, audit } = watch.take();
              const seen = { kind: m.kind, openid, res: JSON.stringify(res).slice(0, 300) };
              expect({ ...seen, envelope: isEnvelope(res), ok: res?.ok }).toEqual({ ...seen, envelope: true, ok: false });
              expect({ ...seen, code: ['VALIDATION_FAILED', 'UNKNOWN_ACTION'].includes(res.error.code) }).toEqual({ ...seen, code: true });
              expect(res.error.message).toMatch(CHINESE);
              // The answer names the problem; it never hands the payload back.
              expect(JSON.stringify(res).length).toBeLessThan(8_000);
              expect({ ...seen, writes }).toEqual({ ...seen, writes: [] });
              expect(audit).toBeLessThanOrEqual(1);
            }
          }),
          { seed: SEED, numRuns: RUNS_PER_KIND },
        );
      }
    });
  });
});

describe('hostile values in the right shape: a typed answer, never INTERNAL', () => {
  test.each(clientActions().filter(({ key }) => Object.values(VALID_INPUT[key]).some((v) => typeof v === 'string')))('$key', async ({ fn, action, key }) => {
    await timed('hostile', () =>
      fc.assert(
        fc.asyncProperty(withHostileValues(action, VALID_INPUT[key]), async (event) => {
          for (const openid of [MEMBER, ADMIN]) {
            const res = await send(fn, openid, { event, raw: false });
            const seen = { event: JSON.stringify(event).slice(0, 200), openid, res: JSON.stringify(res).slice(0, 300) };
            expect({ ...seen, envelope: isEnvelope(res) }).toEqual({ ...seen, envelope: true });
            expect({ ...seen, internal: !res.ok && res.error.code === 'INTERNAL' }).toEqual({ ...seen, internal: false });
            if (!res.ok) expect(res.error.message).toMatch(CHINESE);
          }
        }),
        { seed: SEED, numRuns: HOSTILE_RUNS },
      ),
    );
  });
});
