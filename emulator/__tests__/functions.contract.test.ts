/**
 * Contract: functions served by the emulator — identity isolation, function-to-function calls,
 * time limits, timer triggers on the emulator clock, and the H5 gateway.
 */
import { startTestEmulator, type TestEmulator } from '../testing';

let t: TestEmulator;

beforeAll(async () => {
  t = await startTestEmulator({ indexes: { visits: [] }, timers: false });
  const { cloud } = t;
  t.emu.registerFunction(
    'whoami',
    async (event: any) => {
      await new Promise((r) => setTimeout(r, Math.random() * 20));
      const before = cloud.getWXContext().OPENID;
      // A database round trip in between must not leak another caller's identity.
      await t.db.collection('visits').add({ data: { openid: before, tag: event.tag } });
      const after = cloud.getWXContext();
      return { before, after: after.OPENID, appid: after.APPID, source: after.SOURCE, tag: event.tag };
    },
    { timeout: 20 },
  );
  t.emu.registerFunction(
    'caller',
    async (event: any) => {
      const res = await cloud.callFunction({ name: 'whoami', data: { tag: event.tag } });
      return { inner: res.result, errMsg: res.errMsg, outer: cloud.getWXContext().OPENID };
    },
    { timeout: 20 },
  );
  t.emu.registerFunction('slow', () => new Promise((r) => setTimeout(() => r('late'), 1_500)), { timeout: 1 });
  t.emu.registerFunction('boom', () => {
    throw new Error('kaboom');
  });
  t.emu.registerFunction('clock', () => ({ offset: Number(process.env.WX_EMULATOR_CLOCK_OFFSET_MS) }));
});
afterAll(() => t.emu.close());

test('200 overlapping calls with 200 OPENIDs each see their own identity', async () => {
  const results = await Promise.all(Array.from({ length: 200 }, (_v, i) => t.emu.invoke('whoami', { tag: i }, { OPENID: `user-${i}` })));
  results.forEach(({ result }, i) => {
    expect(result).toMatchObject({ before: `user-${i}`, after: `user-${i}`, tag: i, source: 'wx_client' });
  });
  const stored = await t.db.collection('visits').limit(1000).get();
  expect(stored.data).toHaveLength(200);
  for (const v of stored.data) expect(v.openid).toBe(`user-${v.tag}`);
});

test('cloud.callFunction reaches another function; the callee gets no user identity', async () => {
  const { result } = await t.emu.invoke('caller', { tag: 'x' }, { OPENID: 'outer-user' });
  expect(result).toMatchObject({ errMsg: 'callFunction:ok', outer: 'outer-user', inner: { before: '', tag: 'x', source: 'wx_cloud' } });
});

test('calling an unknown function from a function fails with a clear error', async () => {
  t.emu.registerFunction('callsGhost', async () => t.cloud.callFunction({ name: 'ghost', data: {} }));
  await expect(t.emu.invoke('callsGhost', {})).rejects.toThrow(/ghost/);
});

test('a function over its configured time limit fails with a timeout', async () => {
  await expect(t.emu.invoke('slow', {})).rejects.toThrow('timed out after 1 seconds');
  // A load test reads how often each function hit its time limit.
  expect((await t.control('/control/stats')).body.functions.slow).toMatchObject({ invocations: 1, timeouts: 1 });
});

test('an invocation stopped at its time limit writes nothing afterwards, and its open transaction is rolled back', async () => {
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  let lateWrite: unknown = null;
  let lateCommit: unknown = null;
  t.emu.registerFunction(
    'overrun',
    async (event: any) => {
      if (event.kind === 'plain') {
        await sleep(1_300);
        lateWrite = await t.db
          .collection('visits')
          .add({ data: { tag: 'after-the-limit' } })
          .then(
            () => 'written',
            (e: any) => e.errMsg ?? String(e),
          );
        return 'late';
      }
      const tx = await t.db.startTransaction();
      await tx.collection('visits').add({ data: { tag: 'in-the-stopped-transaction' } });
      await sleep(1_300);
      lateCommit = await tx.commit().then(
        () => 'committed',
        (e: any) => e.errMsg ?? String(e),
      );
      return 'late';
    },
    { timeout: 1 },
  );
  await expect(t.emu.invoke('overrun', { kind: 'plain' })).rejects.toThrow('timed out after 1 seconds');
  await expect(t.emu.invoke('overrun', { kind: 'txn' })).rejects.toThrow('timed out after 1 seconds');
  await sleep(600);
  expect(String(lateWrite)).toMatch(/time limit/);
  expect(String(lateCommit)).not.toBe('committed');
  const stray = await t.db
    .collection('visits')
    .where({ tag: t.db.command.in(['after-the-limit', 'in-the-stopped-transaction']) })
    .count();
  expect(stray.total).toBe(0);
  expect((await t.control('/control/stats')).body.openTransactions).toBe(0);
  // Other invocations are not affected.
  expect((await t.emu.invoke('whoami', { tag: 'after' }, { OPENID: 'u-after' })).result).toMatchObject({ before: 'u-after' });
});

test('the clock helper variable follows the emulator clock', async () => {
  await t.control('/control/clock', { body: { advanceMs: 86_400_000 } });
  const { result } = await t.emu.invoke('clock', {});
  expect((result as any).offset).toBeGreaterThanOrEqual(86_400_000 - 1000);
  await t.control('/control/clock', { body: { reset: true } });
  expect(((await t.emu.invoke('clock', {})).result as any).offset).toBe(0);
});

describe('gateway for the H5 build', () => {
  const post = (path: string, body: unknown, token?: string) =>
    fetch(`${t.emu.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });

  test('a named login calls functions as that OPENID, with the callFunction result shape', async () => {
    const { token, openid } = await (await post('/gateway/login', { openid: 'persona-member' })).json();
    expect(openid).toBe('persona-member');
    const res = await post('/gateway/call', { name: 'whoami', data: { tag: 'gw' } }, token);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ errMsg: 'callFunction:ok', result: { before: 'persona-member', tag: 'gw' } });
    expect(typeof body.requestID).toBe('string');
  });

  test('a login without an openid makes a brand-new customer', async () => {
    const a = await (await post('/gateway/login', {})).json();
    const b = await (await post('/gateway/login', {})).json();
    expect(a.openid).not.toBe(b.openid);
  });

  test('no token, a forged token or a bad openid are refused', async () => {
    expect((await post('/gateway/call', { name: 'whoami', data: {} })).status).toBe(401);
    const { token } = await (await post('/gateway/login', { openid: 'alice' })).json();
    const forged = token.replace(/^[^.]+/, Buffer.from(JSON.stringify({ openid: 'admin', exp: Date.now() + 1e6 })).toString('base64url'));
    expect((await post('/gateway/call', { name: 'whoami', data: {} }, forged)).status).toBe(401);
    expect((await post('/gateway/login', { openid: 'has space' })).status).toBe(400);
  });

  test('function failures come back as callFunction errors', async () => {
    const { token } = await (await post('/gateway/login', { openid: 'alice' })).json();
    const missing = await post('/gateway/call', { name: 'ghost', data: {} }, token);
    expect(missing.status).toBe(404);
    expect((await missing.json()).errCode).toBe(-501000);
    const boom = await post('/gateway/call', { name: 'boom', data: {} }, token);
    expect(boom.status).toBe(500);
    expect(await boom.json()).toMatchObject({ errCode: -504002, errMsg: expect.stringContaining('kaboom') });
  });
});

test('a second emulator can start in the same process (tests often do)', async () => {
  const { startEmulator } = await import('../index');
  const second = await startEmulator({ dataDir: null, timers: false });
  process.env.SOME_SETTING = 'kept';
  expect(process.env.SOME_SETTING).toBe('kept');
  delete process.env.SOME_SETTING;
  expect(process.env.SOME_SETTING).toBeUndefined();
  await second.close();
  // the first emulator's SDK environment was replaced by the second's; point it back
  Object.assign(process.env, t.emu.env);
});
