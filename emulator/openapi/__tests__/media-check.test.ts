import { createOpenApiModule } from '..';
import { createStorageModule } from '../../storage';
import { rejectionOf, startModuleHarness, TEST_APPID, withDataDir, type ModuleHarness } from './module-harness';

// security.mediaCheckAsync through the real wx-server-sdk, and the push of its verdict to the
// message-push function as a `wxa_media_check` event. The harness holds pushes (manual) unless a
// test switches to auto, so every delivery here happens when the test asks for it.

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

let h: ModuleHarness;
beforeAll(async () => {
  h = await startModuleHarness([createStorageModule, createOpenApiModule], { messagePush: { function: 'events' } });
});
afterAll(() => h.close());
afterEach(async () => {
  await h.control('/control/openapi/media-check/force', { method: 'DELETE' });
  await h.control('/control/security/force', { method: 'DELETE' });
  await h.control('/control/openapi/media-check/mode', { body: { mode: 'manual' } });
  await h.control('/control/openapi/message-push', { body: { function: 'events' } });
  await h.control('/control/openapi/media-check/checks', { method: 'DELETE' });
  h.functions.clear();
  h.invocations.length = 0;
  h.logs.length = 0;
});

/** Uploads a PNG as a client would and returns its file id and a temporary URL, what the app passes as media_url. */
async function uploaded(name: string): Promise<{ fileID: string; url: string }> {
  const { fileID } = await h.cloud.uploadFile({ cloudPath: `feedback/u1/${name}.png`, fileContent: PNG });
  const { fileList } = await h.cloud.getTempFileURL({ fileList: [fileID] });
  return { fileID, url: fileList[0].tempFileURL };
}

const check = (mediaUrl: string, openid = 'oAuthor1') =>
  h.cloud.openapi.security.mediaCheckAsync({ media_url: mediaUrl, media_type: 2, version: 2, scene: 3, openid }) as Promise<
    { traceId: string } & Record<string, unknown>
  >;
const checks = async (query = '') => (await h.control(`/control/openapi/media-check/checks${query}`)).body.checks as any[];
const deliver = async (body: Record<string, unknown> = {}) => h.control('/control/openapi/media-check/deliver', { body });
const pushes = () => h.invocations.filter((i) => i.name === 'events');

describe('the call', () => {
  test('answers at once with a trace id, which the SDK hands over as traceId (camelCase, like msgSecCheck)', async () => {
    const { fileID, url } = await uploaded('answer');
    const res = await check(url);
    expect(res).toEqual({ errCode: 0, errMsg: 'openapi.security.mediaCheckAsync:ok', traceId: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$/) });
    expect(res).not.toHaveProperty('trace_id');
    expect(await checks()).toEqual([
      expect.objectContaining({
        traceId: res.traceId,
        openid: 'oAuthor1',
        mediaUrl: url,
        mediaType: 2,
        scene: 3,
        fileId: fileID,
        decidedBy: 'default',
        errcode: 0,
        result: { suggest: 'pass', label: 100 },
        status: 'pending',
        attempts: [],
      }),
    ]);
    expect(pushes()).toEqual([]);
  });

  test.each([
    ['no media_url', { media_type: 2, version: 2, scene: 3, openid: 'o' }, 47001, /media_url is required/],
    ['a media_url that is not http(s)', { media_url: 'cloud://env.bucket/a.png', media_type: 2, version: 2, scene: 3, openid: 'o' }, 40097, /media_url/],
    ['media_type 3', { media_url: 'https://example.com/a.png', media_type: 3, version: 2, scene: 3, openid: 'o' }, 40097, /media_type/],
    ['no version (v1)', { media_url: 'https://example.com/a.png', media_type: 2, scene: 3, openid: 'o' }, 40097, /version must be 2/],
    ['no openid', { media_url: 'https://example.com/a.png', media_type: 2, version: 2, scene: 3 }, 40003, /invalid openid/],
    ['scene 5', { media_url: 'https://example.com/a.png', media_type: 2, version: 2, scene: 5, openid: 'o' }, 40097, /scene must be 1/],
  ])('refuses %s with a WeChat errcode and records nothing', async (_label, args, errCode, message) => {
    const err = await rejectionOf(h.cloud.openapi.security.mediaCheckAsync(args));
    expect(err.errCode).toBe(errCode);
    expect(err.errMsg).toMatch(/^openapi\.security\.mediaCheckAsync:fail /);
    expect(err.errMsg).toMatch(message);
    expect(await checks()).toEqual([]);
  });

  test('a URL outside the emulator is not fetched (it works offline) and passes', async () => {
    const res = await check('https://cdn.example.com/photo.jpg');
    expect(await checks()).toEqual([
      expect.objectContaining({ traceId: res.traceId, fileId: null, decidedBy: 'default', result: { suggest: 'pass', label: 100 } }),
    ]);
  });
});

describe('the push', () => {
  test('is the wxa_media_check event WeChat sends, to the message-push function, as the system', async () => {
    const { url } = await uploaded('push');
    const { traceId } = await check(url);
    h.functions.set('events', () => 'success');
    const before = Math.floor(h.ctx.clock.now() / 1000);

    const res = await deliver({ traceId });

    expect(res.status).toBe(200);
    expect(res.body.delivered).toEqual([{ traceId, status: 'delivered', attempts: [{ at: expect.any(String), ok: true, reply: 'success' }] }]);
    expect(pushes()).toHaveLength(1);
    const [{ event, wx }] = pushes();
    expect(wx).toEqual({ OPENID: '', APPID: TEST_APPID, SOURCE: 'wx_unknown' });
    expect(event).toEqual({
      ToUserName: expect.stringMatching(/^gh_[0-9a-f]{12}$/),
      FromUserName: 'oAuthor1',
      CreateTime: expect.any(Number),
      MsgType: 'event',
      Event: 'wxa_media_check',
      appid: TEST_APPID,
      trace_id: traceId,
      version: 2,
      detail: [{ strategy: 'content_model', errcode: 0, suggest: 'pass', label: 100, prob: 90 }],
      errcode: 0,
      errmsg: 'ok',
      result: { suggest: 'pass', label: 100 },
    });
    expect((event as { CreateTime: number }).CreateTime).toBeGreaterThanOrEqual(before);
    expect((await checks())[0]).toMatchObject({ status: 'delivered', deliveredTo: 'events', event });
  });

  test('a media URL that does not download (the file was deleted) is pushed as an error without a result', async () => {
    const { fileID, url } = await uploaded('gone');
    await h.cloud.deleteFile({ fileList: [fileID] });
    const { traceId } = await check(url);
    await deliver({ traceId });
    expect(pushes()[0].event).toMatchObject({ trace_id: traceId, errcode: -1008, detail: [{ strategy: 'content_model', errcode: -1008 }] });
    expect(pushes()[0].event).not.toHaveProperty('result');
    expect((await checks())[0]).toMatchObject({ decidedBy: 'download-failed', result: null });
  });

  test('a function that throws is retried, three times at most, each attempt logged', async () => {
    const { url } = await uploaded('retry');
    let calls = 0;
    h.functions.set('events', () => {
      calls++;
      if (calls < 3) throw new Error(`database busy ${calls}`);
      return 'success';
    });
    const { traceId: recovers } = await check(url);
    const first = (await deliver({ traceId: recovers })).body.delivered[0];
    expect(first.status).toBe('delivered');
    expect(first.attempts.map((a: { ok: boolean }) => a.ok)).toEqual([false, false, true]);
    expect(h.logs.filter((l) => l.includes(recovers))).toEqual([
      expect.stringContaining('failed (attempt 1 of 4): database busy 1; retrying'),
      expect.stringContaining('failed (attempt 2 of 4): database busy 2; retrying'),
    ]);
    // Every attempt sends the same event (WeChat resends the message it could not deliver).
    expect(new Set(pushes().map((p) => JSON.stringify(p.event))).size).toBe(1);

    h.functions.set('events', () => {
      throw new Error('always');
    });
    const { traceId: fails } = await check(url);
    const second = (await deliver({ traceId: fails })).body.delivered[0];
    expect(second).toMatchObject({ status: 'failed' });
    expect(second.attempts).toHaveLength(4);
    expect(h.logs.filter((l) => l.includes(fails)).at(-1)).toContain('failed (attempt 4 of 4): always; giving up');
    expect((await checks(`?traceId=${fails}`))[0].status).toBe('failed');
  });
});

describe('forced verdicts', () => {
  test('the next N image checks get the forced verdict, then the default again; text checks are not affected', async () => {
    const { url } = await uploaded('forced');
    const forced = await h.control('/control/openapi/media-check/force', { body: { suggest: 'risky', times: 2, label: 20002 } });
    expect(forced).toEqual({ status: 200, body: { forced: { suggest: 'risky', label: 20002, stringLabel: false, remaining: 2 } } });

    expect((await h.cloud.openapi.security.msgSecCheck({ version: 2, openid: 'o', scene: 3, content: '你好' })).result.suggest).toBe('pass');
    const a = await check(url);
    const b = await check(url);
    const c = await check(url);
    const byId = Object.fromEntries((await checks()).map((x) => [x.traceId, x]));
    expect(byId[a.traceId as string]).toMatchObject({ decidedBy: 'forced-next', result: { suggest: 'risky', label: 20002 } });
    expect(byId[b.traceId as string]).toMatchObject({ decidedBy: 'forced-next', result: { suggest: 'risky', label: 20002 } });
    expect(byId[c.traceId as string]).toMatchObject({ decidedBy: 'default', result: { suggest: 'pass', label: 100 } });

    await deliver();
    const risky = pushes().find((p) => (p.event as { trace_id: string }).trace_id === a.traceId)!.event;
    expect(risky).toMatchObject({
      errcode: 0,
      result: { suggest: 'risky', label: 20002 },
      detail: [{ strategy: 'content_model', errcode: 0, suggest: 'risky', label: 20002, prob: 90 }],
    });
  });

  test('a forced text verdict does not reach image checks', async () => {
    const { url } = await uploaded('text-forced');
    await h.control('/control/security/force', { body: { suggest: 'risky', times: 5 } });
    await check(url);
    expect((await checks())[0].result).toEqual({ suggest: 'pass', label: 100 });
    expect((await h.control('/control/security')).body.forced.remaining).toBe(5);
  });

  test('a rule for one file (by file id or URL part) applies to that file only, until cleared; it beats the queue', async () => {
    const flagged = await uploaded('flagged');
    const other = await uploaded('other');
    await h.control('/control/openapi/media-check/force', { body: { match: flagged.fileID, suggest: 'risky', label: 20002, stringLabel: true } });
    await h.control('/control/openapi/media-check/force', { body: { suggest: 'review', times: 1 } });
    expect((await h.control('/control/openapi/media-check/force')).body.forced).toEqual({
      next: { suggest: 'review', label: 21000, stringLabel: false, remaining: 1 },
      rules: [{ match: flagged.fileID, suggest: 'risky', label: 20002, stringLabel: true, remaining: null }],
    });

    const first = await check(flagged.url);
    const second = await check(flagged.url);
    const unrelated = await check(other.url);
    const byId = Object.fromEntries((await checks()).map((x) => [x.traceId, x]));
    // WeChat has been seen sending labels as strings ("100"): stringLabel reproduces it.
    expect(byId[first.traceId as string]).toMatchObject({ decidedBy: 'forced-match', result: { suggest: 'risky', label: '20002' } });
    expect(byId[second.traceId as string]).toMatchObject({ decidedBy: 'forced-match', result: { suggest: 'risky', label: '20002' } });
    expect(byId[unrelated.traceId as string]).toMatchObject({ decidedBy: 'forced-next', result: { suggest: 'review', label: 21000 } });

    await deliver({ traceId: first.traceId });
    expect(pushes()[0].event).toMatchObject({ result: { suggest: 'risky', label: '20002' }, detail: [{ label: '20002' }] });

    await h.control('/control/openapi/media-check/force', { body: { match: 'feedback/u1/other', suggest: 'risky', times: 1 } });
    expect((await check(other.url)).traceId).toBeDefined();
    expect((await checks())[0]).toMatchObject({ decidedBy: 'forced-match', result: { suggest: 'risky', label: 21000 } });
    expect((await h.control('/control/openapi/media-check/force')).body.forced.rules.map((r: { match: string }) => r.match)).toEqual([flagged.fileID]);

    expect((await h.control('/control/openapi/media-check/force', { method: 'DELETE' })).body.forced).toEqual({ next: null, rules: [] });
    await check(flagged.url);
    expect((await checks())[0]).toMatchObject({ decidedBy: 'default' });
  });

  test('bad force bodies are 400s', async () => {
    const force = (body: unknown) => h.control('/control/openapi/media-check/force', { body });
    expect(await force({ suggest: 'maybe' })).toEqual({ status: 400, body: { error: 'suggest must be one of pass, review, risky' } });
    expect((await force({ suggest: 'risky', times: 0 })).status).toBe(400);
    expect((await force({ suggest: 'risky', match: '' })).status).toBe(400);
    expect((await force({ suggest: 'risky', label: 'x' })).status).toBe(400);
    expect((await h.control('/control/openapi/media-check/force', { rawBody: '{nope' })).status).toBe(400);
    expect((await h.control('/control/openapi/media-check/force', { method: 'PUT', body: {} })).status).toBe(405);
  });
});

describe('delivery timing', () => {
  test('manual: verdicts wait; deliver with no body sends every waiting one, once', async () => {
    const { url } = await uploaded('manual');
    const a = await check(url);
    const b = await check(url, 'oAuthor2');
    expect((await checks('?status=pending')).map((c) => c.traceId).sort()).toEqual([a.traceId, b.traceId].sort());
    expect((await checks('?openid=oAuthor2')).map((c) => c.traceId)).toEqual([b.traceId]);

    const res = await deliver();
    expect(res.body.delivered.map((d: { traceId: string; status: string }) => [d.traceId, d.status]).sort()).toEqual(
      [
        [a.traceId, 'delivered'],
        [b.traceId, 'delivered'],
      ].sort(),
    );
    expect(pushes()).toHaveLength(2);
    expect((await deliver()).body.delivered).toEqual([]);
    expect(pushes()).toHaveLength(2);
    expect((await h.control('/control/openapi/media-check')).body).toMatchObject({
      mode: 'manual',
      messagePush: { function: 'events' },
      counts: { pending: 0, delivered: 2, failed: 0, kept: 0 },
    });
  });

  test('deliver refuses an unknown trace id (404) and one already delivered (409)', async () => {
    const { url } = await uploaded('refusals');
    const { traceId } = await check(url);
    expect((await deliver({ traceId: 'nope' })).status).toBe(404);
    await deliver({ traceId });
    expect((await deliver({ traceId })).status).toBe(409);
    expect((await deliver({ traceId: 1 })).status).toBe(400);
    expect((await deliver({ traceIds: [] })).status).toBe(400);
    expect((await h.control(`/control/openapi/media-check/checks/${traceId}`)).body.check.status).toBe('delivered');
    expect((await h.control('/control/openapi/media-check/checks/nope')).status).toBe(404);
  });

  test('auto: a waiting verdict goes out by itself once delivery is switched to auto', async () => {
    const { url } = await uploaded('auto');
    const { traceId } = await check(url);
    expect((await h.control('/control/openapi/media-check/mode', { body: { mode: 'auto', delayMs: 0 } })).body).toEqual({
      mode: 'auto',
      delayMs: 0,
      messagePush: { function: 'events' },
    });
    while ((await checks(`?traceId=${traceId}`))[0].status !== 'delivered') await new Promise((r) => setTimeout(r, 10));
    expect(pushes().map((p) => (p.event as { trace_id: string }).trace_id)).toEqual([traceId]);
  });

  test('with no message-push function the verdict is kept, not delivered, and a log line says so', async () => {
    await h.control('/control/openapi/message-push', { body: { function: null } });
    const { url } = await uploaded('kept');
    const { traceId } = await check(url);
    expect((await checks())[0]).toMatchObject({ traceId, status: 'kept' });
    expect(h.logs).toEqual([expect.stringContaining(`media check ${traceId}: verdict kept, not delivered: no message push function is configured`)]);
    expect((await deliver()).status).toBe(409);
    expect(pushes()).toEqual([]);

    // Configured afterwards, the kept verdicts wait for delivery like any other.
    await h.control('/control/openapi/message-push', { body: { function: 'events' } });
    expect((await checks())[0].status).toBe('pending');
    expect((await deliver()).body.delivered).toEqual([expect.objectContaining({ traceId, status: 'delivered' })]);
  });

  test('bad control bodies and routes', async () => {
    expect((await h.control('/control/openapi/media-check/mode', { body: { mode: 'later' } })).status).toBe(400);
    expect((await h.control('/control/openapi/media-check/mode', { body: { delayMs: -1 } })).status).toBe(400);
    expect((await h.control('/control/openapi/media-check/mode', { body: {} })).status).toBe(400);
    expect((await h.control('/control/openapi/media-check/mode')).status).toBe(405);
    expect((await h.control('/control/openapi/media-check/deliver')).status).toBe(405);
    expect((await h.control('/control/openapi/media-check/checks?status=lost')).status).toBe(400);
    expect((await h.control('/control/openapi/message-push', { body: { function: 7 } })).status).toBe(400);
    expect((await h.control('/control/openapi/media-check/elsewhere')).status).toBe(404);
  });
});

describe('with a data folder', () => {
  let dir: string;
  withDataDir('flywheel-media-', (d) => (dir = d));

  test('a waiting verdict survives a restart and is delivered afterwards', async () => {
    const first = await startModuleHarness([createOpenApiModule], { dataDir: dir, messagePush: { function: 'events' } });
    const { traceId } = await first.cloud.openapi.security.mediaCheckAsync({
      media_url: 'https://cdn.example.com/a.png',
      media_type: 2,
      version: 2,
      scene: 3,
      openid: 'o1',
    });
    await first.close();

    const second = await startModuleHarness([createOpenApiModule], { dataDir: dir, messagePush: { function: 'events' } });
    try {
      expect((await second.control('/control/openapi/media-check/checks')).body.checks).toEqual([expect.objectContaining({ traceId, status: 'pending' })]);
      expect((await second.control('/control/openapi/media-check/deliver', { body: {} })).body.delivered).toEqual([
        expect.objectContaining({ traceId, status: 'delivered' }),
      ]);
      expect(second.invocations.map((i) => i.name)).toEqual(['events']);
    } finally {
      await second.close();
    }
  });
});
