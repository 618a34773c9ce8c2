/**
 * Contract: transactions through the real SDK's runTransaction / startTransaction.
 */
import type { TestEmulator } from '../testing';
import { contractSuite, emptyCollections } from './fixtures/contract-suite';

let t: TestEmulator;
let db: any;
let _: any;
contractSuite(
  {
    indexes: { accounts: [], ledger: [{ name: 'source', keys: { source: 1 }, unique: true }] },
    transactionTimeoutMs: 300,
    lockWaitMs: 2_000,
  },
  (suite) => ({ t, db, _ } = suite),
);

beforeEach(async () => {
  await emptyCollections(db, 'accounts', 'ledger');
  await db.collection('accounts').add({ data: { _id: 'a', balance: 100 } });
  await db.collection('accounts').add({ data: { _id: 'b', balance: 0 } });
});

const balance = async (id: string) => (await db.collection('accounts').doc(id).get()).data.balance;

test('commit applies every write of the transaction', async () => {
  const result = await db.runTransaction(async (tx: any) => {
    const a = (await tx.collection('accounts').doc('a').get()).data;
    await tx
      .collection('accounts')
      .doc('a')
      .update({ data: { balance: a.balance - 30 } });
    await tx
      .collection('accounts')
      .doc('b')
      .update({ data: { balance: _.inc(30) } });
    await tx.collection('ledger').add({ data: { source: 'transfer:1', amount: 30 } });
    return 'done';
  });
  expect(result).toBe('done');
  expect(await balance('a')).toBe(70);
  expect(await balance('b')).toBe(30);
  expect((await db.collection('ledger').count()).total).toBe(1);
});

test('a thrown error rolls back everything and surfaces the error', async () => {
  await expect(
    db.runTransaction(async (tx: any) => {
      await tx
        .collection('accounts')
        .doc('a')
        .update({ data: { balance: _.inc(-50) } });
      await tx.collection('ledger').add({ data: { source: 'transfer:2' } });
      throw new Error('insufficient');
    }),
  ).rejects.toThrow('insufficient');
  expect(await balance('a')).toBe(100);
  expect((await db.collection('ledger').count()).total).toBe(0);
});

test('explicit rollback returns the reason and writes nothing', async () => {
  await expect(
    db.runTransaction(async (tx: any) => {
      await tx
        .collection('accounts')
        .doc('b')
        .update({ data: { balance: 5 } });
      await tx.rollback('changed my mind');
    }),
  ).rejects.toBe('changed my mind');
  expect(await balance('b')).toBe(0);
});

test('a unique violation at commit fails the whole transaction', async () => {
  await db.collection('ledger').add({ data: { source: 'order:9:earn' } });
  await expect(
    db.runTransaction(async (tx: any) => {
      await tx
        .collection('accounts')
        .doc('a')
        .update({ data: { balance: _.inc(10) } });
      await tx.collection('ledger').add({ data: { source: 'order:9:earn' } });
    }),
  ).rejects.toMatchObject({ message: expect.stringContaining('E11000') });
  expect(await balance('a')).toBe(100);
});

test('reads inside see a snapshot; their own writes; not later commits by others', async () => {
  const tx = await db.startTransaction();
  expect((await tx.collection('accounts').doc('a').get()).data.balance).toBe(100);
  await db
    .collection('accounts')
    .doc('b')
    .update({ data: { balance: 77 } });
  expect((await tx.collection('accounts').doc('b').get()).data.balance).toBe(0);
  await tx
    .collection('accounts')
    .doc('a')
    .update({ data: { balance: 1 } });
  expect((await tx.collection('accounts').doc('a').get()).data.balance).toBe(1);
  expect(await balance('a')).toBe(100);
  const inTx = await tx
    .collection('accounts')
    .where({ balance: _.gte(0) })
    .get();
  expect(inTx.data.map((d: any) => [d._id, d.balance]).sort()).toEqual([
    ['a', 1],
    ['b', 0],
  ]);
  await tx.commit();
  expect(await balance('a')).toBe(1);
  expect(await balance('b')).toBe(77);
});

test('a second transaction writing a locked document gets a conflict at once', async () => {
  const t1 = await db.startTransaction();
  const t2 = await db.startTransaction();
  await t1
    .collection('accounts')
    .doc('a')
    .update({ data: { balance: 1 } });
  const started = Date.now();
  const err = await t2
    .collection('accounts')
    .doc('a')
    .update({ data: { balance: 2 } })
    .catch((e: any) => e);
  expect(Date.now() - started).toBeLessThan(1_000);
  expect(String(err.errMsg ?? err.message)).toContain('conflict');
  await t2.rollback();
  await t1.commit();
  expect(await balance('a')).toBe(1);
});

test('/control/stats counts transactions started, committed, rolled back and conflicting', async () => {
  const before = (await t.control('/control/stats')).body.transactions;
  const t1 = await db.startTransaction();
  const t2 = await db.startTransaction();
  await t1
    .collection('accounts')
    .doc('a')
    .update({ data: { balance: 3 } });
  await t2
    .collection('accounts')
    .doc('a')
    .update({ data: { balance: 4 } })
    .catch(() => undefined);
  await t2.rollback();
  await t1.commit();
  const after = (await t.control('/control/stats')).body.transactions;
  expect(after.started - before.started).toBe(2);
  expect(after.committed - before.committed).toBe(1);
  expect(after.aborted - before.aborted).toBe(1);
  expect(after.conflicts - before.conflicts).toBe(1);
  expect(after.conflictsByCollection.accounts - (before.conflictsByCollection.accounts ?? 0)).toBe(1);
});

test('writing a document committed after the snapshot conflicts (no lost update)', async () => {
  const t1 = await db.startTransaction();
  const seen = (await t1.collection('accounts').doc('a').get()).data.balance;
  await db
    .collection('accounts')
    .doc('a')
    .update({ data: { balance: _.inc(5) } });
  const err = await t1
    .collection('accounts')
    .doc('a')
    .update({ data: { balance: seen + 1 } })
    .catch((e: any) => e);
  expect(String(err.errMsg ?? err.message)).toContain('conflict');
  await t1.rollback();
  expect(await balance('a')).toBe(105);
});

test('concurrent increments: every successful commit is counted, none lost', async () => {
  const attempts = 40;
  const outcomes = await Promise.allSettled(
    Array.from({ length: attempts }, () =>
      db.runTransaction(async (tx: any) => {
        const doc = (await tx.collection('accounts').doc('b').get()).data;
        await new Promise((r) => setTimeout(r, Math.random() * 5));
        await tx
          .collection('accounts')
          .doc('b')
          .update({ data: { balance: doc.balance + 1 } });
      }, 10),
    ),
  );
  const ok = outcomes.filter((o) => o.status === 'fulfilled').length;
  expect(ok).toBeGreaterThan(0);
  expect(await balance('b')).toBe(ok);
});

test('a plain write waits for the lock, then applies after the commit', async () => {
  const tx = await db.startTransaction();
  await tx
    .collection('accounts')
    .doc('a')
    .update({ data: { balance: 50 } });
  let plainDone = false;
  const plain = db
    .collection('accounts')
    .doc('a')
    .update({ data: { balance: _.inc(1) } })
    .then(() => (plainDone = true));
  await new Promise((r) => setTimeout(r, 100));
  expect(plainDone).toBe(false);
  await tx.commit();
  await plain;
  expect(await balance('a')).toBe(51);
});

test('an open transaction times out, is rolled back and releases its locks', async () => {
  const tx = await db.startTransaction();
  await tx
    .collection('accounts')
    .doc('a')
    .update({ data: { balance: 0 } });
  await new Promise((r) => setTimeout(r, 800));
  await expect(tx.commit()).rejects.toBeDefined();
  expect(await balance('a')).toBe(100);
  await db
    .collection('accounts')
    .doc('a')
    .update({ data: { balance: 3 } });
  expect(await balance('a')).toBe(3);
});

test('the SDK trap: where().update() inside a transaction runs outside it', async () => {
  // Documented so the project's code never relies on it: the SDK omits transactionId here.
  await expect(
    db.runTransaction(async (tx: any) => {
      await tx
        .collection('accounts')
        .where({ _id: 'b' })
        .update({ data: { balance: 999 } });
      throw new Error('abort');
    }),
  ).rejects.toThrow('abort');
  expect(await balance('b')).toBe(999);
});
