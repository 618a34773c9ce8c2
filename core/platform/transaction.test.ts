import { startTestEmulator, type TestEmulator } from '../../emulator/testing';
import type { Database } from './database';
import { inTransaction, isTransactionConflict } from './transaction';

let t: TestEmulator;
beforeAll(async () => {
  t = await startTestEmulator({ indexes: { counters: [] } });
});
afterAll(() => t.emu.close());

test('conflicts are recognised from the SDK error, other errors are not', () => {
  expect(isTransactionConflict({ errCode: -501001, errMsg: 'document.update:fail -501001 resource system error. database transaction conflict: document x' })).toBe(true);
  expect(isTransactionConflict({ code: 'DATABASE_TRANSACTION_CONFLICT' })).toBe(true);
  expect(isTransactionConflict(new Error('E11000 duplicate key'))).toBe(false);
});

test('30 concurrent increments of one document all land, through retries', async () => {
  const db = t.db as Database;
  await t.db.collection('counters').add({ data: { _id: 'c', n: 0 } });
  await Promise.all(
    Array.from({ length: 30 }, () =>
      inTransaction(db, async (tx) => {
        const { data } = await tx.collection('counters').doc('c').get();
        await tx.collection('counters').doc('c').update({ data: { n: data.n + 1 } });
      }, 50),
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
