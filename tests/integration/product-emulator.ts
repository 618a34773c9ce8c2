import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startEmulator, type Emulator } from '../../emulator';

const root = join(__dirname, '..', '..');
export const FUNCTIONS_DIR = join(root, 'build', 'cloudfunctions');
export const INDEX_FILE = join(root, 'cloudfunctions', 'indexes.json');

export interface ProductEmulator {
  emu: Emulator;
  /** Calls a function as the given OPENID, the way the mini-program does, and returns its result. */
  call<T = any>(fn: string, openid: string, event: Record<string, unknown>): Promise<T>;
}

/**
 * The product's built functions on an in-memory emulator with the project's own index file —
 * the same bundles that deploy to WeChat Cloud. `npm test` builds them first.
 */
export async function startProductEmulator(env: Record<string, string> = {}): Promise<ProductEmulator> {
  if (!existsSync(join(FUNCTIONS_DIR, 'member', 'index.js'))) {
    throw new Error('build/cloudfunctions is missing: run `npm run build:functions` (npm test does it for you)');
  }
  Object.assign(process.env, env);
  const emu = await startEmulator({
    dataDir: null,
    functionsDir: FUNCTIONS_DIR,
    indexes: INDEX_FILE,
    timers: false,
    messagePush: { function: 'events' },
    mediaCheckMode: 'manual',
  });
  return {
    emu,
    async call(fn, openid, event) {
      const { result } = await emu.invoke(fn, { ...event, userInfo: { openId: openid, appId: emu.context.appId } }, { OPENID: openid, SOURCE: 'wx_client' });
      return result as any;
    },
  };
}
