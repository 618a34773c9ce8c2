import fc from 'fast-check';
import { eventBoundsProblem, isUnsafeKey, MAX_EVENT_BYTES, MAX_EVENT_DEPTH } from './event-bounds';

/** `levels` objects nested in one another: { a: { a: ... {} } }, built without recursion. */
function nested(levels: number, leaf: unknown = {}): unknown {
  let value: unknown = leaf;
  for (let i = 1; i < levels; i++) value = { a: value };
  return value;
}

function nestedArrays(levels: number): unknown {
  let value: unknown = [];
  for (let i = 1; i < levels; i++) value = [value];
  return value;
}

describe('event bounds', () => {
  test('an ordinary event is within bounds', () => {
    expect(eventBoundsProblem({ action: 'quote', lines: [{ productId: 'p1', qty: 2 }], couponId: null, userInfo: { openId: 'o1', appId: 'wx1' } })).toBeNull();
    for (const event of [null, undefined, 42, 'x', true, [], {}]) expect(eventBoundsProblem(event)).toBeNull();
  });

  test('depth: 20 levels of objects or arrays pass, 21 are refused', () => {
    expect(eventBoundsProblem(nested(MAX_EVENT_DEPTH))).toBeNull();
    expect(eventBoundsProblem(nested(MAX_EVENT_DEPTH + 1))).toMatchObject({ kind: 'depth', message: '请求内容嵌套过深（超过 20 层）' });
    expect(eventBoundsProblem(nestedArrays(MAX_EVENT_DEPTH))).toBeNull();
    expect(eventBoundsProblem(nestedArrays(MAX_EVENT_DEPTH + 1))).toMatchObject({ kind: 'depth' });
    // A scalar at the deepest level is not one more level.
    expect(eventBoundsProblem(nested(MAX_EVENT_DEPTH, { a: 1 }))).toBeNull();
    expect(eventBoundsProblem(nested(MAX_EVENT_DEPTH, { a: [] }))).toMatchObject({ kind: 'depth' });
  });

  test('2,000 and 200,000 levels are refused without blowing the stack (JSON.stringify cannot even print the second)', () => {
    expect(eventBoundsProblem(nested(2_000))).toMatchObject({ kind: 'depth' });
    const abyss = nested(200_000);
    expect(() => JSON.stringify(abyss)).toThrow(RangeError);
    expect(eventBoundsProblem(abyss)).toMatchObject({ kind: 'depth' });
  });

  test('a cycle (impossible over JSON, possible in process) ends as too deep', () => {
    const loop: Record<string, unknown> = {};
    loop.self = loop;
    expect(eventBoundsProblem(loop)).toMatchObject({ kind: 'depth' });
  });

  test('size: the serialized JSON, in UTF-8 bytes, up to 64 KiB', () => {
    // {"s":"…"} is 8 bytes around the string.
    const fits = { s: 'x'.repeat(MAX_EVENT_BYTES - 8) };
    expect(Buffer.byteLength(JSON.stringify(fits))).toBe(MAX_EVENT_BYTES);
    expect(eventBoundsProblem(fits)).toBeNull();
    expect(eventBoundsProblem({ s: 'x'.repeat(MAX_EVENT_BYTES - 7) })).toMatchObject({ kind: 'size', message: '请求内容过大（超过 64 KB），请精简后重试' });
    // Three bytes per CJK character.
    expect(eventBoundsProblem({ s: '长'.repeat(22_000) })).toMatchObject({ kind: 'size' });
    expect(eventBoundsProblem({ s: '长'.repeat(21_000) })).toBeNull();
    // Escapes count as JSON writes them.
    expect(eventBoundsProblem({ s: '\u0001'.repeat(11_000) })).toMatchObject({ kind: 'size' });
  });

  test('size counts keys, many small values and a 1 MiB string alike, and stops early', () => {
    expect(eventBoundsProblem({ [`k${'x'.repeat(MAX_EVENT_BYTES)}`]: 1 })).toMatchObject({ kind: 'size' });
    expect(eventBoundsProblem({ list: Array.from({ length: 40_000 }, () => 1) })).toMatchObject({ kind: 'size' });
    expect(eventBoundsProblem({ list: Array.from({ length: 20_000 }, () => 1) })).toBeNull();
    expect(eventBoundsProblem({ s: 'x'.repeat(1 << 20) })).toMatchObject({ kind: 'size' });
  });

  test('the byte count agrees with JSON.stringify on arbitrary JSON values', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (value) => {
        const bytes = Buffer.byteLength(JSON.stringify(value) ?? 'null', 'utf8');
        const tight = { maxBytes: bytes, maxDepth: 100 };
        // Keys are another test's business: skip values with a $ or dotted key.
        if (eventBoundsProblem(value, { maxBytes: Infinity, maxDepth: 100 })?.kind === 'key') return;
        // At exactly its own size it passes; one byte less and it is too big.
        expect(eventBoundsProblem(value, tight)).toBeNull();
        if (bytes > 1) expect(eventBoundsProblem(value, { maxBytes: bytes - 1, maxDepth: 100 })).toMatchObject({ kind: 'size' });
      }),
      { seed: 10, numRuns: 300 },
    );
  });

  test.each([
    [{ $where: 'sleep(1000)' }, '$where'],
    [{ config: { 'a.b': 1 } }, 'config.a.b'],
    [{ list: [{ ok: 1 }, { $inc: { points: 1 } }] }, 'list[1].$inc'],
    [{ 'nul\u0000': 1 }, 'nul\u0000'],
  ])('a key starting with $ or containing . anywhere is refused: %j', (event, path) => {
    expect(eventBoundsProblem(event)).toEqual({ kind: 'key', path, message: '输入有误：字段名不能以 $ 开头，也不能包含“.”' });
  });

  test('values may contain $ and dots; keys elsewhere are fine', () => {
    expect(eventBoundsProblem({ reason: '$100.00 off', email: 'a.b@c.d', 'key-with_dash': 1 })).toBeNull();
    expect(isUnsafeKey('price$')).toBe(false);
    expect(isUnsafeKey('$')).toBe(true);
    expect(isUnsafeKey('a.')).toBe(true);
  });
});
