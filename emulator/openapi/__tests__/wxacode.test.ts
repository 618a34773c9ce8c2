import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { createOpenApiModule } from '..';
import { rejectionOf, startModuleHarness, TEST_H5, type ModuleHarness } from './module-harness';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function decodeQr(png: Buffer): string | null {
  const image = PNG.sync.read(png);
  return jsQR(new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.length), image.width, image.height)?.data ?? null;
}

describe('wxacode.getUnlimited as a QR PNG', () => {
  let h: ModuleHarness;
  beforeAll(async () => {
    h = await startModuleHarness([createOpenApiModule]);
  });
  afterAll(() => h.close());

  test('the function receives { contentType, buffer } with a PNG that opens the H5 page with the scene', async () => {
    const res = await h.cloud.openapi.wxacode.getUnlimited({ scene: 's=Ab3x9&t=1', page: 'pages/share/open', width: 280, checkPath: false });
    expect(res.contentType).toBe('image/png');
    expect(res.errMsg).toBe('openapi.wxacode.getUnlimited:ok');
    expect(Buffer.isBuffer(res.buffer)).toBe(true);
    expect(res.buffer.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    expect(PNG.sync.read(res.buffer).width).toBe(280);
    expect(decodeQr(res.buffer)).toBe(`${TEST_H5}#/pages/share/open?scene=${encodeURIComponent('s=Ab3x9&t=1')}`);
  });

  test('without a page the code opens the home page', async () => {
    const res = await h.cloud.openapi.wxacode.getUnlimited({ scene: 'k9' });
    expect(decodeQr(res.buffer)).toBe(`${TEST_H5}#/pages/index/index?scene=k9`);
  });

  test('scene length and characters are checked as WeChat does', async () => {
    const tooLong = await rejectionOf(h.cloud.openapi.wxacode.getUnlimited({ scene: 'a'.repeat(33) }));
    expect(tooLong.errCode).toBe(40169);
    expect(tooLong.errMsg).toMatch(/^openapi\.wxacode\.getUnlimited:fail invalid length for scene/);
    expect((await rejectionOf(h.cloud.openapi.wxacode.getUnlimited({ page: 'pages/index/index' }))).errCode).toBe(40169);
    expect((await rejectionOf(h.cloud.openapi.wxacode.getUnlimited({ scene: '分享码' }))).errCode).toBe(40129);
    expect((await rejectionOf(h.cloud.openapi.wxacode.getUnlimited({ scene: 'a b' }))).errCode).toBe(40129);
    const ok = await h.cloud.openapi.wxacode.getUnlimited({ scene: "!#$&'()*+,/:;=?@-._~".padEnd(32, 'z') });
    expect(ok.contentType).toBe('image/png');
  });

  test('a page with a leading slash or a query is refused with 41030', async () => {
    expect((await rejectionOf(h.cloud.openapi.wxacode.getUnlimited({ scene: 'a', page: '/pages/index/index' }))).errCode).toBe(41030);
    expect((await rejectionOf(h.cloud.openapi.wxacode.getUnlimited({ scene: 'a', page: 'pages/index/index?x=1' }))).errCode).toBe(41030);
  });

  test('GET /control/wxacode serves the same PNG for the H5 poster', async () => {
    const res = await fetch(`${h.url}/control/wxacode?scene=${encodeURIComponent('s=Ab3x9')}&page=pages/share/open`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    const png = Buffer.from(await res.arrayBuffer());
    expect(decodeQr(png)).toBe(`${TEST_H5}#/pages/share/open?scene=s%3DAb3x9`);
    expect(decodeURI(res.headers.get('x-wxacode-target') ?? '')).toBe(`${TEST_H5}#/pages/share/open?scene=s%3DAb3x9`);

    const bad = await h.control(`/control/wxacode?scene=${'x'.repeat(40)}`);
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/^40169 invalid length for scene/);
  });
});
