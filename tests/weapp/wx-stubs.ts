/* eslint-disable @typescript-eslint/triple-slash-reference -- the stubs need two of the package's global declaration
   files (the wx API and wx.cloud); importing the package would bring all of them (App, Page, Component...). */
/// <reference path="../../node_modules/miniprogram-api-typings/types/wx/lib.wx.api.d.ts" />
/// <reference path="../../node_modules/miniprogram-api-typings/types/wx/lib.wx.cloud.d.ts" />
/* eslint-enable @typescript-eslint/triple-slash-reference */
import type { MiniProgram } from './mini-program';
import { describe } from './mini-program';
import { createCanvasNode, type CanvasNode } from './canvas-stub';
import { documentedWxApis } from './wx-api-names';

// The `wx` object of the harness. Its keys are exactly the members miniprogram-api-typings
// documents; the ones below are implemented (their parameters typed from the typings), every
// other one fails the run loudly when the app calls it: add a stub here when the app starts using
// a new API, with the behaviour WeChat documents.

type WxApi = WechatMiniprogram.Wx;
type Stub<K extends keyof WxApi> = WxApi[K] extends (...args: infer A) => any ? (...args: A) => unknown : WxApi[K];
/** A partial wx, parameter types from the typings (results are WeChat's shapes, built by hand). */
type WxStubs = { [K in keyof WxApi]?: Stub<K> };
type CloudStubs = { [K in keyof WxCloud]?: WxCloud[K] extends (...args: infer A) => any ? (...args: A) => unknown : WxCloud[K] };

/** A recorded call the page made: navigation, toasts, modals, share menus, the album... */
export interface WxCall {
  api: string;
  option: any;
}

/** What the cloud answers (the emulator, with the persona's OPENID as WeChat supplies it). */
export interface CloudBridge {
  callFunction(name: string, data: Record<string, unknown>): Promise<{ result: unknown; requestID: string }>;
  /** The person pays in WeChat's sheet: the payment is confirmed with WeChat Pay (the emulator). */
  confirmPayment(prepayId: string): Promise<void>;
  /** wx.cloud.uploadFile: the file stored in the emulator's cloud storage at `cloudPath`; its real fileID. */
  uploadFile(cloudPath: string, bytes: Buffer): Promise<{ fileID: string }>;
}

/** A photo in the person's album (or what the camera takes): its bytes and format. */
export interface AlbumPhoto {
  bytes: Buffer;
  ext: 'png' | 'jpg' | 'webp' | 'gif';
}

/** A 1×1 PNG: the photo a person picks unless the journey gives others (choices.photos). */
export const FIXTURE_PNG: AlbumPhoto = {
  bytes: Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64'),
  ext: 'png',
};

/** How the person answers what WeChat asks them. */
export interface DeviceChoices {
  /** Answers to showModal, in order; when none is left the person taps the confirm button. */
  modalAnswers: boolean[];
  /** What the person does in the payment sheet. */
  payment: 'pay' | 'cancel';
  /** The album permission: unasked, granted, or refused (the system dialog's answer when unasked). */
  album: 'unasked' | 'granted' | 'denied';
  albumPromptAnswer: boolean;
  /** The subscription prompt's answer per template id (requestSubscribeMessage); an id not listed is accepted. */
  subscribe: Record<string, 'accept' | 'reject'>;
  /**
   * What the person picks in chooseMedia / chooseImage: these photos (the first `count` of them),
   * or 'cancel' (they close the picker). Default: one FIXTURE_PNG.
   */
  photos: AlbumPhoto[] | 'cancel';
}

export class WxFail extends Error {
  constructor(
    readonly detail: string,
    readonly errCode?: number,
  ) {
    super(detail);
  }
}

export interface Device {
  mp: MiniProgram;
  cloud: CloudBridge;
  choices: DeviceChoices;
  /** True while a tap's handlers run (synchronously): WeChat opens some prompts only then. */
  inTap: boolean;
  calls: WxCall[];
  storage: Map<string, string>;
  /** The phone's temporary files (picked photos, compressed copies) by their temp path. */
  files: Map<string, Buffer>;
}

const SYSTEM = {
  brand: 'iPhone',
  model: 'iPhone 13 <iPhone14,5>',
  pixelRatio: 3,
  screenWidth: 390,
  screenHeight: 844,
  windowWidth: 390,
  windowHeight: 753,
  statusBarHeight: 47,
  language: 'zh_CN',
  version: '8.0.50',
  system: 'iOS 17.5',
  platform: 'ios',
  fontSizeSetting: 17,
  SDKVersion: '3.7.12',
  safeArea: { left: 0, right: 390, top: 47, bottom: 810, width: 390, height: 763 },
  theme: 'light',
};

export function createWx(device: Device): object {
  const { mp } = device;
  const record = (api: string, option: unknown) => device.calls.push({ api, option: option === undefined ? undefined : JSON.parse(JSON.stringify(option)) });

  /** A callback-style API: success/fail/complete when given, else a promise (of the app's realm). */
  const asyncApi =
    <O>(name: string, run: (option: O) => unknown) =>
    (option?: O): any => {
      const opts = (option ?? {}) as O & { success?: (r: unknown) => void; fail?: (r: unknown) => void; complete?: (r: unknown) => void };
      const usesCallbacks = typeof opts.success === 'function' || typeof opts.fail === 'function' || typeof opts.complete === 'function';
      // Host work inside (cloud, payment) goes through mp.defer; navigation runs on the virtual clock.
      const outcome = Promise.resolve()
        .then(() => run(opts))
        .then(
          (result) => ({ ok: true as const, value: mp.toApp({ errMsg: `${name}:ok`, ...(result as object) }) }),
          (error: unknown) => {
            if (!(error instanceof WxFail)) mp.report('error', `the harness's wx.${name} failed: ${describe(error)}`);
            const detail = error instanceof WxFail ? error.detail : 'internal error';
            const errCode = error instanceof WxFail ? error.errCode : undefined;
            return { ok: false as const, value: mp.toApp({ errMsg: `${name}:fail ${detail}`, ...(errCode !== undefined ? { errCode } : {}) }) };
          },
        );
      const deliver = (o: { ok: boolean; value: unknown }) => {
        mp.call(opts, o.ok ? 'success' : 'fail', o.value);
        mp.call(opts, 'complete', o.value);
      };
      if (usesCallbacks) {
        void outcome.then(deliver);
        return undefined;
      }
      return mp.appPromise((resolve, reject) => {
        void outcome.then((o) => (o.ok ? resolve(o.value) : reject(o.value)));
      });
    };

  const navigation = (api: 'navigateTo' | 'redirectTo' | 'switchTab' | 'reLaunch') =>
    asyncApi<WechatMiniprogram.NavigateToOption | WechatMiniprogram.RedirectToOption | WechatMiniprogram.SwitchTabOption | WechatMiniprogram.ReLaunchOption>(
      api,
      (option) => {
        record(api, option);
        const { route, query } = resolveUrl(mp.current?.route, option.url);
        if (!mp.routes.has(route)) throw new WxFail(`page "${route}" is not found`);
        const tab = mp.isTab(route);
        if (api === 'navigateTo' && tab) throw new WxFail('can not navigateTo a tabbar page');
        if (api === 'redirectTo' && tab) throw new WxFail('can not redirectTo a tabbar page');
        if (api === 'switchTab' && !tab) throw new WxFail('can not switch to no-tabBar page');
        if (api === 'navigateTo' && mp.stack.length >= 10) throw new WxFail('webview count limit exceed');
        // The page changes after the call returns, as in WeChat (the transition is asynchronous).
        return new Promise<object>((resolve) => {
          mp.timers.setTimeout(() => {
            if (api === 'navigateTo') {
              mp.hideCurrent();
              mp.openPage(route, query);
            } else if (api === 'redirectTo') {
              mp.popPage();
              mp.openPage(route, query);
            } else if (api === 'switchTab') {
              mp.switchTab(route);
            } else {
              mp.closeAll();
              mp.openPage(route, query);
            }
            resolve({});
          }, 0);
        });
      },
    );

  const storageGet = (key: string) => {
    const raw = device.storage.get(String(key));
    return raw === undefined ? undefined : mp.toApp(JSON.parse(raw));
  };

  const stubs: WxStubs = {
    // ------------------------------------------------------------ base and system
    canIUse: () => true,
    getSystemInfoSync: () => mp.toApp(SYSTEM) as any,
    getSystemInfo: asyncApi('getSystemInfo', () => SYSTEM),
    getWindowInfo: () => mp.toApp(SYSTEM) as any,
    getDeviceInfo: () => mp.toApp(SYSTEM) as any,
    getAppBaseInfo: () => mp.toApp(SYSTEM) as any,
    getSystemSetting: () => mp.toApp({ bluetoothEnabled: false, locationEnabled: true, wifiEnabled: true, deviceOrientation: 'portrait' }) as any,
    getAppAuthorizeSetting: () => mp.toApp({ albumAuthorized: device.choices.album === 'granted' ? 'authorized' : 'not determined' }) as any,
    getMenuButtonBoundingClientRect: () => mp.toApp({ width: 87, height: 32, top: 51, right: 380, bottom: 83, left: 293 }) as any,
    getAccountInfoSync: () => mp.toApp({ miniProgram: { appId: 'wx0123456789abcdef', envVersion: 'develop', version: '' } }) as any,
    nextTick: (callback) => {
      mp.timers.setTimeout(callback as () => void, 0);
    },
    // ------------------------------------------------------------ storage (in memory, JSON like WeChat's)
    getStorageSync: (key) => storageGet(key) ?? '',
    setStorageSync: (key, data) => {
      device.storage.set(String(key), JSON.stringify(data));
    },
    removeStorageSync: (key) => {
      device.storage.delete(String(key));
    },
    clearStorageSync: () => device.storage.clear(),
    getStorage: asyncApi('getStorage', ({ key }) => {
      const data = storageGet(key);
      if (data === undefined) throw new WxFail('data not found');
      return { data };
    }),
    setStorage: asyncApi('setStorage', ({ key, data }) => {
      device.storage.set(String(key), JSON.stringify(data));
    }),
    removeStorage: asyncApi('removeStorage', ({ key }) => {
      device.storage.delete(String(key));
    }),
    clearStorage: asyncApi('clearStorage', () => device.storage.clear()),
    // ------------------------------------------------------------ routing
    navigateTo: navigation('navigateTo'),
    redirectTo: navigation('redirectTo'),
    switchTab: navigation('switchTab'),
    reLaunch: navigation('reLaunch'),
    navigateBack: asyncApi('navigateBack', (option) => {
      record('navigateBack', option);
      if (mp.stack.length <= 1) throw new WxFail('cannot navigate back at first page.');
      return new Promise<object>((resolve) => {
        mp.timers.setTimeout(() => {
          const delta = Math.min(Math.max(1, option.delta ?? 1), mp.stack.length - 1);
          for (let i = 0; i < delta; i++) mp.popPage();
          if (mp.current) mp.call(mp.current, 'onShow');
          resolve({});
        }, 0);
      });
    }),
    // ------------------------------------------------------------ interaction
    showToast: asyncApi('showToast', (option) => void record('showToast', option)),
    hideToast: asyncApi('hideToast', (option) => void record('hideToast', option)),
    showLoading: asyncApi('showLoading', (option) => void record('showLoading', option)),
    hideLoading: asyncApi('hideLoading', (option) => void record('hideLoading', option)),
    showModal: asyncApi('showModal', (option) => {
      record('showModal', option);
      const confirm = device.choices.modalAnswers.length ? device.choices.modalAnswers.shift()! : true;
      return { confirm, cancel: !confirm };
    }),
    pageScrollTo: asyncApi('pageScrollTo', (option) => void record('pageScrollTo', option)),
    setClipboardData: asyncApi('setClipboardData', (option) => void record('setClipboardData', option)),
    // ------------------------------------------------------------ share menus
    showShareMenu: asyncApi('showShareMenu', (option) => void record('showShareMenu', option)),
    hideShareMenu: asyncApi('hideShareMenu', (option) => void record('hideShareMenu', option)),
    updateShareMenu: asyncApi('updateShareMenu', (option) => void record('updateShareMenu', option)),
    // ------------------------------------------------------------ payment
    requestPayment: asyncApi('requestPayment', async (option) => {
      record('requestPayment', option);
      for (const field of ['timeStamp', 'nonceStr', 'package', 'paySign'] as const) {
        if (typeof option[field] !== 'string' || !option[field]) throw new WxFail(`parameter error: ${field} should be a non-empty string`);
      }
      const prepay = /^prepay_id=(.+)$/.exec(option.package);
      if (!prepay) throw new WxFail('parameter error: package should be prepay_id=...');
      if (device.choices.payment === 'cancel') throw new WxFail('cancel');
      await mp.defer(device.cloud.confirmPayment(prepay[1]));
      return {};
    }),
    // ------------------------------------------------------------ subscription messages
    // WeChat shows the prompt only when called inside a tap handler (since base library 2.8.2);
    // the answer per template id comes from choices.subscribe. Recorded with whether it was a tap.
    requestSubscribeMessage: ((option: WechatMiniprogram.RequestSubscribeMessageOption) => {
      const inTap = device.inTap;
      return asyncApi('requestSubscribeMessage', (opts: WechatMiniprogram.RequestSubscribeMessageOption) => {
        device.calls.push({ api: 'requestSubscribeMessage', option: { ...JSON.parse(JSON.stringify({ tmplIds: opts.tmplIds })), inTap } });
        if (!inTap) throw new WxFail('can only be invoked by user TAP gesture.');
        if (!Array.isArray(opts.tmplIds) || opts.tmplIds.length === 0 || opts.tmplIds.length > 3)
          throw new WxFail('parameter error: tmplIds should be 1 to 3 template ids');
        return Object.fromEntries(opts.tmplIds.map((id) => [id, device.choices.subscribe[id] ?? 'accept']));
      })(option);
    }) as never,
    // ------------------------------------------------------------ album and images (the poster)
    getSetting: asyncApi('getSetting', () => ({ authSetting: albumSetting(device) })),
    openSetting: asyncApi('openSetting', (option) => {
      record('openSetting', option);
      // The person turns the album on in the settings page.
      device.choices.album = 'granted';
      return { authSetting: albumSetting(device) };
    }),
    authorize: asyncApi('authorize', ({ scope }) => {
      record('authorize', { scope });
      if (scope !== 'scope.writePhotosAlbum') throw new WxFail(`the harness only knows scope.writePhotosAlbum, not ${scope}`);
      askAlbum(device);
    }),
    saveImageToPhotosAlbum: asyncApi('saveImageToPhotosAlbum', (option) => {
      askAlbum(device);
      if (!/^(wxfile|http):\/\/tmp\//.test(option.filePath)) throw new WxFail('invalid file type');
      record('saveImageToPhotosAlbum', option);
    }),
    getImageInfo: asyncApi('getImageInfo', ({ src }) => ({
      width: 600,
      height: 600,
      path: `http://tmp/image-${encodeURIComponent(src).slice(-24)}`,
      type: 'png',
      orientation: 'up',
    })),
    // ------------------------------------------------------------ picking and showing photos (feedback)
    chooseMedia: asyncApi('chooseMedia', (option) => {
      record('chooseMedia', option);
      const types = option.mediaType ?? ['image', 'video'];
      if (!types.includes('image') && !types.includes('mix')) throw new WxFail('the weapp harness picks photos only: mediaType must include image');
      const picked = pickPhotos(device, option.count ?? 9);
      return {
        type: 'image',
        tempFiles: picked.map((p) => ({
          tempFilePath: p.path,
          size: p.bytes.length,
          fileType: 'image',
          width: p.width,
          height: p.height,
          duration: 0,
          thumbTempFilePath: '',
        })),
      };
    }),
    chooseImage: asyncApi('chooseImage', (option) => {
      record('chooseImage', option);
      const picked = pickPhotos(device, option.count ?? 9);
      return { tempFilePaths: picked.map((p) => p.path), tempFiles: picked.map((p) => ({ path: p.path, size: p.bytes.length })) };
    }),
    compressImage: asyncApi('compressImage', (option) => {
      record('compressImage', option);
      const bytes = device.files.get(option.src);
      if (!bytes) throw new WxFail('file not exist');
      const path = `http://tmp/compressed-${device.files.size + 1}${extensionOf(option.src)}`;
      device.files.set(path, bytes);
      return { tempFilePath: path };
    }),
    previewImage: asyncApi('previewImage', (option) => {
      record('previewImage', option);
      if (!Array.isArray(option.urls) || option.urls.length === 0 || option.urls.some((u) => typeof u !== 'string' || !u)) {
        throw new WxFail('parameter error: parameter.urls should be a non-empty Array of String');
      }
      if (option.current !== undefined && !option.urls.includes(option.current))
        mp.report('wx-misuse', `previewImage: current "${option.current}" is not one of urls`);
    }),
    canvasToTempFilePath: asyncApi('canvasToTempFilePath', (option) => {
      const canvas = option.canvas as CanvasNode | undefined;
      if (!canvas || typeof canvas !== 'object' || !('__drawCalls' in canvas)) throw new WxFail('canvas is required (a 2d canvas node)');
      record('canvasToTempFilePath', { drawCalls: canvas.__drawCalls.length });
      return { tempFilePath: `http://tmp/canvas-${device.calls.length}.png` };
    }),
    createSelectorQuery: () => createSelectorQuery(device) as any,
  };

  const cloudStubs: CloudStubs = {
    init: (config) => {
      record('cloud.init', config ?? {});
      cloudState.initialised = true;
    },
    callFunction: ((param: ICloud.CallFunctionParam & { success?: (r: unknown) => void; fail?: (r: unknown) => void; complete?: (r: unknown) => void }) =>
      asyncApi<ICloud.CallFunctionParam>('cloud.callFunction', async ({ name, data }) => {
        if (!cloudState.initialised) throw new WxFail('please call wx.cloud.init first', -1);
        if (typeof name !== 'string' || !name) throw new WxFail('parameter.name should be String instead of Undefined', -1);
        const answer = await mp.defer(device.cloud.callFunction(name, (data ?? {}) as Record<string, unknown>));
        return answer;
      })(param)) as any,
  };
  const cloudState = { initialised: false };
  // wx.cloud.uploadFile: the file the page picked, stored through the emulator as WeChat's client
  // uploads do; with callbacks it answers an UploadTask, as WeChat does.
  cloudStubs.uploadFile = ((param: ICloud.UploadFileParam & { success?: unknown; fail?: unknown; complete?: unknown }) => {
    const answer = asyncApi<ICloud.UploadFileParam>('cloud.uploadFile', async ({ cloudPath, filePath }) => {
      record('cloud.uploadFile', { cloudPath, filePath });
      if (!cloudState.initialised) throw new WxFail('please call wx.cloud.init first', -1);
      if (typeof cloudPath !== 'string' || !cloudPath) throw new WxFail('parameter.cloudPath should be String', -1);
      const bytes = typeof filePath === 'string' ? device.files.get(filePath) : undefined;
      if (!bytes) throw new WxFail(`file ${String(filePath)} does not exist on this phone (pick it with chooseMedia first)`, -1);
      const { fileID } = await mp.defer(device.cloud.uploadFile(cloudPath, bytes));
      return { fileID, statusCode: 200 };
    })(param);
    return answer ?? mp.toApp({ onProgressUpdate() {}, offProgressUpdate() {}, onHeadersReceived() {}, offHeadersReceived() {}, abort() {} });
  }) as never;

  const wx: Record<string, unknown> = {};
  for (const name of documentedWxApis()) {
    if (name === 'cloud') wx.cloud = guarded(mp, 'wx.cloud', cloudStubs as Record<string, unknown>);
    else if (name === 'env') wx.env = mp.toApp({ USER_DATA_PATH: 'http://usr' });
    else if (name in stubs) wx[name] = (stubs as Record<string, unknown>)[name];
    else if (name === 'router' || name === 'worklet') wx[name] = guarded(mp, `wx.${name}`, {});
    else wx[name] = notStubbed(mp, `wx.${name}`);
  }
  for (const name of Object.keys(stubs)) if (!(name in wx)) throw new Error(`wx.${name} is stubbed but not in miniprogram-api-typings`);
  return wx;
}

/** Fails the run: the app called a documented API the harness does not simulate. */
function notStubbed(mp: MiniProgram, name: string) {
  return (...args: unknown[]) => {
    const message = `${name}(${args.length ? describe(args[0]).slice(0, 120) : ''}) is called by the app but not simulated by the weapp harness: add it to tests/weapp/wx-stubs.ts`;
    mp.report('unknown-api', message);
    throw new Error(message);
  };
}

/** An object whose unknown members fail the run when read. */
function guarded(mp: MiniProgram, name: string, members: Record<string, unknown>): object {
  return new Proxy(members, {
    get(target, prop) {
      if (typeof prop === 'symbol' || prop in target || prop === 'then' || prop === 'toJSON') return target[prop as string];
      const message = `${name}.${prop} is used by the app but not simulated by the weapp harness: add it to tests/weapp/wx-stubs.ts`;
      mp.report('unknown-api', message);
      throw new Error(message);
    },
  });
}

/** The photos the person picks (choices.photos), each written to a temp file of the phone. */
function pickPhotos(device: Device, count: number): Array<{ path: string; bytes: Buffer; width: number; height: number }> {
  if (!Number.isInteger(count) || count < 1 || count > 20) throw new WxFail('parameter error: count should be 1 to 20');
  const photos = device.choices.photos;
  if (photos === 'cancel') throw new WxFail('cancel');
  return photos.slice(0, count).map((photo) => {
    const path = `http://tmp/picked-${device.files.size + 1}.${photo.ext}`;
    device.files.set(path, photo.bytes);
    // A PNG's size is in its header; other fixtures say nothing about theirs.
    const png = photo.ext === 'png' && photo.bytes.length >= 24;
    return { path, bytes: photo.bytes, width: png ? photo.bytes.readUInt32BE(16) : 0, height: png ? photo.bytes.readUInt32BE(20) : 0 };
  });
}

function extensionOf(path: string): string {
  return /\.[a-z0-9]+$/i.exec(path)?.[0] ?? '';
}

function albumSetting(device: Device): Record<string, boolean> {
  return device.choices.album === 'unasked' ? {} : { 'scope.writePhotosAlbum': device.choices.album === 'granted' };
}

/** WeChat asks once; after a refusal it fails at once until the person allows it in the settings. */
function askAlbum(device: Device): void {
  if (device.choices.album === 'unasked') {
    device.calls.push({ api: 'authorize.prompt', option: { scope: 'scope.writePhotosAlbum' } });
    device.choices.album = device.choices.albumPromptAnswer ? 'granted' : 'denied';
  }
  if (device.choices.album === 'denied') throw new WxFail('auth deny');
}

/** `/pages/a/index?x=1` or a path relative to the current page. Query values stay as written (WeChat does not decode them). */
export function resolveUrl(currentRoute: string | undefined, url: string): { route: string; query: Record<string, string> } {
  const [pathPart, queryPart = ''] = String(url).split('?');
  let route: string;
  if (pathPart.startsWith('/')) route = pathPart.slice(1);
  else {
    const base = (currentRoute ?? '').split('/').slice(0, -1);
    for (const part of pathPart.split('/')) {
      if (part === '..') base.pop();
      else if (part !== '.' && part) base.push(part);
    }
    route = base.join('/');
  }
  const query: Record<string, string> = {};
  for (const pair of queryPart.split('&').filter(Boolean)) {
    const at = pair.indexOf('=');
    query[at < 0 ? pair : pair.slice(0, at)] = at < 0 ? '' : pair.slice(at + 1);
  }
  return { route, query };
}

// ------------------------------------------------------------------ selector queries

/** createSelectorQuery over the current page's rendered data: `#id` finds a node by its id. */
function createSelectorQuery(device: Device) {
  const { mp } = device;
  const requests: Array<{ selector: string; all: boolean; fields: Record<string, boolean> }> = [];
  const nodesRef = (selector: string, all: boolean) => {
    const add = (fields: Record<string, boolean>) => {
      requests.push({ selector, all, fields });
      return query;
    };
    return {
      fields: (fields: Record<string, boolean>) => add(fields),
      boundingClientRect: () => add({ rect: true, size: true }),
      scrollOffset: () => add({ scrollOffset: true }),
      node: () => add({ node: true }),
      context: () => add({ context: true }),
    };
  };
  const answer = (request: (typeof requests)[number]) => {
    const page = mp.current;
    if (!page) return null;
    const found = findRenderedById(page.data?.root, request.selector);
    const one = (node: any) => {
      if (!node) return null;
      const result: Record<string, unknown> = { id: node.uid ?? node.sid, dataset: {} };
      if (request.fields.size || request.fields.rect) Object.assign(result, { width: 300, height: 480, top: 0, left: 0, right: 300, bottom: 480 });
      if (request.fields.scrollOffset) Object.assign(result, { scrollTop: 0, scrollLeft: 0, scrollWidth: 390, scrollHeight: 844 });
      if (request.fields.node) result.node = canvasFor(device, page.__pageId, node);
      return result;
    };
    return request.all ? found.map(one) : one(found[0]);
  };
  const query: any = {
    in: () => query,
    select: (selector: string) => nodesRef(selector, false),
    selectAll: (selector: string) => nodesRef(selector, true),
    selectViewport: () => nodesRef('viewport', false),
    exec: (callback?: (res: unknown[]) => void) => {
      // WeChat answers after the view layer has rendered what was set before the query.
      mp.timers.setTimeout(() => {
        const results = mp.toApp(requests.map((r) => (r.selector === 'viewport' ? { width: 390, height: 753, scrollTop: 0 } : answer(r)))) as unknown[];
        // Nodes are live objects, not data: put them back after the JSON copy.
        requests.forEach((r, i) => {
          const page = mp.current;
          if (!r.fields.node || !page) return;
          const found = findRenderedById(page.data?.root, r.selector);
          if (r.all) (results[i] as any[]).forEach((res, j) => res && (res.node = canvasFor(device, page.__pageId, found[j])));
          else if (results[i]) (results[i] as any).node = canvasFor(device, page.__pageId, found[0]);
        });
        if (typeof callback === 'function') callback(results);
      }, 0);
    },
  };
  return query;
}

function findRenderedById(root: any, selector: string): any[] {
  if (!selector.startsWith('#')) return [];
  const id = selector.slice(1);
  const out: any[] = [];
  const walk = (node: any) => {
    if (!node || typeof node !== 'object') return;
    if ((node.uid ?? node.sid) === id) out.push(node);
    for (const child of node.cn ?? []) walk(child);
  };
  walk(root);
  return out;
}

const canvases = new WeakMap<Device, Map<string, CanvasNode>>();
function canvasFor(device: Device, pageId: number, node: any): CanvasNode | null {
  if (!node) return null;
  let map = canvases.get(device);
  if (!map) canvases.set(device, (map = new Map()));
  const key = `${pageId}:${node.sid}`;
  let canvas = map.get(key);
  if (!canvas) map.set(key, (canvas = createCanvasNode(device.mp)));
  return canvas;
}
