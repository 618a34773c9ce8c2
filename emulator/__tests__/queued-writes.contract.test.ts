/**
 * Contract: plain writes that queue behind a transaction's lock. When the lock is released every
 * waiter must re-read the document and apply its update to the latest committed copy, one after
 * another; an update acknowledged as `updated: 1` must be in the final document. (A waiter that
 * applied its update to the copy it read before waiting would make the last writer win: three
 * conditional decrements of a stock of one would all succeed.)
 */
import type { TestEmulator } from '../testing';
import { contractSuite, emptyCollections } from './fixtures/contract-suite';

let t: TestEmulator;
let db: any;
let _: any;
contractSuite({ indexes: { products: [], counters: [] }, transactionTimeoutMs: 5_000, lockWaitMs: 5_000 }, (suite) => ({ t, db, _ } = suite));

beforeEach(async () => {
  await emptyCollections(db, 'products', 'counters');
});

/** Opens a transaction that locks the document, lets `queue` start its writes, then commits. */
async function behindLock<T>(collection: string, id: string, lockWrite: Record<string, unknown>, queue: () => Array<Promise<T>>): Promise<T[]> {
  const tx = await db.startTransaction();
  await tx.collection(collection).doc(id).update({ data: lockWrite });
  const pending = queue();
  // Let every queued request reach the emulator and wait on the lock.
  await new Promise((r) => setTimeout(r, 150));
  expect(t.emu.db.txns.lockHolder(`${collection}\u0000${id}`)).toBeDefined();
  await tx.commit();
  return Promise.all(pending);
}

test('conditional decrements queued behind a lock never sell more than the stock', async () => {
  await db.collection('products').add({ data: { _id: 'p1', stock: 1, touched: 0 } });
  const results = await behindLock('products', 'p1', { touched: 1 }, () =>
    [1, 2, 3].map(() =>
      db
        .collection('products')
        .where({ _id: 'p1', stock: _.gte(1) })
        .update({ data: { stock: _.inc(-1) } }),
    ),
  );
  const acknowledged = results.filter((r: any) => r.stats.updated === 1).length;
  const final = (await db.collection('products').doc('p1').get()).data;
  expect(acknowledged).toBe(1);
  expect(final.stock).toBe(0);
  expect(final.touched).toBe(1);
});

test.each([2, 5, 20])('%i increments queued behind a lock all count', async (n) => {
  await db.collection('counters').add({ data: { _id: 'c', n: 0, held: false } });
  const results = await behindLock('counters', 'c', { held: true }, () =>
    Array.from({ length: n }, () =>
      db
        .collection('counters')
        .doc('c')
        .update({ data: { n: _.inc(1) } }),
    ),
  );
  expect(results.every((r: any) => r.stats.updated === 1)).toBe(true);
  const final = (await db.collection('counters').doc('c').get()).data;
  expect(final.n).toBe(n);
  expect(final.held).toBe(true);
});

test('a queued update applies to what the transaction committed, not to what it read before waiting', async () => {
  await db.collection('counters').add({ data: { _id: 'c', n: 10 } });
  const [r]: any[] = await behindLock('counters', 'c', { n: 100 }, () => [
    db
      .collection('counters')
      .doc('c')
      .update({ data: { n: _.inc(1) } }),
  ]);
  expect(r.stats.updated).toBe(1);
  expect((await db.collection('counters').doc('c').get()).data.n).toBe(101);
});

test('queued removes see the committed document and each reports what it removed', async () => {
  await db.collection('products').add({ data: { _id: 'p2', stock: 0 } });
  const results = await behindLock('products', 'p2', { stock: 5 }, () => [1, 2].map(() => db.collection('products').where({ _id: 'p2', stock: 0 }).remove()));
  // The transaction made stock 5 before the removes ran: neither may remove it.
  expect(results.map((r: any) => r.stats.removed)).toEqual([0, 0]);
  expect((await db.collection('products').doc('p2').get()).data.stock).toBe(5);
});
