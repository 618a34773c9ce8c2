import { join, resolve } from 'node:path';
import { startEmulator, type Emulator } from '../../emulator';
import { FunctionError } from '../../emulator/functions/runner';
import { FUNCTIONS_DIR, INDEX_FILE, LOCAL_FUNCTION_ENV, loadSdk, MESSAGE_PUSH, ROOT } from '../../scripts/local-env';
import { seedDemo } from '../../scripts/seed/seed-demo';
import { describe } from './mini-program';
import { Phone } from './phone';
import { WxFail, type CloudBridge, type DeviceChoices } from './wx-stubs';

/** The weapp build under test: dist/, or another one (WEAPP_DIST=/path/to/dist, e.g. a build of a branch). */
export const WEAPP_DIR = process.env.WEAPP_DIST ? resolve(process.env.WEAPP_DIST) : join(ROOT, 'dist');

export interface WeappWorld {
  emu: Emulator;
  /** A phone signed in to WeChat as `openid` (a demo persona's, or a brand-new customer's by default). */
  phone(options?: { openid?: string; label?: string; choices?: Partial<DeviceChoices> }): Phone;
  /** Every phone opened so far, oldest first. */
  readonly phones: readonly Phone[];
  close(): Promise<void>;
}

/** The demo brand on an in-memory emulator running the built functions, and phones to open the weapp build on. */
export async function startWeappWorld(distDir = WEAPP_DIR): Promise<WeappWorld> {
  Object.assign(process.env, LOCAL_FUNCTION_ENV);
  const emu = await startEmulator({
    dataDir: null,
    functionsDir: FUNCTIONS_DIR,
    indexes: INDEX_FILE,
    timers: false,
    messagePush: MESSAGE_PUSH,
    log: () => undefined,
  });
  await seedDemo(loadSdk());
  const phones: Phone[] = [];
  let newcomers = 0;
  // A rejection nobody handles inside the app is a bug WeChat reports (App.onUnhandledRejection):
  // it fails the phone whose realm made the promise.
  const onUnhandled = (reason: unknown, promise: Promise<unknown>) => {
    const phone = phones.find((p) => p.mp.ownsPromise(promise));
    if (phone) phone.mp.report('unhandled-rejection', describe(reason));
    else console.error('unhandled rejection outside the mini-program:', reason);
  };
  process.on('unhandledRejection', onUnhandled);
  return {
    emu,
    phones,
    phone({ openid, label, choices } = {}) {
      // A new customer's OPENID, shaped like WeChat's (28 characters) and the same on every run.
      const id = openid ?? `oWeappNewcomer${String(++newcomers).padStart(14, '0')}`;
      const phone = new Phone(id, label ?? id, distDir, cloudBridge(emu, id), choices);
      phones.push(phone);
      return phone;
    },
    async close() {
      process.off('unhandledRejection', onUnhandled);
      for (const p of phones) p.close();
      await emu.close();
    },
  };
}

/**
 * wx.cloud as WeChat runs it: the function gets the caller's OPENID from WeChat (never from the
 * client) and `userInfo` in its event; the answer is `{result, errMsg, requestID}`, a failure
 * `{errCode, errMsg}`. Payments are confirmed the way WeChat Pay does it, on the emulator's route.
 */
function cloudBridge(emu: Emulator, openid: string): CloudBridge {
  const appId = emu.context.appId;
  return {
    async callFunction(name, data) {
      const event = { ...data, userInfo: { appId, openId: openid } };
      try {
        const { result, requestId } = await emu.invoke(name, event, { OPENID: openid, APPID: appId, SOURCE: 'wx_client' });
        return { result, requestID: requestId };
      } catch (e) {
        if (!(e instanceof FunctionError)) throw e;
        const notFound = e.code === 'FUNCTION_NOT_FOUND';
        const errCode = notFound ? -501000 : -504002;
        throw new WxFail(`${errCode} ${notFound ? 'function not found' : 'functions execute fail'}. ${e.message.split('\n')[0]}`, errCode);
      }
    },
    async confirmPayment(prepayId) {
      const list = (await control(emu, 'GET', '/control/payments')) as {
        payments: Array<{ outTradeNo: string; prepayId: string; openid: string; status: string }>;
      };
      const payment = list.payments.find((p) => p.prepayId === prepayId);
      if (!payment) throw new WxFail('prepay_id is invalid or expired');
      if (payment.openid && payment.openid !== openid) throw new WxFail('the payer is not the user the order was placed for');
      if (payment.status === 'CLOSED') throw new WxFail('the order is closed');
      await control(emu, 'POST', `/control/payments/${encodeURIComponent(payment.outTradeNo)}/confirm`, { openid });
    },
    async uploadFile(cloudPath, bytes) {
      // Into the emulator's storage through the SDK, the same file id a client upload gets.
      try {
        const { fileID } = await loadSdk().uploadFile({ cloudPath, fileContent: bytes });
        return { fileID };
      } catch (e) {
        throw new WxFail(String((e as { errMsg?: string }).errMsg ?? (e as Error).message), -1);
      }
    },
  };
}

export async function control(emu: Emulator, method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${emu.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : null;
}
