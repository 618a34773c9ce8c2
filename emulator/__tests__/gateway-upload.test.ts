/**
 * POST /gateway/upload: the H5 build's stand-in for wx.cloud.uploadFile. It stores where the SDK's
 * uploadFile stores (same file id, same bytes), only for a signed-in session, within 10 MB, at a
 * valid cloud path; and what it stores can be shown on the H5 page through getTempFileURL.
 */
import { request } from 'node:http';
import { toFileId } from '../storage/file-id';
import { startTestEmulator, type TestEmulator } from '../testing';

let t: TestEmulator;
let token: string;

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64, 7)]);

beforeAll(async () => {
  t = await startTestEmulator({});
  const login = await fetch(`${t.emu.url}/gateway/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"openid":"oUploader"}' });
  token = ((await login.json()) as { token: string }).token;
});
afterAll(() => t.emu.close());

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: any;
}

/** A raw request, so Origin, lengths and chunked bodies are exactly what a browser would send. */
function raw(method: string, path: string, headers: Record<string, string> = {}, body?: Buffer, chunked = false): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: t.emu.port, method, path, headers: { host: `127.0.0.1:${t.emu.port}`, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let parsed: unknown = text;
        try {
          parsed = text ? JSON.parse(text) : null;
        } catch {
          // not JSON
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: parsed });
      });
    });
    // The server may answer (413) and close before the whole body is written.
    req.on('error', (err) =>
      (err as NodeJS.ErrnoException).code === 'EPIPE' || (err as NodeJS.ErrnoException).code === 'ECONNRESET' ? undefined : reject(err),
    );
    if (body !== undefined) {
      if (chunked) for (let i = 0; i < body.length; i += 256 * 1024) req.write(body.subarray(i, i + 256 * 1024));
      else req.write(body);
    }
    req.end();
  });
}

const upload = (cloudPath: string, bytes: Buffer = PNG, headers: Record<string, string> = {}) =>
  raw(
    'POST',
    `/gateway/upload?cloudPath=${encodeURIComponent(cloudPath)}`,
    { 'content-type': 'image/png', 'content-length': String(bytes.length), authorization: `Bearer ${token}`, ...headers },
    bytes,
  );

test('stores the bytes at cloudPath exactly as uploadFile would, and answers the fileID', async () => {
  const res = await upload('feedback/u1/20261203-a.png');
  expect(res.status).toBe(200);
  expect(res.body).toEqual({ fileID: toFileId(t.emu.context.envId, 'feedback/u1/20261203-a.png'), errMsg: 'cloud.uploadFile:ok' });

  const sdk = await t.cloud.uploadFile({ cloudPath: 'feedback/u1/20261203-sdk.png', fileContent: PNG });
  expect(sdk.fileID.replace('20261203-sdk', '20261203-a')).toBe(res.body.fileID);
  const { fileContent } = await t.cloud.downloadFile({ fileID: res.body.fileID });
  expect(Buffer.compare(fileContent, PNG)).toBe(0);
});

test('an upload to an existing path replaces the file, as uploadFile does', async () => {
  await upload('feedback/u1/replaced.jpg', PNG, { 'content-type': 'image/jpeg' });
  const again = await upload('feedback/u1/replaced.jpg', JPEG, { 'content-type': 'image/jpeg' });
  const { fileContent } = await t.cloud.downloadFile({ fileID: again.body.fileID });
  expect(Buffer.compare(fileContent, JPEG)).toBe(0);
});

test('what the server hands out with getTempFileURL loads as an image on the H5 page, same origin or another loopback port', async () => {
  const { body } = await upload('feedback/u1/shown.png');
  const { fileList } = await t.cloud.getTempFileURL({ fileList: [body.fileID] });
  const url = new URL(fileList[0].tempFileURL);
  const path = `${url.pathname}${url.search}`;
  // <img src> from the page the emulator serves, and from `npm run dev:h5` on another port (an
  // <img> sends no Origin; a canvas that reads it sends one and needs CORS).
  const loads: Record<string, string>[] = [
    { 'sec-fetch-site': 'same-origin', 'sec-fetch-dest': 'image' },
    { 'sec-fetch-site': 'same-site', 'sec-fetch-dest': 'image' },
    { 'sec-fetch-site': 'same-site', 'sec-fetch-mode': 'cors', origin: 'http://127.0.0.1:10086' },
  ];
  for (const headers of loads) {
    const res = await raw('GET', path, headers);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.headers['access-control-allow-origin']).toBe('*');
  }
});

test('without a valid session: 401, nothing stored', async () => {
  for (const headers of [{ authorization: '' }, { authorization: 'Bearer forged.token' }]) {
    const res = await upload('feedback/u1/anon.png', PNG, headers);
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ errCode: -401001, errMsg: 'cloud.uploadFile:fail session expired or missing: log in again' });
  }
  const err = await t.cloud.downloadFile({ fileID: toFileId(t.emu.context.envId, 'feedback/u1/anon.png') }).catch((e: Error) => e);
  expect(err).toBeInstanceOf(Error);
});

test('over 10 MB: 413, whether the length is declared or the body is chunked', async () => {
  const big = Buffer.alloc(10 * 1024 * 1024 + 1, 1);
  const declared = await upload('feedback/u1/big.png', big);
  expect(declared.status).toBe(413);
  const chunked = await raw(
    'POST',
    '/gateway/upload?cloudPath=feedback/u1/big2.png',
    { 'content-type': 'image/png', authorization: `Bearer ${token}` },
    big,
    true,
  );
  expect(chunked.status).toBe(413);
  expect(chunked.body.errMsg).toMatch(/^cloud\.uploadFile:fail file is larger than/);
  // Exactly 10 MB is within the bound.
  expect((await upload('feedback/u1/limit.png', Buffer.alloc(10 * 1024 * 1024, 1))).status).toBe(200);
});

test.each([
  ['a .. segment', 'feedback/../../etc/passwd.png'],
  ['a leading ..', '../outside.png'],
  ['an absolute path', '/etc/passwd'],
  ['a backslash', 'feedback\\..\\x.png'],
  ['no path', ''],
])('refuses %s in cloudPath with 400', async (_label, cloudPath) => {
  const res = await upload(cloudPath);
  expect(res.status).toBe(400);
  expect(res.body.errMsg).toMatch(/^cloud\.uploadFile:fail invalid cloudPath/);
});

test('only POST of image bytes: another method is 405, another content type 415, an empty body 400', async () => {
  expect((await raw('GET', '/gateway/upload?cloudPath=a.png', { authorization: `Bearer ${token}` })).status).toBe(405);
  expect((await raw('PUT', '/gateway/upload?cloudPath=a.png', { authorization: `Bearer ${token}` })).status).toBe(405);
  const json = Buffer.from('{"x":1}');
  expect((await upload('feedback/u1/j.png', json, { 'content-type': 'application/json' })).status).toBe(415);
  expect((await upload('feedback/u1/t.png', json, { 'content-type': 'text/plain' })).status).toBe(415);
  expect((await upload('feedback/u1/empty.png', Buffer.alloc(0))).status).toBe(400);
});

test("keeps the request guard's loopback rules: a page on another loopback port may upload, a foreign page may not", async () => {
  const pre = await raw('OPTIONS', '/gateway/upload?cloudPath=a.png', {
    origin: 'http://127.0.0.1:10086',
    'access-control-request-method': 'POST',
    'access-control-request-headers': 'authorization, content-type',
  });
  expect(pre.status).toBe(204);
  expect(pre.headers['access-control-allow-origin']).toBe('http://127.0.0.1:10086');
  expect(String(pre.headers['access-control-allow-headers'])).toMatch(/authorization/);

  const ok = await upload('feedback/u1/cors.png', PNG, { origin: 'http://127.0.0.1:10086' });
  expect(ok.status).toBe(200);
  expect(ok.headers['access-control-allow-origin']).toBe('http://127.0.0.1:10086');
  // A refusal by the guard is still readable by the H5 page (it shows why, not a network error).
  const tooBig = await upload('feedback/u1/cors-big.png', Buffer.alloc(10 * 1024 * 1024 + 1), { origin: 'http://127.0.0.1:10086' });
  expect(tooBig.status).toBe(413);
  expect(tooBig.headers['access-control-allow-origin']).toBe('http://127.0.0.1:10086');

  const evil = await upload('feedback/u1/evil.png', PNG, { origin: 'https://evil.example' });
  expect(evil.status).toBe(403);
  expect(evil.headers['access-control-allow-origin']).toBeUndefined();
  expect((await upload('feedback/u1/rebound.png', PNG, { host: 'attacker.example:80' })).status).toBe(403);
});
