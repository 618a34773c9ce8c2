import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmulatorClock } from '../../clock';
import type { ActionHandler, EmulatorContext, EmulatorModule, MediaCheckDelivery, WxContext } from '../../types';

/**
 * A tiny HTTP server made of just the modules under test, plus the REAL wx-server-sdk pointed at
 * it through the environment variables the SDK reads. Shared by the storage, openapi and pay tests.
 */
export interface Invocation {
  name: string;
  event: unknown;
  wx?: Partial<WxContext>;
}

export interface ModuleHarness {
  ctx: EmulatorContext;
  url: string;
  cloud: any;
  invocations: Invocation[];
  /** What the modules logged (ctx.log), oldest first. */
  logs: string[];
  /** What a function answers when the module invokes it (default: `{ errcode: 0, errmsg: 'OK' }`). */
  functions: Map<string, (event: unknown) => unknown>;
  control(path: string, init?: { method?: string; body?: unknown; rawBody?: string }): Promise<{ status: number; body: any }>;
  close(): Promise<void>;
}

/**
 * A fresh temporary data folder for the describe block this is called in (its path handed to
 * `ready` before the block's tests), removed after them.
 */
export function withDataDir(prefix: string, ready: (dir: string) => void): void {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), prefix));
    ready(dir);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
}

export const TEST_ENV = 'test-env';
export const TEST_APPID = 'wxtestappid0001';
export const TEST_H5 = 'http://h5.test/';

export async function startModuleHarness(
  makers: Array<(ctx: EmulatorContext) => EmulatorModule>,
  options: {
    dataDir?: string | null;
    /** The message-push function (default none) and how media-check verdicts reach it (default manual, for determinism). */
    messagePush?: { function: string } | null;
    mediaCheckDelivery?: MediaCheckDelivery;
    /** What /gateway/upload's session check answers for a bearer token (default: none valid). */
    sessions?: Record<string, string>;
  } = {},
): Promise<ModuleHarness> {
  let baseUrl = '';
  const invocations: Invocation[] = [];
  const functions = new Map<string, (event: unknown) => unknown>();
  const logs: string[] = [];
  const ctx: EmulatorContext = {
    clock: new EmulatorClock(),
    envId: TEST_ENV,
    appId: TEST_APPID,
    baseUrl: () => baseUrl,
    dataDir: options.dataDir ?? null,
    h5BaseUrl: () => TEST_H5,
    async invokeFunction(name, event, wx) {
      invocations.push({ name, event, wx });
      const fn = functions.get(name);
      const result = fn ? await fn(event) : { errcode: 0, errmsg: 'OK' };
      return { result, requestId: `req-${invocations.length}` };
    },
    countRequest: () => undefined,
    // Calls come from the test process, never from a function invocation.
    callerOf: () => null,
    sessionOpenid: (authorization) => (authorization?.startsWith('Bearer ') ? (options.sessions?.[authorization.slice(7)] ?? null) : null),
    messagePush: options.messagePush ?? null,
    mediaCheckDelivery: options.mediaCheckDelivery ?? { mode: 'manual', delayMs: 0 },
    log: (message) => logs.push(message),
  };
  const modules = makers.map((make) => make(ctx));
  const actions: Record<string, ActionHandler> = {};
  for (const m of modules) Object.assign(actions, m.actions ?? {});

  const server: Server = createServer((req, res) => void route(req, res));
  async function route(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    try {
      for (const m of modules) if (m.http && (await m.http(req, res, url))) return;
      if (req.method === 'POST' && url.pathname === '/admin') {
        const chunks: Buffer[] = [];
        for await (const c of req) chunks.push(c as Buffer);
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
        const handler = actions[String(body.action)];
        const reply = handler ? await handler(body, req) : { code: 'INVALID_ACTION', message: `unknown action ${String(body.action)}` };
        return send(res, 200, { ...(reply as object), requestId: 'test-request' });
      }
      send(res, 404, { error: `no route for ${req.method} ${url.pathname}` });
    } catch (err) {
      if (!res.headersSent) send(res, 500, { error: (err as Error).message });
      else res.end();
    }
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  Object.assign(process.env, {
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: `${baseUrl}/admin` }),
    TENCENTCLOUD: 'true',
    SCF_NAMESPACE: TEST_ENV,
    TENCENTCLOUD_SECRETID: 'x',
    TENCENTCLOUD_SECRETKEY: 'y',
  });
  const cloud = require('wx-server-sdk');
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });

  return {
    ctx,
    url: baseUrl,
    cloud,
    invocations,
    logs,
    functions,
    async control(path, init = {}) {
      const method = init.method ?? (init.body === undefined && init.rawBody === undefined ? 'GET' : 'POST');
      const res = await fetch(`${baseUrl}${path}`, {
        method,
        headers: { 'content-type': 'application/json' },
        body: init.rawBody ?? (init.body === undefined ? undefined : JSON.stringify(init.body)),
      });
      const text = await res.text();
      let body: unknown = text;
      try {
        body = text ? JSON.parse(text) : null;
      } catch {
        // not JSON (an image); keep the text
      }
      return { status: res.status, body };
    },
    async close() {
      for (const m of modules) await m.close?.();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

function send(res: ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(text);
}

/** Awaits a rejection and returns it, so tests can assert on errCode and errMsg. */
export async function rejectionOf(promise: Promise<unknown>): Promise<{ errCode: number; errMsg: string; message: string }> {
  try {
    await promise;
  } catch (err) {
    return err as { errCode: number; errMsg: string; message: string };
  }
  throw new Error('expected the call to fail, but it succeeded');
}
