/**
 * Malformed requests get errors in the SDK's shapes and never take the emulator down.
 */
import { startTestEmulator, type TestEmulator } from '../testing';

let t: TestEmulator;
beforeAll(async () => {
  t = await startTestEmulator({ indexes: { things: [] } });
});
afterAll(() => t.emu.close());

const admin = async (body: unknown, raw?: string) => {
  const res = await fetch(`${t.emu.url}/admin`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: raw ?? JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
};

test.each([
  ['unknown action', { action: 'database.teleport' }, 'INVALID_ACTION', /unknown action "database.teleport"/],
  ['missing action', {}, 'INVALID_ACTION', /unknown action/],
  ['missing collection name', { action: 'database.getDocument', queryType: 'WHERE', query: '{}' }, 'INVALID_PARAM', /collectionName is required/],
  ['malformed EJSON query', { action: 'database.getDocument', collectionName: 'things', query: '{"a":' }, 'INVALID_PARAM', /malformed EJSON in query/],
  ['bad EJSON value', { action: 'database.getDocument', collectionName: 'things', query: '{"a":{"$oid":"not-hex"}}' }, 'INVALID_PARAM', /malformed EJSON/],
  ['query that is not an object', { action: 'database.getDocument', collectionName: 'things', query: '[1,2]' }, 'INVALID_PARAM', /query must be an object/],
  [
    'negative limit',
    { action: 'database.getDocument', collectionName: 'things', query: '{}', limit: -1 },
    'INVALID_PARAM',
    /limit must be a non-negative integer/,
  ],
  ['insert without documents', { action: 'database.insertDocument', collectionName: 'things', data: [] }, 'INVALID_PARAM', /non-empty array/],
  [
    'unknown query operator',
    { action: 'database.getDocument', collectionName: 'things', query: '{"a":{"$teleport":1}}' },
    'DATABASE_REQUEST_FAILED',
    /invalid query: .*teleport/,
  ],
  [
    'unknown update operator',
    { action: 'database.modifyDocument', collectionName: 'things', queryType: 'WHERE', query: '{}', data: '{"$teleport":{"a":1}}', multi: true },
    'DATABASE_REQUEST_FAILED',
    /unknown update operator \$teleport/,
  ],
  ['bad collection name', { action: 'database.getDocument', collectionName: '../etc', query: '{}' }, 'INVALID_PARAM', /invalid collection name/],
  ['unknown transaction', { action: 'database.commitTransaction', transactionId: 'nope' }, 'DATABASE_TRANSACTION_FAIL', /transaction nope does not exist/],
  [
    'aggregate with a bad stage',
    { action: 'database.aggregateDocuments', collectionName: 'things', stages: [{ stageKey: 'match', stageValue: '{}' }] },
    'INVALID_PARAM',
    /stageKey/,
  ],
])('%s', async (_name, body, code, message) => {
  const res = await admin(body);
  expect(res.status).toBe(200);
  expect(res.body.code).toBe(code);
  expect(res.body.message).toMatch(message);
});

test('a body that is not JSON is an INVALID_PARAM reply', async () => {
  const res = await admin(null, 'not json at all');
  expect(res.body).toMatchObject({ code: 'INVALID_PARAM', message: 'request body is not valid JSON' });
});

test('the SDK sees a typed error for bad requests, and the emulator keeps serving', async () => {
  const err = await t.db
    .collection('things')
    .where({ a: t.db.command.gt(1) })
    .limit(-5)
    .get()
    .catch((e: any) => e);
  expect(err).toBeInstanceOf(Error);
  const ok = await t.db.collection('things').add({ data: { fine: true } });
  expect(ok.errMsg).toBe('collection.add:ok');
});
