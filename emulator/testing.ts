import { startEmulator, type Emulator, type EmulatorOptions } from './index';

/* eslint-disable @typescript-eslint/no-explicit-any */
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
  // eslint-disable-next-line @typescript-eslint/no-require-imports
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
