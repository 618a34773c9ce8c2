import fc from 'fast-check';
import { DAY_MS } from './ladder.config';
import { emptyFacts, factProblem, ladderFactSchema, mergeFact, toLadderFacts, type LadderFact, type MemberFactsDoc } from './ladder.facts';

const NOW = new Date('2026-11-27T02:00:00Z');
const ago = (days: number) => new Date(NOW.getTime() - days * DAY_MS);
const M = 'm1';

const fold = (facts: LadderFact[], start: MemberFactsDoc = emptyFacts(M)) => facts.reduce((doc, f) => mergeFact(doc, f, NOW).doc, start);
const strip = (doc: MemberFactsDoc) => ({
  orders: [...doc.orders].sort((a, b) => a.orderId.localeCompare(b.orderId)),
  conversions: [...doc.conversions].sort((a, b) => a.orderId.localeCompare(b.orderId)),
});

describe('mergeFact: keyed by order id, each field set once', () => {
  test('a replayed payment changes nothing', () => {
    const once = mergeFact(emptyFacts(M), { kind: 'order_paid', memberId: M, orderId: 'o1', paidAt: ago(1) }, NOW);
    expect(once.changed).toBe(true);
    const again = mergeFact(once.doc, { kind: 'order_paid', memberId: M, orderId: 'o1', paidAt: ago(1) }, NOW);
    expect(again).toEqual({ doc: once.doc, changed: false });
    // A second report with another time is the same order: the first report wins.
    expect(mergeFact(once.doc, { kind: 'order_paid', memberId: M, orderId: 'o1', paidAt: ago(2) }, NOW).changed).toBe(false);
  });

  test('a refund that overtakes its payment still wins', () => {
    const doc = fold([
      { kind: 'order_refunded', memberId: M, orderId: 'o1', refundedAt: ago(1) },
      { kind: 'order_paid', memberId: M, orderId: 'o1', paidAt: ago(2) },
    ]);
    expect(doc.orders).toEqual([{ orderId: 'o1', paidAt: ago(2), refundedAt: ago(1) }]);
    expect(toLadderFacts(doc, ago(10)).orders).toEqual([{ orderId: 'o1', paidAt: ago(2), refundedAt: ago(1) }]);
  });

  test('a reversal before the confirmation: the conversion never counts', () => {
    const doc = fold([
      { kind: 'conversion_reversed', memberId: M, orderId: 'x1', reversedAt: ago(1) },
      { kind: 'conversion_confirmed', memberId: M, friendId: 'f1', orderId: 'x1', confirmedAt: ago(2) },
    ]);
    expect(toLadderFacts(doc, ago(10)).conversions).toEqual([{ orderId: 'x1', friendId: 'f1', confirmedAt: ago(2), reversedAt: ago(1) }]);
  });

  test('a refund alone (payment not yet reported) is kept but counts as no order', () => {
    const doc = fold([{ kind: 'order_refunded', memberId: M, orderId: 'o1', refundedAt: ago(1) }]);
    expect(doc.orders).toHaveLength(1);
    expect(toLadderFacts(doc, ago(10)).orders).toEqual([]);
  });

  test('facts older than any configurable period are dropped, and never stored', () => {
    const old = mergeFact(emptyFacts(M), { kind: 'order_paid', memberId: M, orderId: 'o-old', paidAt: ago(400) }, NOW);
    expect(old.changed).toBe(false);
    const start: MemberFactsDoc = { ...emptyFacts(M), orders: [{ orderId: 'o-old', paidAt: ago(367), refundedAt: null }] };
    const next = mergeFact(start, { kind: 'order_paid', memberId: M, orderId: 'o2', paidAt: ago(1) }, NOW);
    expect(next.doc.orders.map((o) => o.orderId)).toEqual(['o2']);
  });

  test("'joined' stores nothing: membership lives on the member document", () => {
    expect(mergeFact(emptyFacts(M), { kind: 'joined', memberId: M, joinedAt: ago(1) }, NOW).changed).toBe(false);
  });

  test('any order of delivery, with any replays, ends in the same facts', () => {
    const all: LadderFact[] = [
      { kind: 'order_paid', memberId: M, orderId: 'o1', paidAt: ago(5) },
      { kind: 'order_paid', memberId: M, orderId: 'o2', paidAt: ago(4) },
      { kind: 'order_refunded', memberId: M, orderId: 'o2', refundedAt: ago(3) },
      { kind: 'conversion_confirmed', memberId: M, friendId: 'f1', orderId: 'x1', confirmedAt: ago(2) },
      { kind: 'conversion_reversed', memberId: M, orderId: 'x1', reversedAt: ago(1) },
      { kind: 'conversion_confirmed', memberId: M, friendId: 'f2', orderId: 'x2', confirmedAt: ago(1) },
    ];
    const reference = strip(fold(all));
    // Every fact delivered three times, in any order.
    const thrice = [...all, ...all, ...all];
    fc.assert(
      fc.property(fc.shuffledSubarray(thrice, { minLength: thrice.length }), (sequence) => {
        expect(strip(fold(sequence))).toEqual(reference);
      }),
      { numRuns: 200 },
    );
  });
});

describe('fact validation', () => {
  test('shapes are checked; ISO strings from events become dates', () => {
    const parsed = ladderFactSchema.parse({ kind: 'order_paid', memberId: M, orderId: 'o1', paidAt: '2026-11-27T01:00:00.000Z' });
    expect(parsed).toEqual({ kind: 'order_paid', memberId: M, orderId: 'o1', paidAt: new Date('2026-11-27T01:00:00.000Z') });
    for (const bad of [
      { kind: 'order_paid', memberId: M, orderId: 'o1' },
      { kind: 'order_paid', memberId: M, orderId: '', paidAt: NOW },
      { kind: 'order_paid', memberId: M, orderId: 'o1', paidAt: null },
      { kind: 'order_paid', memberId: M, orderId: 'o1', paidAt: 'yesterday' },
      { kind: 'order_shipped', memberId: M, orderId: 'o1' },
      { kind: 'conversion_confirmed', memberId: M, orderId: 'x1', confirmedAt: NOW },
      { kind: 'order_paid', memberId: M, orderId: 'o1', paidAt: NOW, tier: 'koc' },
    ]) {
      expect(ladderFactSchema.safeParse(bad).success).toBe(false);
    }
  });

  test("one cannot be one's own referred friend; facts from the future are refused", () => {
    expect(factProblem({ kind: 'conversion_confirmed', memberId: M, friendId: M, orderId: 'x', confirmedAt: NOW }, NOW)).toMatch('自己');
    expect(factProblem({ kind: 'order_paid', memberId: M, orderId: 'o', paidAt: new Date(NOW.getTime() + 2 * DAY_MS) }, NOW)).toMatch('晚于');
    expect(factProblem({ kind: 'order_paid', memberId: M, orderId: 'o', paidAt: new Date(NOW.getTime() + 60_000) }, NOW)).toBeNull();
  });
});
