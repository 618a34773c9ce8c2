import { createStorageModule } from '..';
import { rejectionOf, startModuleHarness, TEST_ENV, type ModuleHarness, withDataDir } from '../../openapi/__tests__/module-harness';
import { bucketFor } from '../file-id';

// Drives the real wx-server-sdk against the storage module: uploadFile, downloadFile,
// getTempFileURL and deleteFile all go over HTTP exactly as they would to WeChat Cloud.
describe('storage module with the real wx-server-sdk', () => {
  let h: ModuleHarness;
  beforeAll(async () => {
    h = await startModuleHarness([createStorageModule]);
  });
  afterAll(() => h.close());
  afterEach(() => h.ctx.clock.reset());

  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);

  test('upload, download, temporary URL and delete round trip', async () => {
    const up = await h.cloud.uploadFile({ cloudPath: 'feedback/p1/photo.png', fileContent: png });
    expect(up.errMsg).toBe('uploadFile:ok');
    expect(up.fileID).toBe(`cloud://${TEST_ENV}.${bucketFor(TEST_ENV)}/feedback/p1/photo.png`);

    const down = await h.cloud.downloadFile({ fileID: up.fileID });
    expect(down.errMsg).toBe('downloadFile:ok');
    expect(Buffer.compare(down.fileContent, png)).toBe(0);

    const temp = await h.cloud.getTempFileURL({ fileList: [up.fileID] });
    expect(temp.fileList).toEqual([
      expect.objectContaining({
        fileID: up.fileID,
        status: 0,
        errMsg: 'ok',
        tempFileURL: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/storage\/files\//),
      }),
    ]);
    const res = await fetch(temp.fileList[0].tempFileURL);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(Buffer.compare(Buffer.from(await res.arrayBuffer()), png)).toBe(0);

    const del = await h.cloud.deleteFile({ fileList: [up.fileID] });
    expect(del.fileList).toEqual([{ fileID: up.fileID, status: 0, errMsg: 'ok' }]);

    const after = await h.cloud.getTempFileURL({ fileList: [up.fileID] });
    expect(after.fileList[0]).toMatchObject({ fileID: up.fileID, status: -503003, errMsg: 'storage file not exists', tempFileURL: '' });
    const again = await h.cloud.deleteFile({ fileList: [up.fileID] });
    expect(again.fileList[0]).toMatchObject({ status: -503003, errMsg: 'storage file not exists' });
    const err = await rejectionOf(h.cloud.downloadFile({ fileID: up.fileID }));
    expect(err.errMsg).toMatch(/^downloadFile:fail storage file not exists/);
  });

  test('paths with Chinese characters and spaces survive the unencoded temporary URL', async () => {
    const up = await h.cloud.uploadFile({ cloudPath: '头像/我的 照片.jpg', fileContent: Buffer.from('jpeg-bytes') });
    const down = await h.cloud.downloadFile({ fileID: up.fileID });
    expect(down.fileContent.toString()).toBe('jpeg-bytes');
    const { fileList } = await h.cloud.getTempFileURL({ fileList: [up.fileID] });
    expect(fileList[0].tempFileURL).toContain('/头像/我的 照片.jpg?sign=');
    const res = await fetch(encodeURI(fileList[0].tempFileURL));
    expect(res.headers.get('content-type')).toBe('image/jpeg');
    expect(await res.text()).toBe('jpeg-bytes');
  });

  test('overwriting a path keeps the same fileID and serves the new bytes', async () => {
    const a = await h.cloud.uploadFile({ cloudPath: 'x/same.txt', fileContent: Buffer.from('one') });
    const b = await h.cloud.uploadFile({ cloudPath: 'x/same.txt', fileContent: Buffer.from('two') });
    expect(b.fileID).toBe(a.fileID);
    expect((await h.cloud.downloadFile({ fileID: a.fileID })).fileContent.toString()).toBe('two');
  });

  test('temporary URLs expire by the emulator clock and refuse a wrong signature', async () => {
    const up = await h.cloud.uploadFile({ cloudPath: 'x/expiring.txt', fileContent: Buffer.from('soon gone') });
    const { fileList } = await h.cloud.getTempFileURL({ fileList: [{ fileID: up.fileID, maxAge: 60 }] });
    expect(fileList[0].maxAge).toBe(60);
    const url: string = fileList[0].tempFileURL;
    expect((await fetch(url)).status).toBe(200);
    expect((await fetch(url.replace(/sign=[0-9a-f]+/, 'sign=0000'))).status).toBe(403);
    h.ctx.clock.advance(120_000);
    const expired = await fetch(url);
    expect(expired.status).toBe(403);
    expect(await expired.text()).toContain('<Code>AccessDenied</Code>');
  });

  test('a file of another environment is reported per file, not as a failed call', async () => {
    const foreign = 'cloud://other-env.6f74-other-env-1300000000/a.png';
    const res = await h.cloud.getTempFileURL({ fileList: [foreign, 'not-a-file-id'] });
    expect(res.fileList.map((f: { status: number }) => f.status)).toEqual([-503002, -501007]);
    const del = await h.cloud.deleteFile({ fileList: [foreign] });
    expect(del.fileList[0]).toMatchObject({ fileID: foreign, status: -503002, errMsg: 'storage permission denied' });
  });

  test('an invalid cloudPath is refused before any byte is sent', async () => {
    for (const cloudPath of ['/leading-slash.png', 'a//b.png', 'a/../b.png', 'dir/', 'a?b.png']) {
      const err = await rejectionOf(h.cloud.uploadFile({ cloudPath, fileContent: Buffer.from('x') }));
      expect(err.errMsg).toMatch(/^uploadFile:fail cloudPath must/);
    }
  });

  test('more than 50 files per call is refused like WeChat', async () => {
    const fileList = Array.from({ length: 51 }, (_, i) => `cloud://${TEST_ENV}.${bucketFor(TEST_ENV)}/f${i}.png`);
    const err = (await rejectionOf(h.cloud.getTempFileURL({ fileList }))) as { errMsg: string; code?: string };
    // The node SDK underneath throws Tencent Cloud errors as-is: the code survives, errCode is -1.
    expect(err.code).toBe('INVALID_PARAM');
    expect(err.errMsg).toContain('at most 50');
  });

  test('an upload URL works once and an unknown one answers with a COS error document', async () => {
    const res = await fetch(`${h.url}/storage/upload/not-a-token`, { method: 'PUT', body: 'x' });
    expect(res.status).toBe(403);
    expect(await res.text()).toMatch(/<Error>[\s\S]*<Code>AccessDenied<\/Code>/);
  });

  test('GET /storage/file?fileID= serves a cloud:// id for H5 pages (no signature needed)', async () => {
    const up = await h.cloud.uploadFile({ cloudPath: 'products/p9.webp', fileContent: Buffer.from('webp') });
    const res = await fetch(`${h.url}/storage/file?fileID=${encodeURIComponent(up.fileID)}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/webp');
    // An H5 build on another origin draws it on a canvas (posters): that needs CORS.
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(await res.text()).toBe('webp');
    const head = await fetch(`${h.url}/storage/file?fileID=${encodeURIComponent(up.fileID)}`, { method: 'HEAD' });
    expect(head.headers.get('content-length')).toBe('4');
    expect((await fetch(`${h.url}/storage/file?fileID=cloud%3A%2F%2Fnope`)).status).toBe(404);
  });

  test('unknown /storage routes are left to other modules', async () => {
    const res = await fetch(`${h.url}/storage/elsewhere`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: 'no route for GET /storage/elsewhere' });
  });
});

describe('storage module with a data folder', () => {
  let dir: string;
  withDataDir('flywheel-storage-', (d) => (dir = d));

  test('files persist under <dataDir>/storage across module instances', async () => {
    const first = await startModuleHarness([createStorageModule], { dataDir: dir });
    const up = await first.cloud.uploadFile({ cloudPath: 'keep/me.txt', fileContent: Buffer.from('persisted') });
    await first.close();

    const second = await startModuleHarness([createStorageModule], { dataDir: dir });
    try {
      const down = await second.cloud.downloadFile({ fileID: up.fileID });
      expect(down.fileContent.toString()).toBe('persisted');
    } finally {
      await second.close();
    }
  });
});
