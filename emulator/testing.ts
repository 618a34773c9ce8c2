import { startEmulator, type Emulator, type EmulatorOptions } from './index';

/* eslint-disable @typescript-eslint/no-explicit-any -- the SDK's typings cover little of what tests call (commands,
   aggregate, cloudPay, openapi): suites get the SDK and its answers untyped, and say what they expect. */
export type WxServerSdk = any;

export interface TestEmulator {
  emu: Emulator;
  /** The real wx-server-sdk, initialised against the emulator. */
  cloud: WxServerSdk;
  db: any;
  control(path: string, init?: { method?: string; body?: unknown }): Promise<any>;
}

/**
 * An in-memory emulator on a free port plus the real SDK pointed at it, for jest suites of any
 * cloud-function project. Call `emu.close()` in afterAll.
 */
export async function startTestEmulator(options: EmulatorOptions = {}): Promise<TestEmulator> {
  const emu = await startEmulator({ dataDir: null, timers: false, ...options });
  /* eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded here, after startEmulator has set the
     environment the SDK reads (TCB_CONTEXT_CNFG and the rest), so a suite may import this file first. */
  const cloud = require('wx-server-sdk');
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });
  return {
    emu,
    cloud,
    db: cloud.database(),
    async control(path, init = {}) {
      const res = await fetch(`${emu.url}${path}`, {
        method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
        headers: { 'content-type': 'application/json' },
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : null };
    },
  };
}
