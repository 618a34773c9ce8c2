/**
 * Images on posts through the emulator's storage and WeChat's asynchronous image check: each file
 * is the member's own upload, ≤ 2 MB and JPEG/PNG/WebP by its bytes; the verdict arrives later as a
 * wxa_media_check push to the `events` function; a risky image hides its post (even one already
 * published) and is never shown again; a forged push changes nothing.
 */
import type { Database } from '../../core/platform/database';
import { startProductEmulator, type ProductEmulator } from './product-emulator';
import { all, sdkDb, staff } from './rewards-helpers';
import { control, PAY_ENV } from './orders-helpers';
import { outbox } from './draws-helpers';
import { adminCall, feedback, feedbackState, fireNotify, joined, PNG, post, uploadAs } from './feedback-helpers';

jest.setTimeout(120_000);
let p: ProductEmulator;
let db: Database;
const quiet = jest.spyOn(console, 'error').mockImplementation(() => undefined);
const quietWarn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
const ADMIN = 'o-fi-admin';

beforeAll(async () => {
  p = await startProductEmulator(PAY_ENV);
  db = sdkDb();
  await staff(db, ADMIN, 'admin');
  // Posts by 已购会员 and above skip review, so an image verdict meets a post others already see.
  const saved = await adminCall(p, ADMIN, { action: 'feedbackConfig' });
  await adminCall(p, ADMIN, { action: 'updateFeedbackConfig', config: { ...saved.data.config, autoPublishFromTier: 'buyer' } });
  await joined(db, { 'o-fi-a': '小图', 'o-fi-b': '旁观者', 'o-fi-c': '别人' }, 'buyer');
});
afterEach(() => fetch(`${p.emu.url}/control/openapi/media-check/force`, { method: 'DELETE' }));
afterAll(async () => {
  quiet.mockRestore();
  quietWarn.mockRestore();
  await p.emu.close();
});

const one = (id: string) => all(p, 'feedback_posts', { _id: id })[0];
const deliverAll = () => control(p, '/control/openapi/media-check/deliver', {});

test('a risky image verdict arriving after publication hides the post, tells the author why, and the image is never shown again', async () => {
  const fileId = await uploadAs('o-fi-a');
  await control(p, '/control/openapi/media-check/force', { suggest: 'risky', label: 20002 });
  const res = await post(p, 'o-fi-a', { images: [fileId], accepted: ['feedback_update'] });
  expect(res).toMatchObject({ ok: true, data: { reviewed: false } });
  const postId = res.data.postId;
  expect(one(postId)).toMatchObject({ review: 'published', images: [{ check: 'pending', traceId: expect.any(String) }] });
  // Published, the image is seen by others until the verdict arrives.
  const before = await feedback(p, 'o-fi-b', { action: 'detail', postId });
  expect(before.data.post.images).toHaveLength(1);
  expect(JSON.stringify(before)).not.toContain(one(postId).images[0].traceId);

  const delivered = await deliverAll();
  expect(delivered.status).toBe(200);
  expect(one(postId)).toMatchObject({ review: 'hidden', reviewReason: '图片未通过内容安全检测', images: [{ check: 'risky', label: 20002 }] });
  expect((await feedback(p, 'o-fi-b', { action: 'detail', postId })).error.code).toBe('NOT_FOUND');
  const mine = await feedback(p, 'o-fi-a', { action: 'detail', postId });
  expect(mine.data.post).toMatchObject({ review: 'hidden', reviewName: '已隐藏', reviewReason: '图片未通过内容安全检测', images: [] });
  // Staff still see it, flagged, to judge.
  const staffView = await adminCall(p, ADMIN, { action: 'feedbackPost', postId });
  expect(staffView.data.post.images).toHaveLength(1);
  expect(staffView.data.post.imageChecks).toEqual([{ check: 'risky', labelName: '色情' }]);
  await fireNotify(p);
  const sent = (await outbox(p, 'o-fi-a')).find((m) => m.templateId === 'DEMO_TPL_FEEDBACK_UPDATE');
  expect(sent.data.phrase2.value).toBe('已隐藏');
});

test('a passing verdict leaves the post as it is; its image is a URL a browser can load', async () => {
  const fileId = await uploadAs('o-fi-a');
  const res = await post(p, 'o-fi-a', { images: [fileId] });
  await deliverAll();
  expect(one(res.data.postId)).toMatchObject({ review: 'published', images: [{ check: 'pass' }] });
  const seen = await feedback(p, 'o-fi-b', { action: 'list', sort: 'new' });
  const shown = seen.data.posts.find((x: { id: string }) => x.id === res.data.postId);
  expect(shown.images).toHaveLength(1);
  const image = await fetch(shown.images[0].url);
  expect(image.status).toBe(200);
  expect(Buffer.from(await image.arrayBuffer()).equals(PNG)).toBe(true);
});

test("images that are not the member's own, too large, not an image, or missing are refused by name; nothing is written", async () => {
  const before = feedbackState(p);
  const gif = Buffer.from('R0lGODlhAQABAIAAAAAAAP///ywAAAAAAQABAAACAUwAOw==', 'base64');
  const big = Buffer.concat([PNG, Buffer.alloc(2 * 1024 * 1024)]);
  const cases: Array<[string, string]> = [
    [await uploadAs('o-fi-c'), '第 1 张图片不是你上传的'],
    [await uploadAs('o-fi-a', gif, 'png'), '第 1 张图片格式不支持'],
    [await uploadAs('o-fi-a', big), '第 1 张图片超过 2 MB'],
    [(await uploadAs('o-fi-a')).replace(/-[0-9a-f]{12}\.png$/, '-000000000000.png'), '第 1 张图片上传未完成'],
  ];
  for (const [fileId, message] of cases) {
    const res = await post(p, 'o-fi-a', { images: [fileId] });
    expect({ fileId, code: res.error?.code, message: res.error?.message }).toEqual({
      fileId,
      code: 'FEEDBACK_IMAGE_INVALID',
      message: expect.stringContaining(message),
    });
  }
  const twice = await uploadAs('o-fi-a');
  expect((await post(p, 'o-fi-a', { images: [twice, twice] })).error.message).toBe('同一张图片只能上传一次');
  expect(feedbackState(p)).toBe(before);
});

test('a forged or unknown verdict changes nothing; a malformed push is ignored', async () => {
  const fileId = await uploadAs('o-fi-a');
  const res = await post(p, 'o-fi-a', { images: [fileId] });
  const stored = JSON.stringify(one(res.data.postId));
  const push = (event: unknown) => p.emu.invoke('events', event, { OPENID: '', SOURCE: 'wx_msg' }).then((r) => r.result);
  expect(await push({ MsgType: 'event', Event: 'wxa_media_check', trace_id: 'forged-trace', version: 2, result: { suggest: 'risky', label: 20002 } })).toBe(
    'success',
  );
  expect(await push({ MsgType: 'event', Event: 'user_enter_tempsession' })).toBe('success');
  expect(await push({ $where: 'x' })).toBe('success');
  expect(JSON.stringify(one(res.data.postId))).toBe(stored);
  expect(all(p, 'feedback_media_checks', { _id: 'forged-trace' })).toHaveLength(1);
  // A client calling `events` is what the deploy's security rule forbids; even so, nothing opens up.
  expect(await p.call('events', 'o-fi-b', { MsgType: 'event', Event: 'wxa_media_check', trace_id: 'x', result: { suggest: 'pass' } })).toBe('success');
  await deliverAll();
});
