import { existsSync, readFileSync } from 'node:fs';
import { posix, join } from 'node:path';
import vm from 'node:vm';
import { VirtualTimers } from './virtual-timers';

/** Something that went wrong inside the mini-program: it fails the journey or bench that saw it. */
export interface Problem {
  kind: 'error' | 'unhandled-rejection' | 'console.error' | 'unknown-api' | 'wx-misuse';
  message: string;
}

/** One setData as WeChat's bridge would carry it to the view layer. */
export interface SetDataRecord {
  route: string;
  pageId: number;
  /** UTF-8 bytes of JSON.stringify(data): what crosses the bridge. */
  bytes: number;
  /** Number of data paths set. */
  paths: number;
}

export interface PageInstance {
  readonly __pageId: number;
  route: string;
  options: Record<string, string>;
  data: any;
  setData(data: Record<string, unknown>, callback?: () => void): void;
  [member: string]: any;
}

export interface AppJson {
  pages: string[];
  subPackages?: Array<{ root: string; pages: string[] }>;
  tabBar?: { list: Array<{ pagePath: string }> };
}

export interface LaunchOptions {
  path: string;
  query: Record<string, string>;
  /** WeChat's scene value: 1001 the app list, 1007 a chat card, 1154 a timeline card, 1047 a mini-program code. */
  scene: number;
}

/**
 * The logic layer of the built mini-program (dist/) in a Node vm: WeChat's module system
 * (require relative to each file), its globals (App, Page, Component, getApp, getCurrentPages,
 * wx) and nothing else — no window, document, process or global, as in WeChat's JS engine — plus
 * the page stack with WeChat's lifecycle order. The view layer is the data each page receives
 * through setData, applied path by path as WeChat does.
 */
export class MiniProgram {
  readonly timers: VirtualTimers;
  readonly appJson: AppJson;
  readonly tabRoutes: ReadonlySet<string>;
  readonly routes: ReadonlySet<string>;
  readonly problems: Problem[] = [];
  readonly setDataLog: SetDataRecord[] = [];
  /** Pages open, bottom first (tab pages that were shown stay alive in `tabPages`). */
  readonly stack: PageInstance[] = [];
  private readonly tabPages = new Map<string, PageInstance>();
  private readonly context: vm.Context;
  private readonly modules = new Map<string, { exports: any }>();
  private readonly pageConfigs = new Map<string, any>();
  /** Host work the app waits for, oldest first: its outcome reaches the app in this order, from settle(). */
  private readonly pending: Array<{ work: Promise<unknown>; done: boolean; deliver: () => void }> = [];
  private loadingRoute: string | null = null;
  private appInstance: any = null;
  private webpackRequire: any = null;
  private taroDocumentCache: any = null;
  private nextPageId = 1;
  private readonly contextJson: JSON;

  constructor(
    readonly distDir: string,
    private readonly makeWx: (mp: MiniProgram) => object,
    private readonly label: string,
  ) {
    this.timers = new VirtualTimers((error, where) => this.report('error', `${where}: ${describe(error)}`));
    this.appJson = JSON.parse(readFileSync(join(distDir, 'app.json'), 'utf8')) as AppJson;
    this.tabRoutes = new Set((this.appJson.tabBar?.list ?? []).map((t) => t.pagePath));
    this.routes = new Set([...this.appJson.pages, ...(this.appJson.subPackages ?? []).flatMap((p) => p.pages.map((page) => `${p.root}/${page}`))]);
    const sandbox: Record<string, unknown> = {
      App: (config: any) => {
        if (this.appInstance) this.report('wx-misuse', 'App() called twice');
        this.appInstance = config;
      },
      Page: (config: any) => {
        if (!this.loadingRoute) {
          this.report('wx-misuse', 'Page() called outside a page file');
          return;
        }
        this.pageConfigs.set(this.loadingRoute, config);
      },
      Component: () => undefined,
      Behavior: (definition: unknown) => definition,
      getApp: () => this.appInstance,
      getCurrentPages: () => [...this.stack],
      console: this.makeConsole(),
      setTimeout: this.timers.setTimeout,
      clearTimeout: this.timers.clearTimeout,
      setInterval: this.timers.setInterval,
      clearInterval: this.timers.clearInterval,
    };
    this.context = vm.createContext(sandbox, { name: `weapp ${label}` });
    this.contextJson = vm.runInContext('JSON', this.context) as JSON;
    // The app's clock is the virtual one (from the real time at start): time does not pass while
    // the app computes, so React never splits a render on a slow machine and every run sends the
    // same setData.
    const startedAt = Date.now();
    (vm.runInContext(VIRTUAL_DATE, this.context) as (now: () => number) => void)(() => startedAt + this.timers.now);
    sandbox.wx = this.makeWx(this);
    // The first entry of webpack's chunk queue hands the harness webpack's require, before any
    // module runs, so Taro's logic-layer document (sid -> element, with its dataset) can be read.
    (sandbox.wx as any).webpackJsonp = this.contextJson.parse('[[["__weapp_harness__"],{}]]');
    (sandbox.wx as any).webpackJsonp[0].push((req: unknown) => {
      this.webpackRequire = req;
    });
  }

  // ---------------------------------------------------------------- values crossing the bridge

  /** A JSON copy made in the mini-program's realm, as data crossing WeChat's bridge is. */
  toApp<T>(value: T): T {
    return value === undefined ? value : (this.contextJson.parse(JSON.stringify(value)) as T);
  }

  /** A promise of the mini-program's realm (the app may test `instanceof Promise`). */
  appPromise<T>(executor: (resolve: (v: T) => void, reject: (e: unknown) => void) => void): Promise<T> {
    return new this.AppPromise<T>(executor);
  }

  /** True for a promise the app made (each app has its own realm, hence its own Promise). */
  ownsPromise(promise: Promise<unknown>): boolean {
    return promise instanceof this.AppPromise;
  }

  private get AppPromise(): PromiseConstructor {
    return vm.runInContext('Promise', this.context) as PromiseConstructor;
  }

  /**
   * Host work the app waits for (a cloud call, a payment). Its outcome is handed to the app by
   * settle(), one at a time in the order the work started, between the app's own timers: the
   * interleaving the app sees is the same on every run, however fast the emulator answers.
   */
  defer<T>(work: Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const entry = { work: work as Promise<unknown>, done: false, deliver: () => undefined as void };
      work.then(
        (value) => {
          entry.done = true;
          entry.deliver = () => resolve(value);
        },
        (error: unknown) => {
          entry.done = true;
          entry.deliver = () => reject(error);
        },
      );
      this.pending.push(entry);
    });
  }

  /** Runs code in the app's realm (the harness's own checks). */
  evaluate(code: string): unknown {
    return vm.runInContext(code, this.context);
  }

  report(kind: Problem['kind'], message: string): void {
    this.problems.push({ kind, message });
  }

  // ---------------------------------------------------------------- loading

  /** Loads app.js (and with it the shared chunks), as WeChat does when the app starts. */
  loadApp(): void {
    try {
      this.require('', './app');
    } catch (error) {
      throw new Error(`dist/app.js failed to load in WeChat's JS engine: ${describe(error)}`);
    }
    if (!this.appInstance) throw new Error('dist/app.js did not call App()');
  }

  private require(fromDir: string, spec: string): any {
    let file = spec.startsWith('/') ? spec.slice(1) : posix.normalize(posix.join(fromDir, spec));
    if (!file.endsWith('.js')) file += '.js';
    const cached = this.modules.get(file);
    if (cached) return cached.exports;
    const fullPath = join(this.distDir, file);
    if (!existsSync(fullPath)) throw new Error(`module "${file}" is not defined (require from "${fromDir || '/'}")`);
    const module = { exports: {} as any };
    this.modules.set(file, module);
    const wrapper = vm.runInContext(`(function (require, module, exports) {${readFileSync(fullPath, 'utf8')}\n})`, this.context, {
      filename: `dist/${file}`,
    }) as (r: (s: string) => unknown, m: typeof module, e: unknown) => void;
    const dir = posix.dirname(file) === '.' ? '' : posix.dirname(file);
    wrapper((s: string) => this.require(dir, s), module, module.exports);
    return module.exports;
  }

  private pageConfig(route: string): any {
    let config = this.pageConfigs.get(route);
    if (config) return config;
    if (!this.routes.has(route)) throw new Error(`page "${route}" is not in app.json`);
    this.loadingRoute = route;
    try {
      this.require('', `./${route}`);
    } catch (error) {
      // WeChat shows a white screen: the page's code (or a module it imports) threw while loading.
      throw new Error(`dist/${route}.js failed to load in WeChat's JS engine: ${describe(error)}`);
    } finally {
      this.loadingRoute = null;
    }
    config = this.pageConfigs.get(route);
    if (!config) throw new Error(`dist/${route}.js did not call Page()`);
    return config;
  }

  /** Taro's document in the logic layer: every element by sid, with the dataset the view never gets. */
  taroDocument(): any {
    if (this.taroDocumentCache) return this.taroDocumentCache;
    const req = this.webpackRequire;
    if (!req) throw new Error('webpack runtime was not captured');
    const isDocument = (value: any) =>
      value && typeof value === 'object' && typeof value.getElementById === 'function' && typeof value.createElement === 'function';
    // Taro's runtime modules (already run by the app): the one exporting the document, or `env` holding it.
    for (const id of Object.keys(req.m)) {
      if (!String(req.m[id]).includes('getElementById')) continue;
      const exports = req(id);
      for (const key of Object.keys(exports ?? {})) {
        const value = exports[key];
        const found = isDocument(value) ? value : isDocument(value?.document) ? value.document : null;
        if (found) {
          this.taroDocumentCache = found;
          return found;
        }
      }
    }
    throw new Error("Taro's document was not found in the webpack modules");
  }

  // ---------------------------------------------------------------- app and page lifecycle

  launch(options: LaunchOptions): PageInstance {
    if (this.appInstance) throw new Error(`${this.label}: the app is already running (open another phone, or leaveAndReturn)`);
    this.loadApp();
    const launch = this.toApp({ path: options.path, query: options.query, scene: options.scene, referrerInfo: {}, apiCategory: 'default' });
    this.call(this.appInstance, 'onLaunch', launch);
    this.call(this.appInstance, 'onShow', launch);
    return this.openPage(options.path, options.query);
  }

  /** The app instance (what getApp() returns). */
  get app(): any {
    return this.appInstance;
  }

  get current(): PageInstance | null {
    return this.stack[this.stack.length - 1] ?? null;
  }

  isTab(route: string): boolean {
    return this.tabRoutes.has(route);
  }

  /** Opens a page on top of the stack: onLoad(query), onShow, then onReady after its first render. */
  openPage(route: string, query: Record<string, string>): PageInstance {
    const tab = this.isTab(route) ? this.tabPages.get(route) : undefined;
    if (tab) {
      this.stack.push(tab);
      this.call(tab, 'onShow');
      return tab;
    }
    const config = this.pageConfig(route);
    const page = this.instantiate(route, config, query);
    if (this.isTab(route)) this.tabPages.set(route, page);
    this.stack.push(page);
    this.call(page, 'onLoad', this.toApp(query));
    this.call(page, 'onShow');
    return page;
  }

  hideCurrent(): void {
    const page = this.current;
    if (page) this.call(page, 'onHide');
  }

  /** Takes the top page off the stack; unloads it unless it is a tab page (tab pages live on). */
  popPage(options: { unloadTabs?: boolean } = {}): void {
    const page = this.stack.pop();
    if (!page) return;
    if (this.isTab(page.route) && !options.unloadTabs) {
      this.call(page, 'onHide');
      return;
    }
    if (this.isTab(page.route)) this.tabPages.delete(page.route);
    this.call(page, 'onUnload');
  }

  /** switchTab (or a tap on the tab bar): every page that is not a tab closes, the tab being left is hidden. */
  switchTab(route: string): PageInstance {
    const top = this.current;
    if (top?.route === route && this.stack.length === 1) return top;
    for (const page of [...this.stack].reverse()) {
      if (!this.isTab(page.route)) this.call(page, 'onUnload');
      else if (page === top) this.call(page, 'onHide');
    }
    this.stack.length = 0;
    return this.openPage(route, {});
  }

  /** reLaunch: every page goes, the tab pages too. */
  closeAll(): void {
    while (this.stack.length) this.popPage({ unloadTabs: true });
    for (const page of this.tabPages.values()) this.call(page, 'onUnload');
    this.tabPages.clear();
  }

  call(target: any, method: string, ...args: unknown[]): unknown {
    const fn = target?.[method];
    if (typeof fn !== 'function') return undefined;
    try {
      return fn.apply(target, args);
    } catch (error) {
      this.report('error', `${target?.route ?? 'app'}.${method}: ${describe(error)}`);
      return undefined;
    }
  }

  private instantiate(route: string, config: any, query: Record<string, string>): PageInstance {
    const page: any = {};
    for (const key of Object.keys(config)) if (key !== 'data') page[key] = config[key];
    page.__pageId = this.nextPageId++;
    page.route = route;
    page.__route__ = route;
    page.options = this.toApp(query);
    page.data = this.toApp(config.data ?? {});
    page.__readyCalled = false;
    page.setData = (data: Record<string, unknown>, callback?: () => void) => this.setData(page as PageInstance, data, callback);
    page.getOpenerEventChannel = () => ({ emit: () => undefined, on: () => undefined, once: () => undefined, off: () => undefined });
    return page as PageInstance;
  }

  private setData(page: PageInstance, data: Record<string, unknown>, callback?: () => void): void {
    // WeChat drops a setData on a page that was unloaded (Taro may flush one while a redirect closes it).
    if (!this.stack.includes(page) && ![...this.tabPages.values()].includes(page)) return;
    const json = JSON.stringify(data);
    this.setDataLog.push({ route: page.route, pageId: page.__pageId, bytes: Buffer.byteLength(json, 'utf8'), paths: Object.keys(data).length });
    const copy = JSON.parse(json) as Record<string, unknown>;
    for (const [path, value] of Object.entries(copy)) applyPath(page.data, path, value);
    // WeChat calls back once the view has rendered; the first render is when onReady fires.
    this.timers.setTimeout(() => {
      if (typeof callback === 'function') callback.call(page);
      if (!page.__readyCalled) {
        page.__readyCalled = true;
        this.call(page, 'onReady');
      }
    }, 0);
  }

  // ---------------------------------------------------------------- running

  /**
   * Lets the app finish what it started, deterministically: timers due now fire first (a
   * setTimeout(0) runs before any answer comes back, as on a phone), then host work is handed over
   * in the order it started, and only when nothing is in flight does the virtual clock move to the
   * next timer, up to `horizonMs` ahead.
   */
  async settle(horizonMs = 30_000): Promise<void> {
    const until = this.timers.now + horizonMs;
    let fired = 0;
    let quietTurns = 0;
    for (;;) {
      await hostTurn();
      const next = this.timers.peek();
      if (next && next.at <= this.timers.now) {
        quietTurns = 0;
        this.fire();
        if (++fired > 50_000) throw new Error(`${this.label}: the app keeps setting timers (over 50,000 fired in one settle)`);
        continue;
      }
      const head = this.pending[0];
      if (head) {
        quietTurns = 0;
        if (!head.done) await head.work.catch(() => undefined);
        else {
          this.pending.shift();
          head.deliver();
        }
        continue;
      }
      if (next && next.at <= until) {
        quietTurns = 0;
        this.fire();
        if (++fired > 50_000) throw new Error(`${this.label}: the app keeps setting timers (over 50,000 fired in one settle)`);
        continue;
      }
      // Nothing due: a couple of quiet turns make sure no promise is about to start more work.
      if (++quietTurns >= 3) return;
    }
  }

  private fire(): void {
    this.timers.fireNext();
  }

  dispose(): void {
    this.timers.clearAll();
    this.stack.length = 0;
    this.tabPages.clear();
  }

  private makeConsole(): Console {
    const prefix = `[weapp ${this.label}]`;
    const quiet = process.env.WEAPP_VERBOSE !== '1';
    return {
      log: (...args: unknown[]) => (quiet ? undefined : console.log(prefix, ...args)),
      info: (...args: unknown[]) => (quiet ? undefined : console.info(prefix, ...args)),
      debug: () => undefined,
      warn: (...args: unknown[]) => (quiet ? undefined : console.warn(prefix, ...args)),
      error: (...args: unknown[]) => {
        this.report('console.error', args.map(describe).join(' '));
        if (!quiet) console.error(prefix, ...args);
      },
      trace: () => undefined,
      group: () => undefined,
      groupEnd: () => undefined,
      time: () => undefined,
      timeEnd: () => undefined,
      assert: () => undefined,
    } as unknown as Console;
  }
}

const VIRTUAL_DATE = `(function (now) {
  var RealDate = Date;
  function VirtualDate() {
    if (!new.target) return new RealDate(now()).toString();
    return arguments.length ? new (Function.prototype.bind.apply(RealDate, [null].concat([].slice.call(arguments))))() : new RealDate(now());
  }
  VirtualDate.prototype = RealDate.prototype;
  VirtualDate.now = now;
  VirtualDate.parse = RealDate.parse;
  VirtualDate.UTC = RealDate.UTC;
  globalThis.Date = VirtualDate;
})`;

/** Sets `value` at a setData path (`root.cn.[0].cn.[2].v`, `a.b[1]`), creating what is missing. */
export function applyPath(target: any, path: string, value: unknown): void {
  const keys: Array<string | number> = [];
  for (const part of path.split('.')) {
    const match = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part);
    if (!match) throw new Error(`setData path "${path}" is not valid`);
    if (match[1]) keys.push(match[1]);
    for (const index of match[2].matchAll(/\[(\d+)\]/g)) keys.push(Number(index[1]));
  }
  let node = target;
  for (let i = 0; i < keys.length - 1; i++) {
    const key = keys[i];
    if (node[key] === null || typeof node[key] !== 'object') node[key] = typeof keys[i + 1] === 'number' ? [] : {};
    node = node[key];
  }
  node[keys[keys.length - 1]] = value;
}

export function describe(value: unknown): string {
  if (value instanceof Error || (value && typeof value === 'object' && 'stack' in value && 'message' in value)) {
    const e = value as Error;
    return (e.stack ?? `${e.name}: ${e.message}`).split('\n').slice(0, 6).join('\n      ');
  }
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

function hostTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
