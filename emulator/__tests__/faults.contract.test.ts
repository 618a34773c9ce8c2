/**
 * Contract: injected faults, through the real SDK. A fault `before` a request leaves the data as
 * if the process died first; `after` applies it and then fails, as if it died right after.
 */
import type { TestEmulator } from '../testing';
import { contractSuite, emptyCollections } from './fixtures/contract-suite';

let t: TestEmulator;
let db: any;
let _: any;
contractSuite({ indexes: { accounts: [], notes: [] } }, (suite) => ({ t, db, _ } = suite));
beforeEach(async () => {
  t.emu.faults.clear();
  await emptyCollections(db, 'accounts', 'notes');
  await db.collection('accounts').add({ data: { _id: 'a', n: 10 } });
  t.emu.faults.clear();
});

const n = async (id: string) => (await db.collection('accounts').doc(id).get()).data.n;

test('before: the write is refused unapplied and the function sees a database error', async () => {
  t.emu.faults.add({ action: 'database.modifyDocument', timing: 'before' });
  const err = await db
    .collection('accounts')
    .doc('a')
    .update({ data: { n: _.inc(1) } })
    .catch((e: any) => e);
  expect(err.errCode).toBe(-502001);
  expect(String(err.errMsg)).toMatch(/injected fault/);
  expect(await n('a')).toBe(10);
  // One shot: the next write goes through.
  await db
    .collection('accounts')
    .doc('a')
    .update({ data: { n: _.inc(1) } });
  expect(await n('a')).toBe(11);
});

test('after: the write is applied, but the function is told it failed', async () => {
  t.emu.faults.add({ action: 'database.insertDocument', collection: 'notes', timing: 'after' });
  const err = await db
    .collection('notes')
    .add({ data: { _id: 'x' } })
    .catch((e: any) => e);
  expect(String(err.errMsg)).toMatch(/injected fault/);
  expect((await db.collection('notes').doc('x').get()).data._id).toBe('x');
});

test('a commit that fails before leaves nothing; after, everything', async () => {
  const transfer = () =>
    db.runTransaction(async (tx: any) => {
      await tx
        .collection('accounts')
        .doc('a')
        .update({ data: { n: _.inc(-1) } });
      await tx.collection('notes').add({ data: { t: 1 } });
    });
  t.emu.faults.add({ action: 'database.commitTransaction', timing: 'before' });
  await expect(transfer()).rejects.toBeDefined();
  expect(await n('a')).toBe(10);
  expect((await db.collection('notes').count()).total).toBe(0);

  t.emu.faults.add({ action: 'database.commitTransaction', timing: 'after' });
  await expect(transfer()).rejects.toBeDefined();
  expect(await n('a')).toBe(9);
  expect((await db.collection('notes').count()).total).toBe(1);
});

test('writesOnly counts plain writes and commits, not reads or writes inside a transaction; skip picks the k-th', async () => {
  const flow = async () => {
    await db.collection('accounts').doc('a').get();
    await db.collection('notes').add({ data: { step: 1 } });
    await db.runTransaction(async (tx: any) => {
      await tx
        .collection('accounts')
        .doc('a')
        .update({ data: { n: _.inc(1) } });
      await tx.collection('notes').add({ data: { step: 2 } });
    });
    await db.collection('notes').add({ data: { step: 3 } });
  };
  await flow();
  expect(t.emu.faults.committingWrites).toBe(3);

  // Fail the second committing write (the commit): step 1 stays, the rest never happens.
  await db
    .collection('notes')
    .where({ _id: _.exists(true) })
    .remove();
  await db
    .collection('accounts')
    .doc('a')
    .update({ data: { n: 10 } });
  t.emu.faults.clear();
  t.emu.faults.add({ writesOnly: true, skip: 1, timing: 'before' });
  await expect(flow()).rejects.toBeDefined();
  expect((await db.collection('notes').get()).data.map((d: any) => d.step)).toEqual([1]);
  expect(await n('a')).toBe(10);
});

test('the control API adds, lists and clears faults, and checks the rules it is given', async () => {
  const added = await t.control('/control/faults', { body: { action: 'database.removeDocument', times: 2 } });
  expect(added.status).toBe(200);
  expect(added.body.faults[0]).toMatchObject({ action: 'database.removeDocument', times: 2, timing: 'before' });
  expect((await t.control('/control/faults')).body.faults).toHaveLength(1);
  expect((await t.control('/control/faults', { body: { timing: 'sometimes' } })).status).toBe(400);
  expect((await t.control('/control/faults', { body: { explode: true } })).status).toBe(400);
  await t.control('/control/faults', { method: 'DELETE' });
  expect((await t.control('/control/faults')).body.faults).toEqual([]);
});
