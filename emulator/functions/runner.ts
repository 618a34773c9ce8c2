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
    };
    const context = { function_name: name, request_id: requestId, time_limit_in_ms: timeoutS * 1000, memory_limit_in_mb: 256, namespace: process.env.SCF_NAMESPACE ?? '' };
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new FunctionError('FUNCTIONS_TIME_LIMIT_EXCEEDED', `Invoking task timed out after ${timeoutS} seconds`)), timeoutS * 1000);
    });
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
    }
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
      // eslint-disable-next-line @typescript-eslint/no-require-imports
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
