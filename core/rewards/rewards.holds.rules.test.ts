import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { transactWithin } from './rewards.budget';
import { BACKOFF_CAP_MS, conflictBackoffMs, holdField, holdVerdict, ORPHAN_HOLD_AGE_MS } from './rewards.holds.rules';
import type { RedemptionDoc, VoidedRequestDoc } from './rewards.model';
import { REDEEM_BUDGET_MS } from './rewards.redeem';
import type { Database } from '../platform/database';

const at = new Date('2026-05-01T08:00:00Z');
const hold = { id: 'hold-a', at: new Date(at.getTime() - 1000) };
const redeemed = (holdId: string | null | undefined): RedemptionDoc => ({
  _id: 'redeem:o-1:req-1', memberId: 'o-1', requestId: 'req-1', rewardId: 'rw', kind: 'coupon', title: '券', pointsCost: 100,
  couponId: 'cpn_x', stockShard: 0, holdId, balanceAfter: 0, status: 'issued', createdAt: at,
});
const voided: VoidedRequestDoc = { _id: 'redeem:o-1:req-1', memberId: 'o-1', status: 'void', voidedAt: at };

describe('what becomes of a held unit', () => {
  test('the redemption that used it settles it; any other outcome gives it back', () => {
    expect(holdVerdict(hold, redeemed('hold-a'), at)).toBe('settle');
    expect(holdVerdict(hold, { ...redeemed('hold-a'), status: 'pending_fulfilment' }, at)).toBe('settle');
    // The request redeemed with another unit (a twin took its own): this one is surplus.
    expect(holdVerdict(hold, redeemed('hold-b'), at)).toBe('release');
    // Redemptions made before holds existed name no hold: a hold for them is surplus.
    expect(holdVerdict(hold, redeemed(undefined), at)).toBe('release');
    expect(holdVerdict(hold, voided, at)).toBe('release');
  });

  test('without an outcome: wait while the redemption may still run, void an orphan', () => {
    expect(holdVerdict(hold, null, at)).toBe('wait');
    expect(holdVerdict({ id: 'h', at: new Date(at.getTime() - ORPHAN_HOLD_AGE_MS + 1) }, null, at)).toBe('wait');
    expect(holdVerdict({ id: 'h', at: new Date(at.getTime() - ORPHAN_HOLD_AGE_MS) }, null, at)).toBe('void');
    // Stored times come back as strings from some readers.
    expect(holdVerdict({ id: 'h', at: new Date(at.getTime() - ORPHAN_HOLD_AGE_MS).toISOString() as unknown as Date }, null, at)).toBe('void');
  });

  test('the hold field is a stable digest of the request, safe in a field path', () => {
    expect(holdField('redeem:o-1:req-1')).toBe(holdField('redeem:o-1:req-1'));
    expect(holdField('redeem:o-1:req-1')).not.toBe(holdField('redeem:o-2:req-1'));
    expect(holdField('redeem:o.x:$req')).toMatch(/^h[0-9a-f]{24}$/);
  });
});

describe('waiting after a conflict', () => {
  test('a random wait under a bound that doubles per attempt up to the cap', () => {
    expect(conflictBackoffMs(1, () => 0.999)).toBe(9);
    expect(conflictBackoffMs(2, () => 0.999)).toBe(19);
    expect(conflictBackoffMs(20, () => 0.999)).toBe(BACKOFF_CAP_MS - 1);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.double({ min: 0, max: 0.999999, noNaN: true }), (attempt, r) => {
        const wait = conflictBackoffMs(attempt, () => r);
        expect(wait).toBeGreaterThanOrEqual(0);
        expect(wait).toBeLessThan(BACKOFF_CAP_MS);
      }),
    );
  });
});

/** A database whose transactions fail with `errors` in turn, then succeed with `value`. */
function fakeDb(errors: unknown[], value = 'committed'): { db: Database; attempts: () => number } {
  let attempts = 0;
  const db = {
    runTransaction: async () => {
      const e = errors[attempts++];
      if (e) throw e;
      return value;
    },
  } as unknown as Database;
  return { db, attempts: () => attempts };
}
const conflict = { errMsg: 'DATABASE_TRANSACTION_CONFLICT: write conflict on points_wallets/o-1' };
const duplicate = { errMsg: '-502001 E11000 duplicate key error collection: redemptions' };

describe('a transaction retried within a time budget', () => {
  test('retries conflicts (and a twin that inserted first) until it commits', async () => {
    const { db, attempts } = fakeDb([conflict, duplicate, conflict]);
    let clock = 0;
    const run = await transactWithin(db, async () => 'unused', { deadline: 10_000, clock: () => clock, sleep: async (ms) => void (clock += ms) });
    expect(run).toEqual({ done: true, value: 'committed', attempts: 4 });
    expect(attempts()).toBe(4);
  });

  test('stops when the next attempt would start after the deadline: no attempt past it, however many conflicts', async () => {
    const { db, attempts } = fakeDb(Array(10_000).fill(conflict));
    let clock = 0;
    const starts: number[] = [];
    const counting = { runTransaction: async (body: never) => (starts.push(clock), db.runTransaction(body)) } as unknown as Database;
    const run = await transactWithin(counting, async () => 'unused', { deadline: 5_000, clock: () => clock, sleep: async (ms) => void (clock += ms + 20), random: () => 0.5 });
    expect(run.done).toBe(false);
    expect(run.attempts).toBe(attempts());
    expect(starts.every((t) => t < 5_000)).toBe(true);
    // Waits grow: far fewer attempts than 5 s of back-to-back retries would make.
    expect(run.attempts).toBeLessThan(60);
  });

  test('the first attempt runs even when the budget is already spent (the unit is held; the commit decides)', async () => {
    const { db } = fakeDb([]);
    expect(await transactWithin(db, async () => 'unused', { deadline: 0, clock: () => 1 })).toEqual({ done: true, value: 'committed', attempts: 1 });
  });

  test('any other error is thrown at once: it may have committed, so nothing is given back', async () => {
    const { db, attempts } = fakeDb([{ errMsg: 'crash at write 2 (fault 1, after database.commitTransaction)' }]);
    await expect(transactWithin(db, async () => 'unused', { deadline: 10_000 })).rejects.toEqual({ errMsg: 'crash at write 2 (fault 1, after database.commitTransaction)' });
    expect(attempts()).toBe(1);
  });
});

test("the redemption's budget is well inside the points function's time limit", () => {
  const config = JSON.parse(readFileSync(join(__dirname, '..', '..', 'cloudfunctions', 'points', 'config.json'), 'utf8')) as { timeout?: number };
  const limitMs = (config.timeout ?? 3) * 1000;
  // One attempt may still be running at the deadline, and the unit is settled or given back after it.
  expect(REDEEM_BUDGET_MS * 3).toBeLessThanOrEqual(limitMs);
});
