import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { InvokeResult, WxContext } from '../types';
import { DEFAULT_TIMEOUT_S, readFunctionConfig, type FunctionConfig } from './function-config';
import { installIsolatedEnv, runWithEnv } from './isolated-env';

export interface LoadedFunction {
  name: string;
  dir: string;
  config: FunctionConfig;
  main: (event: unknown, context: unknown) => unknown;
}

export class FunctionError extends Error {
  constructor(
    readonly code: 'FUNCTION_NOT_FOUND' | 'FUNCTIONS_EXECUTE_FAIL' | 'FUNCTIONS_TIME_LIMIT_EXCEEDED',
    message: string,
  ) {
    super(message);
  }
}

/**
 * Loads built functions (`<dir>/<name>/index.js` exporting `main`) and runs them like warm WeChat
 * instances in this process, each invocation with its own WeChat context and time limit.
 */
/** Invocations per function since start: what a load test reads to see time limits being hit. */
export interface FunctionStats {
  invocations: number;
  timeouts: number;
  failures: number;
}

export class FunctionRunner {
  private readonly functions = new Map<string, LoadedFunction>();
  readonly stats = new Map<string, FunctionStats>();
  /** Invocations past their time limit, newest last (bounded): their later requests are refused. */
  private readonly stopped = new Set<string>();
  /** Invocations running now, by request id: whose SDK request is whose (open API permissions). */
  private readonly running = new Map<string, LoadedFunction>();
  /** Called when an invocation is stopped at its time limit (the emulator rolls back its transactions). */
  onStopped: (requestId: string) => void = () => undefined;

  constructor(
    private readonly dir: string | null,
    private readonly appId: string,
  ) {
    installIsolatedEnv();
    if (dir) this.loadAll();
  }

  list(): LoadedFunction[] {
    return [...this.functions.values()];
  }

  get(name: string): LoadedFunction | undefined {
    return this.functions.get(name);
  }

  /** Registers a function from code (tests, or projects that do not build to a folder). */
  register(name: string, main: LoadedFunction['main'], config: FunctionConfig = {}): void {
    this.functions.set(name, { name, dir: '', config, main });
  }

  async invoke(name: string, event: unknown, wx: Partial<WxContext> = {}): Promise<InvokeResult> {
    const fn = this.functions.get(name);
    if (!fn) throw new FunctionError('FUNCTION_NOT_FOUND', `FunctionName parameter could not be found: no function named ${name}`);
    const requestId = randomBytes(16).toString('hex');
    const stats = this.statsFor(name);
    stats.invocations++;
    const timeoutS = fn.config.timeout ?? DEFAULT_TIMEOUT_S;
    const vars = {
      WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID,WX_UNIONID',
      WX_OPENID: wx.OPENID ?? '',
      WX_APPID: wx.APPID ?? this.appId,
      WX_UNIONID: wx.UNIONID ?? '',
      TCB_SOURCE: wx.SOURCE ?? 'wx_client',
      SCF_FUNCTIONNAME: name,
      SCF_REQUEST_ID: requestId,
      // The SDK prefixes every request's seqId with TCB_SEQID (read through TCB_CONTEXT_KEYS, as in
      // WeChat's runtime): that is how the emulator knows which invocation sent it (invocation-id.ts).
      TCB_CONTEXT_KEYS: 'TCB_SEQID',
      TCB_SEQID: requestId,
    };
    const context = {
      function_name: name,
      request_id: requestId,
      time_limit_in_ms: timeoutS * 1000,
      memory_limit_in_mb: 256,
      namespace: process.env.SCF_NAMESPACE ?? '',
    };
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        this.stop(requestId);
        reject(new FunctionError('FUNCTIONS_TIME_LIMIT_EXCEEDED', `Invoking task timed out after ${timeoutS} seconds`));
      }, timeoutS * 1000);
    });
    this.running.set(requestId, fn);
    try {
      const run = runWithEnv(vars, async () => fn.main(structuredCloneJson(event), context));
      const result = await Promise.race([run, timeout]);
      return { result: result === undefined ? null : structuredCloneJson(result), requestId };
    } catch (e) {
      if (e instanceof FunctionError) {
        if (e.code === 'FUNCTIONS_TIME_LIMIT_EXCEEDED') stats.timeouts++;
        else stats.failures++;
        throw e;
      }
      stats.failures++;
      const err = e as Error;
      throw new FunctionError('FUNCTIONS_EXECUTE_FAIL', `${err?.name ?? 'Error'}: ${err?.message ?? String(e)}${err?.stack ? `\n${err.stack}` : ''}`);
    } finally {
      clearTimeout(timer);
      this.running.delete(requestId);
    }
  }

  /** The function whose invocation `requestId` is running now, if any. */
  runningFunction(requestId: string | undefined): LoadedFunction | undefined {
    return requestId === undefined ? undefined : this.running.get(requestId);
  }

  /**
   * WeChat stops the instance at the time limit: nothing the invocation does afterwards reaches the
   * database. The emulator cannot stop the code running in its own process, so it refuses the
   * requests the invocation still sends and rolls back its open transactions.
   */
  private stop(requestId: string): void {
    this.stopped.add(requestId);
    if (this.stopped.size > 10_000) this.stopped.delete(this.stopped.values().next().value as string);
    this.onStopped(requestId);
  }

  isStopped(requestId: string | undefined): boolean {
    return requestId !== undefined && this.stopped.has(requestId);
  }

  private statsFor(name: string): FunctionStats {
    let s = this.stats.get(name);
    if (!s) this.stats.set(name, (s = { invocations: 0, timeouts: 0, failures: 0 }));
    return s;
  }

  private loadAll(): void {
    const root = resolve(this.dir!);
    if (!existsSync(root)) throw new Error(`functions folder ${root} does not exist (build the functions first)`);
    for (const entry of readdirSync(root, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const dir = join(root, entry.name);
      const file = join(dir, 'index.js');
      if (!existsSync(file)) continue;
      /* eslint-disable-next-line @typescript-eslint/no-require-imports -- a built function is a CommonJS bundle found at
         run time; require loads it synchronously and once, as WeChat's Node runtime does. */
      const mod = require(file) as { main?: LoadedFunction['main'] };
      if (typeof mod.main !== 'function') throw new Error(`${file} does not export main(event, context)`);
      this.functions.set(entry.name, { name: entry.name, dir, config: readFunctionConfig(dir), main: mod.main });
    }
  }
}

/** Events and results cross the wire as JSON in WeChat; copying through JSON keeps that contract honest. */
function structuredCloneJson<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}
