/**
 * The emulator is safe to leave running: a web page the developer visits cannot drive it
 * (cross-site origins, `text/plain` simple requests, DNS rebinding), bodies are bounded, and a
 * path that does not decode is a 400, not a 500.
 */
import { request } from 'node:http';
import { hostName, isLoopbackOrigin } from '../http-guard';
import { startTestEmulator, type TestEmulator } from '../testing';

let t: TestEmulator;
beforeAll(async () => {
  t = await startTestEmulator({ indexes: { things: [] } });
});
afterAll(() => t.emu.close());

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw HTTP request, so Host, Origin and chunked bodies are exactly what a browser or attacker would send. */
function raw(method: string, path: string, headers: Record<string, string> = {}, body?: string | Buffer, chunked = false): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: t.emu.port, method, path, headers: { host: `127.0.0.1:${t.emu.port}`, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    if (body !== undefined) {
      if (chunked) {
        const buf = Buffer.isBuffer(body) ? body : Buffer.from(body);
        for (let i = 0; i < buf.length; i += 64 * 1024) req.write(buf.subarray(i, i + 64 * 1024));
      } else req.write(body);
    }
    req.end();
  });
}

const json = (body: unknown) => ({
  headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(JSON.stringify(body))) },
  body: JSON.stringify(body),
});
const clockNow = async () => (await (await fetch(`${t.emu.url}/control/clock`)).json()).offsetMs as number;

describe('origins', () => {
  test.each(['https://evil.example', 'http://127.0.0.1.evil.example', 'null', 'file://', 'chrome-extension://abc'])(
    'a page from %s cannot log in, call, or steer the clock',
    async (origin) => {
      const login = json({});
      const res = await raw('POST', '/gateway/login', { ...login.headers, origin }, login.body);
      expect(res.status).toBe(403);
      expect(res.headers['access-control-allow-origin']).toBeUndefined();

      const advance = json({ advanceMs: 86_400_000 });
      const before = await clockNow();
      expect((await raw('POST', '/control/clock', { ...advance.headers, origin }, advance.body)).status).toBe(403);
      expect(await clockNow()).toBe(before);
    },
  );

  test('a preflight from a foreign origin is refused, so the browser never sends the request', async () => {
    const res = await raw('OPTIONS', '/gateway/call', { origin: 'https://evil.example', 'access-control-request-method': 'POST' });
    expect(res.status).toBe(403);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  test('the H5 app on another loopback port is allowed, and CORS names it (never *)', async () => {
    for (const origin of ['http://127.0.0.1:10086', 'http://localhost:5173', 'http://[::1]:8080']) {
      const pre = await raw('OPTIONS', '/gateway/login', { origin, 'access-control-request-method': 'POST' });
      expect(pre.status).toBe(204);
      expect(pre.headers['access-control-allow-origin']).toBe(origin);
      const login = json({});
      const res = await raw('POST', '/gateway/login', { ...login.headers, origin }, login.body);
      expect(res.status).toBe(200);
      expect(res.headers['access-control-allow-origin']).toBe(origin);
    }
  });

  test('a browser marking the request cross-site is refused even without an Origin', async () => {
    expect((await raw('GET', '/control/health', { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
  });
});

describe('hosts (DNS rebinding)', () => {
  test('a request addressed to another host name is refused on every route', async () => {
    for (const path of ['/control/health', '/gateway/login', '/admin']) {
      const res = await raw(
        path === '/control/health' ? 'GET' : 'POST',
        path,
        { host: `rebind.evil.example:${t.emu.port}`, 'content-type': 'application/json' },
        '{}',
      );
      expect(res.status).toBe(403);
      expect(JSON.parse(res.body).error).toMatch(/host/);
    }
  });

  test('loopback names are served', async () => {
    for (const host of [`127.0.0.1:${t.emu.port}`, `localhost:${t.emu.port}`, `[::1]:${t.emu.port}`, 'localhost']) {
      expect((await raw('GET', '/control/health', { host })).status).toBe(200);
    }
  });
});

describe('content types', () => {
  test('a text/plain POST (a cross-site simple request) cannot steer the clock or call the database', async () => {
    const before = await clockNow();
    const res = await raw('POST', '/control/clock', { 'content-type': 'text/plain' }, JSON.stringify({ advanceMs: 1000 }));
    expect(res.status).toBe(415);
    expect(await clockNow()).toBe(before);
    const admin = await raw(
      'POST',
      '/admin',
      { 'content-type': 'text/plain' },
      JSON.stringify({ action: 'database.insertDocument', collectionName: 'things', data: ['{"a":1}'] }),
    );
    expect(admin.status).toBe(415);
    expect((await t.db.collection('things').count()).total).toBe(0);
  });

  test.each(['application/x-www-form-urlencoded', 'multipart/form-data; boundary=x'])('%s is refused on the gateway', async (type) => {
    expect((await raw('POST', '/gateway/login', { 'content-type': type }, 'a=1')).status).toBe(415);
  });

  test('a POST without a body needs no content type (POST .../confirm style)', async () => {
    const res = await raw('POST', '/control/triggers/fire', {});
    expect(res.status).not.toBe(415);
  });
});

describe('body limits', () => {
  test('a JSON body over 1 MiB is refused before it is read, on the gateway and the SDK endpoint', async () => {
    const big = JSON.stringify({ name: 'x', data: { blob: 'a'.repeat(1024 * 1024 + 10) } });
    const headers = { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(big)) };
    expect((await raw('POST', '/gateway/call', headers, big)).status).toBe(413);
    expect((await raw('POST', '/admin', headers, big)).status).toBe(413);
  });

  test('a chunked JSON body over 1 MiB (no length given) is refused while it streams', async () => {
    const big = JSON.stringify({ advanceMs: 1, pad: 'a'.repeat(1024 * 1024 + 10) });
    const res = await raw('POST', '/control/clock', { 'content-type': 'application/json', 'transfer-encoding': 'chunked' }, big, true);
    expect(res.status).toBe(413);
  });

  test('storage uploads keep their own, larger limit', async () => {
    const up = await t.cloud.uploadFile({ cloudPath: 'big/two-mib.bin', fileContent: Buffer.alloc(2 * 1024 * 1024, 7) });
    expect(up.fileID).toMatch(/^cloud:\/\//);
    const down = await t.cloud.downloadFile({ fileID: up.fileID });
    expect(down.fileContent.length).toBe(2 * 1024 * 1024);
  });

  test('the SDK still works for ordinary calls', async () => {
    await t.db.collection('things').add({ data: { ok: true } });
    expect((await t.db.collection('things').where({ ok: true }).count()).total).toBe(1);
    await t.db.collection('things').where({ ok: true }).remove();
  });
});

describe('paths', () => {
  test.each(['/%E0%A4%A', '/control/%ZZ', '/storage/files/%E0%A4%A', '/gateway/%', '/static/%C0%AF'])('%s answers 400', async (path) => {
    const res = await raw('GET', path);
    expect(res.status).toBe(400);
  });
});

describe('rules', () => {
  test('host names', () => {
    expect(hostName('127.0.0.1:3900')).toBe('127.0.0.1');
    expect(hostName('[::1]:3900')).toBe('[::1]');
    expect(hostName('LocalHost')).toBe('localhost');
  });
  test('loopback origins', () => {
    expect(isLoopbackOrigin('http://127.0.0.1:3900')).toBe(true);
    expect(isLoopbackOrigin('http://app.localhost:3000')).toBe(true);
    expect(isLoopbackOrigin('http://[::1]')).toBe(true);
    expect(isLoopbackOrigin('http://127.0.0.2')).toBe(false);
    expect(isLoopbackOrigin('https://localhost.evil.example')).toBe(false);
    expect(isLoopbackOrigin('null')).toBe(false);
    expect(isLoopbackOrigin('ws://127.0.0.1')).toBe(false);
  });
});
