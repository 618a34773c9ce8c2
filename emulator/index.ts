import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { handleAdmin, type ActionCounts } from './admin-api';
import { FaultInjector } from './faults';
import { EmulatorClock } from './clock';
import { createControlModule } from './control';
import { databaseActions } from './db/actions';
import { DocumentDatabase } from './db/document-database';
import { loadIndexFile, parseIndexDeclarations, type IndexDeclarations } from './db/indexes';
import { SqliteStore } from './db/sqlite-store';
import { createFunctionsModule } from './functions/functions-module';
import { defineDynamicEnv } from './functions/isolated-env';
import { invocationOf } from './functions/invocation-id';
import { FunctionRunner, type LoadedFunction } from './functions/runner';
import { TimerTriggers } from './functions/timer-triggers';
import { createGatewayModule } from './gateway';
import { GatewaySessions } from './gateway-session';
import { sendJson } from './http-util';
import { DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_MULTIPART_BYTES, guardRequest, isLoopbackOrigin, type GuardOptions } from './http-guard';
import { CLOCK_OFFSET_ENV, sdkEnvironment } from './sdk-environment';
import { createStaticModule } from './static-files';
import { defaultModules } from './modules';
import type { ActionHandler, EmulatorContext, EmulatorModule, InvokeResult, WxContext } from './types';
import type { FunctionConfig } from './functions/function-config';

export { EmulatorClock } from './clock';
export { sdkEnvironment, CLOCK_OFFSET_ENV } from './sdk-environment';
export type { EmulatorContext, EmulatorModule, WxContext } from './types';

export interface EmulatorOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Folder for the database and files; null keeps everything in memory. */
  dataDir?: string | null;
  /** Index declarations, or the path of the JSON file holding them. */
  indexes?: IndexDeclarations | string;
  /** Folder of built functions (`<name>/index.js` + `config.json`). */
  functionsDir?: string | null;
  /** A built H5 app to serve at `/`. */
  staticDir?: string | null;
  envId?: string;
  appId?: string;
  /** Base URL the H5 app is reached at (mini-program codes encode it); defaults to the emulator's own. */
  h5BaseUrl?: string;
  /** Collections must exist before use, as in the cloud. Defaults to true when indexes are declared. */
  strictCollections?: boolean;
  transactionTimeoutMs?: number;
  lockWaitMs?: number;
  /** Runs timer triggers on the emulator clock (default true). */
  timers?: boolean;
  /** Feature modules built from the emulator's context; defaults to storage, open APIs and payments. */
  modules?: Array<(ctx: EmulatorContext) => EmulatorModule>;
  log?: (message: string) => void;
  /**
   * Host names besides 127.0.0.1, localhost and ::1 that may address the emulator. Requests for
   * any other Host (DNS rebinding) or from any other Origin (a web page) are refused.
   */
  allowedHosts?: string[];
  /**
   * WeChat's 消息推送 (cloud console → 消息推送 → 云函数): the function that receives message pushes,
   * today the verdicts of `security.mediaCheckAsync` (`wxa_media_check` events). Default none: the
   * verdicts are kept (GET /control/openapi/media-check/checks) but not delivered.
   */
  messagePush?: { function: string } | null;
  /** Real-time delay between a media check and the push of its verdict (default 1500 ms). */
  mediaCheckDelayMs?: number;
  /** 'auto' (default) pushes each verdict after the delay; 'manual' holds them until /control/openapi/media-check/deliver. */
  mediaCheckMode?: 'auto' | 'manual';
}

export const DEFAULT_MEDIA_CHECK_DELAY_MS = 1500;

export interface Emulator {
  url: string;
  port: number;
  /** The environment that points wx-server-sdk at this emulator. */
  env: Record<string, string>;
  clock: EmulatorClock;
  db: DocumentDatabase;
  context: EmulatorContext;
  /** SDK requests received so far, by action (database round trips for benchmarks). */
  requestCounts: ActionCounts;
  /** Makes chosen database requests fail before or after they apply (crash tests); also /control/faults. */
  faults: FaultInjector;
  invoke(name: string, event: unknown, wx?: Partial<WxContext>): Promise<InvokeResult>;
  registerFunction(name: string, main: LoadedFunction['main'], config?: FunctionConfig): void;
  close(): Promise<void>;
}

export const DEFAULT_ENV_ID = 'flywheel-local';
export const DEFAULT_APP_ID = 'wx0123456789abcdef';

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const log = options.log ?? (() => undefined);
  const envId = options.envId ?? DEFAULT_ENV_ID;
  const appId = options.appId ?? DEFAULT_APP_ID;
  const dataDir = options.dataDir ?? null;
  const indexes = typeof options.indexes === 'string' ? loadIndexFile(options.indexes) : parseIndexDeclarations(options.indexes ?? {});
  const clock = new EmulatorClock();
  const store = new SqliteStore(dataDir ? join(dataDir, 'emulator.sqlite') : null, indexes);
  const db = new DocumentDatabase(store, {
    strictCollections: options.strictCollections ?? Object.keys(indexes).length > 0,
    transactionTimeoutMs: options.transactionTimeoutMs ?? 10_000,
    lockWaitMs: options.lockWaitMs ?? 5_000,
    now: Date.now,
  });

  const messagePush = options.messagePush ?? null;
  if (messagePush && (typeof messagePush.function !== 'string' || messagePush.function === '')) throw new Error('messagePush.function must name a function');
  const mediaCheckDelayMs = options.mediaCheckDelayMs ?? DEFAULT_MEDIA_CHECK_DELAY_MS;
  if (!Number.isFinite(mediaCheckDelayMs) || mediaCheckDelayMs < 0) throw new Error(`mediaCheckDelayMs must be 0 or more, got ${mediaCheckDelayMs}`);

  let baseUrl = '';
  const sessions = new GatewaySessions(sessionSecret(dataDir));
  const faults = new FaultInjector();
  const requestCounts: ActionCounts = {};
  const runner = new FunctionRunner(options.functionsDir ?? null, appId);
  runner.onStopped = (requestId) => {
    const n = db.abortTransactionsOf(requestId);
    if (n > 0) log(`functions: an invocation hit its time limit; ${n} open transaction(s) of it rolled back`);
  };
  const context: EmulatorContext = {
    clock,
    envId,
    appId,
    baseUrl: () => baseUrl,
    dataDir,
    h5BaseUrl: () => options.h5BaseUrl ?? baseUrl,
    invokeFunction: (name, event, wx) => runner.invoke(name, event, wx),
    countRequest: (action) => {
      requestCounts[action] = (requestCounts[action] ?? 0) + 1;
    },
    callerOf: (req) => {
      const fn = runner.runningFunction(invocationOf(req.url));
      return fn ? { functionName: fn.name, openapi: fn.config.permissions?.openapi ?? [] } : null;
    },
    sessionOpenid: (authorization) => sessions.openidOf(authorization),
    messagePush: messagePush ? { function: messagePush.function } : null,
    mediaCheckDelivery: { mode: options.mediaCheckMode ?? 'auto', delayMs: mediaCheckDelayMs },
    log,
  };

  const modules: EmulatorModule[] = [
    createControlModule(context, { db, runner, triggers: () => triggers, requestCounts: () => requestCounts, faults }),
    createGatewayModule(context, sessions),
    createFunctionsModule(context),
    ...(options.modules ?? defaultModules).map((make) => make(context)),
    ...(options.staticDir ? [createStaticModule(options.staticDir)] : []),
  ];
  const actions: Record<string, ActionHandler> = { ...databaseActions(db, () => clock.now()) };
  for (const m of modules) Object.assign(actions, m.actions ?? {});

  const server: Server = createServer((req, res) => {
    void route(req, res);
  });
  const guard: GuardOptions = {
    allowedHosts: (options.allowedHosts ?? []).map((h) => h.toLowerCase()),
    maxBodyBytes: DEFAULT_MAX_BODY_BYTES,
    maxMultipartBytes: DEFAULT_MAX_MULTIPART_BYTES,
  };
  async function route(req: IncomingMessage, res: ServerResponse) {
    const verdict = guardRequest(req, guard);
    if (!verdict.ok) {
      req.resume();
      res.setHeader('connection', 'close');
      // An H5 page on another loopback port must be able to read why (a 413 upload, a 415 body),
      // or its fetch sees only a network error. Foreign origins never get the header.
      const origin = req.headers.origin;
      if (origin && isLoopbackOrigin(origin, guard.allowedHosts)) res.setHeader('access-control-allow-origin', origin);
      return sendJson(res, verdict.status, { error: verdict.message });
    }
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method === 'POST' && url.pathname === '/admin' && runner.isStopped(invocationOf(req.url))) {
      // The instance is gone in WeChat: the request never arrives. The SDK sees a failed call.
      req.resume();
      return sendJson(res, 200, {
        code: 'FUNCTIONS_TIME_LIMIT_EXCEEDED',
        message: 'the function invocation that sent this request hit its time limit and was stopped',
      });
    }
    try {
      for (const m of modules) if (m.http && (await m.http(req, res, url))) return;
      if (req.method === 'POST' && url.pathname === '/admin') return await handleAdmin(req, res, actions, requestCounts, faults);
      sendJson(res, 404, { error: `no route for ${req.method} ${url.pathname}` });
    } catch (e) {
      log(`request ${req.method} ${url.pathname} failed: ${(e as Error).stack}`);
      if (!res.headersSent) sendJson(res, 500, { error: (e as Error).message });
      else res.end();
    }
  }
  // Overlapping SDK calls from many functions keep many sockets open at once.
  server.keepAliveTimeout = 5_000;
  server.maxConnections = 10_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  baseUrl = `http://127.0.0.1:${port}`;

  const env = sdkEnvironment(baseUrl, envId);
  // Functions run in this process: they reach the emulator through the same variables.
  Object.assign(process.env, env);
  defineDynamicEnv(CLOCK_OFFSET_ENV, () => String(clock.offset()));

  if (messagePush && !runner.get(messagePush.function)) {
    log(`message push: no function named ${messagePush.function} is served yet; pushes to it will fail until one is registered`);
  }

  let triggers: TimerTriggers | null = options.timers === false ? null : new TimerTriggers(runner, clock, log);

  return {
    url: baseUrl,
    port,
    env,
    clock,
    db,
    context,
    requestCounts,
    faults,
    invoke: (name, event, wx) => runner.invoke(name, event, wx),
    registerFunction: (name, main, config) => runner.register(name, main, config),
    async close() {
      triggers?.stop();
      triggers = null;
      for (const m of modules) await m.close?.();
      db.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      store.close();
    },
  };
}

/** Keeps H5 sessions valid across restarts when data persists. */
function sessionSecret(dataDir: string | null): Buffer {
  if (!dataDir) return randomBytes(32);
  const file = join(dataDir, 'session-secret');
  if (existsSync(file)) return Buffer.from(readFileSync(file, 'utf8'), 'hex');
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32);
  writeFileSync(file, secret.toString('hex'), { mode: 0o600 });
  return secret;
}
