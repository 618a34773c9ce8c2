import fc from 'fast-check';
import {
  byExpiry,
  decodeHistoryCursor,
  earn,
  EMPTY_WALLET,
  encodeHistoryCursor,
  expire,
  expiringBefore,
  expiryFor,
  lineTime,
  nextHistoryCursor,
  reverse,
  spend,
  type HistoryCursor,
  type Wallet,
} from './points.rules';

const day = 86_400_000;
const t0 = new Date('2026-01-01T00:00:00Z').getTime();
const at = (d: number) => new Date(t0 + d * day);
const must = (r: ReturnType<typeof earn>) => {
  if (!r.ok) throw new Error(r.message);
  return r.movement;
};

describe('earn, spend, reverse, expire', () => {
  test('spending takes the lots that expire first', () => {
    let w: Wallet = EMPTY_WALLET;
    w = must(earn(w, 'b', 100, at(10), at(400))).wallet;
    w = must(earn(w, 'a', 50, at(20), at(300))).wallet;
    const m = must(spend(w, 70, at(30)));
    expect(m.lots).toEqual([
      { key: 'a', amount: -50 },
      { key: 'b', amount: -20 },
    ]);
    expect(m.wallet.balance).toBe(80);
  });

  test('spending more than is available is POINTS_INSUFFICIENT and expired lots do not count', () => {
    let w = must(earn(EMPTY_WALLET, 'a', 100, at(0), at(10))).wallet;
    w = must(earn(w, 'b', 30, at(0), at(100))).wallet;
    expect(spend(w, 50, at(11))).toMatchObject({ ok: false, code: 'POINTS_INSUFFICIENT' });
    expect(spend(w, 30, at(11)).ok).toBe(true);
  });

  test('a reversal of spent points becomes debt, paid off by the next earnings', () => {
    let w = must(earn(EMPTY_WALLET, 'order:1:earn', 100, at(0), at(365))).wallet;
    w = must(spend(w, 80, at(1))).wallet;
    const rev = must(reverse(w, 'order:1:earn', 100));
    expect(rev).toMatchObject({ delta: -20, debtDelta: 80 });
    expect(rev.wallet).toMatchObject({ balance: 0, debt: 80 });
    const next = must(earn(rev.wallet, 'order:2:earn', 50, at(2), at(367)));
    expect(next).toMatchObject({ delta: 0, debtDelta: -50 });
    const after = must(earn(next.wallet, 'order:3:earn', 50, at(3), at(368)));
    expect(after).toMatchObject({ delta: 20, debtDelta: -30, wallet: { balance: 20, debt: 0 } });
  });

  test('expired points that were never spent are not turned into debt by a late reversal', () => {
    const w = must(earn(EMPTY_WALLET, 'k', 100, at(0), at(10))).wallet;
    const swept = expire(w, at(10));
    expect(swept).toMatchObject({ delta: -100, wallet: { balance: 0, lots: [] } });
    expect(must(reverse(swept.wallet, 'k', 100))).toMatchObject({ delta: 0, debtDelta: 0 });
  });

  test('invalid amounts are refused', () => {
    expect(earn(EMPTY_WALLET, 'x', 0, at(0), at(1))).toMatchObject({ ok: false, code: 'POINTS_AMOUNT_INVALID' });
    expect(spend(EMPTY_WALLET, 1.5, at(0))).toMatchObject({ ok: false, code: 'POINTS_AMOUNT_INVALID' });
  });

  test('what expires when', () => {
    let w = must(earn(EMPTY_WALLET, 'a', 10, at(0), at(20))).wallet;
    w = must(earn(w, 'b', 5, at(0), at(25))).wallet;
    w = must(earn(w, 'c', 7, at(0), at(90))).wallet;
    expect(expiringBefore(w, at(1), at(31))).toEqual({
      total: 15,
      lots: [
        { amount: 10, expiresAt: at(20) },
        { amount: 5, expiresAt: at(25) },
      ],
    });
  });

  test('expiry is the end of the Shanghai day, months later', () => {
    expect(expiryFor(new Date('2026-03-15T18:00:00Z'), 12).toISOString()).toBe('2027-03-16T15:59:59.999Z');
    expect(expiryFor(new Date('2026-03-15T02:00:00Z'), 12).toISOString()).toBe('2027-03-15T15:59:59.999Z');
  });
});

/**
 * Random sequences of earn, spend, reverse, expire and replays of earlier events, applied the way
 * the ledger does (an event's key is applied once). After every step the invariants hold.
 */
type Op =
  | { kind: 'earn'; key: string; amount: number }
  | { kind: 'spend'; key: string; amount: number }
  | { kind: 'reverse'; key: string; lot: string; amount: number }
  | { kind: 'expire'; days: number };

const lotKey = fc.constantFrom('o1', 'o2', 'o3', 'o4', 'o5', 'o6');
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('earn' as const), key: lotKey, amount: fc.integer({ min: 1, max: 500 }) }),
  fc.record({ kind: fc.constant('spend' as const), key: fc.constantFrom('s1', 's2', 's3', 's4', 's5', 's6', 's7'), amount: fc.integer({ min: 1, max: 400 }) }),
  fc.record({ kind: fc.constant('reverse' as const), key: fc.constantFrom('r1', 'r2', 'r3'), lot: lotKey, amount: fc.integer({ min: 1, max: 500 }) }),
  fc.record({ kind: fc.constant('expire' as const), days: fc.integer({ min: 0, max: 200 }) }),
);

test('ledger invariants hold for any sequence, and every replay is a no-op', () => {
  fc.assert(
    fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
      let wallet: Wallet = EMPTY_WALLET;
      let now = 0;
      const applied = new Set<string>();
      const entries: Array<{ delta: number; debtDelta: number }> = [];
      for (const o of ops) {
        const before = wallet;
        if (o.kind === 'expire') {
          now += o.days;
          const m = expire(wallet, at(now));
          wallet = m.wallet;
          entries.push(m);
        } else {
          const key = o.kind === 'earn' ? `${o.key}:earn` : o.kind === 'spend' ? `${o.key}:spend` : `${o.key}:${o.lot}:reverse`;
          if (applied.has(key)) {
            // A replay: the ledger finds the entry and changes nothing.
            expect(wallet).toBe(before);
            continue;
          }
          const r =
            o.kind === 'earn'
              ? earn(wallet, `${o.key}:earn`, o.amount, at(now), at(now + 365))
              : o.kind === 'spend'
                ? spend(wallet, o.amount, at(now))
                : reverse(wallet, `${o.lot}:earn`, o.amount);
          if (!r.ok) {
            expect(['POINTS_INSUFFICIENT', 'POINTS_DUPLICATE_LOT']).toContain(r.code);
            continue;
          }
          if (o.kind === 'spend') {
            // Oldest first: every usable lot that sorts before the last one touched is now empty.
            const touched = new Set(r.movement.lots.map((l) => l.key));
            const usable = r.movement.wallet.lots.filter((l) => l.expiresAt.getTime() > at(now).getTime()).sort(byExpiry);
            const lastIdx = Math.max(...usable.map((l, i) => (touched.has(l.key) ? i : -1)));
            usable.slice(0, lastIdx).forEach((l) => expect(l.remaining).toBe(0));
          }
          applied.add(key);
          wallet = r.movement.wallet;
          entries.push(r.movement);
        }
        expect(wallet.balance).toBe(entries.reduce((s, e) => s + e.delta, 0));
        expect(wallet.debt).toBe(entries.reduce((s, e) => s + e.debtDelta, 0));
        expect(wallet.balance).toBe(wallet.lots.reduce((s, l) => s + l.remaining, 0));
        expect(wallet.balance).toBeGreaterThanOrEqual(0);
        expect(wallet.debt).toBeGreaterThanOrEqual(0);
        wallet.lots.forEach((l) => {
          expect(l.remaining).toBeGreaterThanOrEqual(0);
          expect(l.remaining + l.spent).toBeLessThanOrEqual(l.amount);
        });
      }
    }),
    { numRuns: 500 },
  );
});

describe('line times and history cursors', () => {
  test('a line is written at the attempt’s time, but always after the member’s previous line', () => {
    const t = at(1);
    expect(lineTime(t, null)).toBe(t);
    expect(lineTime(t, at(0)).getTime()).toBe(t.getTime());
    expect(lineTime(t, t).getTime()).toBe(t.getTime() + 1);
    // A clock behind the previous line (another instance, or a retry that read its time earlier).
    expect(lineTime(at(0), at(1)).getTime()).toBe(at(1).getTime() + 1);
  });

  test('whatever times attempts read, lines committed one after another are strictly increasing', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 1, maxLength: 60 }), (offsets) => {
        let previous: Date | null = null;
        for (const o of offsets) {
          const t = lineTime(new Date(t0 + o), previous);
          if (previous) expect(t.getTime()).toBeGreaterThan(previous.getTime());
          previous = t;
        }
      }),
    );
  });

  test('cursors carry a time and a count, never a ledger key; older formats start again at their time', () => {
    const c: HistoryCursor = { at: at(3), shownAtTime: 2 };
    expect(encodeHistoryCursor(c)).toBe(`${at(3).toISOString()}~2`);
    expect(decodeHistoryCursor(encodeHistoryCursor(c))).toEqual(c);
    expect(decodeHistoryCursor(`${at(3).toISOString()}~redeem:oAbc:req-1`)).toEqual({ at: at(3), shownAtTime: 0 });
    expect(decodeHistoryCursor(at(3).toISOString())).toEqual({ at: at(3), shownAtTime: 0 });
    expect(decodeHistoryCursor('not a time~1')).toBeNull();
  });

  test('paging by cursor over lines with tied times shows each line once, in order', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 40 }), fc.integer({ min: 1, max: 6 }), (times, limit) => {
        // The store's order: time descending, then id descending.
        const lines = times
          .map((t, i) => ({ id: String(i).padStart(3, '0'), createdAt: at(t) }))
          .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1));
        const page = (after: HistoryCursor | null) =>
          lines.filter((l) => !after || l.createdAt.getTime() <= after.at.getTime()).slice(after?.shownAtTime ?? 0, (after?.shownAtTime ?? 0) + limit);
        const seen: string[] = [];
        let cursor: HistoryCursor | null = null;
        for (let n = 0; n < 100; n++) {
          const p = page(cursor);
          seen.push(...p.map((l) => l.id));
          cursor = nextHistoryCursor(p, limit, cursor);
          if (!cursor) break;
          cursor = decodeHistoryCursor(encodeHistoryCursor(cursor));
        }
        expect(seen).toEqual(lines.map((l) => l.id));
      }),
      { numRuns: 300 },
    );
  });
});
