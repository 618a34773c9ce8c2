/**
 * Contract: security.mediaCheckAsync called by a served function through the real SDK, gated by
 * the function's permissions.openapi like every cloud call, and its verdict pushed to the
 * message-push function (emulator option messagePush) as WeChat's 消息推送 does.
 */
import { startTestEmulator, type TestEmulator } from '../testing';

let t: TestEmulator;
const received: Array<{ event: any; wx: any }> = [];

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

beforeAll(async () => {
  t = await startTestEmulator({ messagePush: { function: 'events' }, mediaCheckMode: 'manual' });
  const { cloud } = t;
  const checkImage = async (event: any) => {
    const { fileList } = await cloud.getTempFileURL({ fileList: [event.fileID] });
    const wx = cloud.getWXContext();
    return cloud.openapi.security.mediaCheckAsync({ media_url: fileList[0].tempFileURL, media_type: 2, version: 2, scene: 3, openid: wx.OPENID });
  };
  const checkText = async () => cloud.openapi.security.msgSecCheck({ version: 2, openid: cloud.getWXContext().OPENID, scene: 3, content: '你好' });
  t.emu.registerFunction('feedback', checkImage, { timeout: 20, permissions: { openapi: ['security.msgSecCheck', 'security.mediaCheckAsync'] } });
  t.emu.registerFunction('textOnly', checkImage, { timeout: 20, permissions: { openapi: ['security.msgSecCheck'] } });
  t.emu.registerFunction('undeclared', checkText, { timeout: 20 });
  t.emu.registerFunction('events', async (event: unknown) => {
    const wx = cloud.getWXContext();
    received.push({ event, wx: { OPENID: wx.OPENID, SOURCE: wx.SOURCE } });
    return 'success';
  });
});
afterAll(() => t.emu.close());

async function upload(name: string): Promise<string> {
  const { fileID } = await t.cloud.uploadFile({ cloudPath: `feedback/u/${name}.png`, fileContent: PNG });
  return fileID;
}

test('a function allowed the API starts a check; the verdict reaches the push function as the system, with the author in FromUserName', async () => {
  const fileID = await upload('allowed');
  const result = (await t.emu.invoke('feedback', { fileID }, { OPENID: 'oAuthor' })).result as { traceId: string };
  expect(result).toEqual({ errCode: 0, errMsg: 'openapi.security.mediaCheckAsync:ok', traceId: expect.any(String) });
  expect(received).toEqual([]);

  const listed = await t.control('/control/openapi/media-check/checks');
  expect(listed.body.checks).toEqual([expect.objectContaining({ traceId: result.traceId, openid: 'oAuthor', fileId: fileID, status: 'pending' })]);

  const delivered = await t.control('/control/openapi/media-check/deliver', { body: { traceId: result.traceId } });
  expect(delivered.body.delivered[0]).toMatchObject({ status: 'delivered', attempts: [{ ok: true, reply: 'success' }] });
  expect(received).toHaveLength(1);
  expect(received[0].wx).toEqual({ OPENID: '', SOURCE: 'wx_unknown' });
  expect(received[0].event).toMatchObject({
    FromUserName: 'oAuthor',
    MsgType: 'event',
    Event: 'wxa_media_check',
    trace_id: result.traceId,
    result: { suggest: 'pass', label: 100 },
  });
});

test('a function whose config.json does not list the API gets -604101 naming it, and no check is started', async () => {
  const before = (await t.control('/control/openapi/media-check/checks')).body.checks.length;
  const fileID = await upload('denied');
  await expect(t.emu.invoke('textOnly', { fileID }, { OPENID: 'oAuthor' })).rejects.toThrow(
    /-604101.*security\.mediaCheckAsync is not listed under permissions\.openapi in textOnly\/config\.json/,
  );
  expect((await t.control('/control/openapi/media-check/checks')).body.checks).toHaveLength(before);
});

test('msgSecCheck is gated the same way: a function with no permissions.openapi cannot call it', async () => {
  await expect(t.emu.invoke('undeclared', {}, { OPENID: 'oAuthor' })).rejects.toThrow(/-604101.*security\.msgSecCheck is not listed/);
});

test('calls from outside any function (a test, a script) are not gated', async () => {
  const res = await t.cloud.openapi.security.msgSecCheck({ version: 2, openid: 'o1', scene: 3, content: '你好' });
  expect(res.result.suggest).toBe('pass');
});
