import fc from 'fast-check';
import { startTestEmulator, type TestEmulator } from '../../emulator/testing';
import type { Database } from './database';
import { BACKOFF_CAP_MS, conflictBackoffMs, inTransaction, isTransactionConflict, transactWithin } from './transaction';

let t: TestEmulator;
beforeAll(async () => {
  t = await startTestEmulator({ indexes: { counters: [] } });
});
afterAll(() => t.emu.close());

test('conflicts are recognised from the SDK error, other errors are not', () => {
  expect(
    isTransactionConflict({ errCode: -501001, errMsg: 'document.update:fail -501001 resource system error. database transaction conflict: document x' }),
  ).toBe(true);
  expect(isTransactionConflict({ code: 'DATABASE_TRANSACTION_CONFLICT' })).toBe(true);
  expect(isTransactionConflict(new Error('E11000 duplicate key'))).toBe(false);
});

test('30 concurrent increments of one document all land, through retries', async () => {
  const db = t.db as Database;
  await t.db.collection('counters').add({ data: { _id: 'c', n: 0 } });
  await Promise.all(
    Array.from({ length: 30 }, () =>
      inTransaction(
        db,
        async (tx) => {
          const { data } = await tx.collection('counters').doc('c').get();
          await tx
            .collection('counters')
            .doc('c')
            .update({ data: { n: data.n + 1 } });
        },
        50,
      ),
    ),
  );
  expect((await t.db.collection('counters').doc('c').get()).data.n).toBe(30);
});

test('a non-conflict error is not retried', async () => {
  let runs = 0;
  await expect(
    inTransaction(t.db as Database, async () => {
      runs++;
      throw new Error('business rule');
    }),
  ).rejects.toThrow('business rule');
  expect(runs).toBe(1);
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
    const run = await transactWithin(counting, async () => 'unused', {
      deadline: 5_000,
      clock: () => clock,
      sleep: async (ms) => void (clock += ms + 20),
      random: () => 0.5,
    });
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
    await expect(transactWithin(db, async () => 'unused', { deadline: 10_000 })).rejects.toEqual({
      errMsg: 'crash at write 2 (fault 1, after database.commitTransaction)',
    });
    expect(attempts()).toBe(1);
  });
});
