import fc from 'fast-check';
import { auditKindOf, boundedTarget, canonicalJson, deniedTarget, DENIAL_WINDOW_MS, denialEntryId, MAX_TARGET_BYTES, targetDigest } from './audit.rules';

test.each([
  ['admin.overview', 'read'],
  ['staff.list', 'read'],
  ['audit.view', 'read'],
  ['ladder.config.view', 'read'],
  ['orders.list', 'read'],
  ['refunds.list', 'read'],
  ['perks.list', 'read'],
  ['referrals.flags', 'read'],
  ['referrals.leaderboard', 'read'],
  ['staff.grant', 'change'],
  ['points.adjust', 'change'],
  ['products.save', 'change'],
  ['refunds.approve', 'change'],
  ['referrals.flag.reject', 'change'],
  ['ladder.config.update', 'change'],
  // A name that merely contains a read word is still a change.
  ['views.reset', 'change'],
])('%s is a %s', (action, kind) => {
  expect(auditKindOf(action)).toBe(kind);
});

describe('what the log keeps of a target', () => {
  const config = { periodDays: 90, thresholds: { buyerOrders: 1 }, benefits: { koc: { perksEligible: true } } };

  test('canonical JSON sorts keys at every level and matches JSON.stringify otherwise', () => {
    expect(canonicalJson({ b: 1, a: [3, { d: null, c: 'x' }] })).toBe('{"a":[3,{"c":"x","d":null}],"b":1}');
    expect(canonicalJson({ at: new Date('2025-01-02T03:04:05.000Z'), n: Infinity })).toBe('{"at":"2025-01-02T03:04:05.000Z","n":null}');
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 5 }), (v) => {
        expect(JSON.parse(canonicalJson(v))).toEqual(JSON.parse(JSON.stringify(v) ?? 'null'));
      }),
      { seed: 7, numRuns: 200 },
    );
  });

  test('canonical JSON survives 100,000 levels (iterative, depth-capped)', () => {
    let deep: unknown = {};
    for (let i = 0; i < 100_000; i++) deep = { a: deep };
    expect(canonicalJson(deep).length).toBeLessThan(300);
  });

  test('equal targets digest equally whatever their key order; different ones differ', () => {
    expect(targetDigest({ a: 1, b: { c: 2, d: 3 } })).toBe(targetDigest({ b: { d: 3, c: 2 }, a: 1 }));
    expect(targetDigest({ a: 1 })).not.toBe(targetDigest({ a: 2 }));
    expect(targetDigest({ a: 1 })).toMatch(/^[0-9a-f]{16}$/);
  });

  test('a denial keeps the ids and a digest, never the config, free text or numbers', () => {
    const target = { settings: 'ladder', config, expectedVersion: 3 };
    expect(deniedTarget(target)).toEqual({ settings: 'ladder', digest: targetDigest(target) });
    expect(deniedTarget({ openid: 'o-abc_12', role: 'admin' })).toEqual({ openid: 'o-abc_12', role: 'admin', digest: expect.any(String) });
    expect(deniedTarget({ openid: 'o1', amount: 500, reason: '补发 points' })).toEqual({ openid: 'o1', digest: expect.any(String) });
    // Long ids, odd characters and odd keys are not ids.
    expect(deniedTarget({ productId: 'p'.repeat(65), refundId: 'r 1', $where: 'x', 'a.b': 'x', _id: 'x' })).toEqual({ digest: expect.any(String) });
  });

  test('an allowed attempt keeps its target, minus operator and dotted keys at every level', () => {
    expect(boundedTarget({ settings: 'ladder', config, expectedVersion: null })).toEqual({ settings: 'ladder', config, expectedVersion: null });
    expect(boundedTarget({ a: 1, $set: { role: 'admin' }, 'x.y': 1, list: [{ ok: 1, $inc: 2 }], nested: { 'k.k': 1, k: 2 } })).toEqual({
      a: 1,
      list: [{ ok: 1 }],
      nested: { k: 2 },
    });
  });

  test('an allowed attempt is cut to 6 levels and 4 KiB (then ids and a digest)', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 10; i++) deep = { a: deep };
    const kept = boundedTarget({ deep }) as { deep: unknown };
    expect(JSON.stringify(kept)).toBe('{"deep":{"a":{"a":{"a":{"a":{"a":"…"}}}}}}');
    const big = { productId: 'p_1', description: 'x'.repeat(MAX_TARGET_BYTES) };
    expect(boundedTarget(big)).toEqual({ productId: 'p_1', digest: targetDigest(big), truncated: true });
  });

  test('denials share an entry per caller, action and 10-minute window', () => {
    const t = new Date('2025-05-01T10:00:00.000Z');
    const id = denialEntryId('o-x', 'staff.grant', t);
    expect(denialEntryId('o-x', 'staff.grant', new Date(t.getTime() + DENIAL_WINDOW_MS - 1))).toBe(id);
    expect(denialEntryId('o-x', 'staff.grant', new Date(t.getTime() + DENIAL_WINDOW_MS))).not.toBe(id);
    expect(denialEntryId('o-y', 'staff.grant', t)).not.toBe(id);
    expect(denialEntryId('o-x', 'staff.revoke', t)).not.toBe(id);
    // An id a document may carry, whatever the caller's openid looks like.
    expect(denialEntryId('o/../\u0000$x.y', 'a', t)).toMatch(/^denied_\d+_[0-9a-f]{24}$/);
  });
});
