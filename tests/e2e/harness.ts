import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startEmulator, type Emulator } from '../../emulator';
import { buildFunctions } from '../../scripts/build-functions';
import { ensureH5Build } from '../../scripts/h5-build';
import { FUNCTIONS_DIR, H5_DIR, INDEX_FILE, LOCAL_FUNCTION_ENV, loadSdk, MESSAGE_PUSH, ROOT } from '../../scripts/local-env';
import { seedDemo } from '../../scripts/seed/seed-demo';

export const SCREENSHOTS = join(ROOT, '.e2e', 'screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface World {
  emu: Emulator;
  browser: Browser;
  /** A fresh browser profile (its own session), as a different phone would be. */
  newContext(): Promise<BrowserContext>;
  shot(page: Page, name: string): Promise<void>;
}

/** Builds what the journeys need and starts the product on an in-memory emulator with the demo brand. */
export async function startWorld(): Promise<World> {
  await buildFunctions();
  ensureH5Build(false);
  Object.assign(process.env, LOCAL_FUNCTION_ENV);
  const emu = await startEmulator({
    dataDir: null,
    functionsDir: FUNCTIONS_DIR,
    indexes: INDEX_FILE,
    staticDir: H5_DIR,
    timers: false,
    messagePush: MESSAGE_PUSH,
  });
  await seedDemo(loadSdk());
  mkdirSync(SCREENSHOTS, { recursive: true });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    emu,
    browser,
    newContext: () => browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, locale: 'zh-CN', isMobile: true, hasTouch: true }),
    async shot(page, name) {
      await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
    },
  };
}

export async function stopWorld(world: World): Promise<void> {
  await world.browser.close();
  await world.emu.close();
}

export function byTestId(page: Page, id: string) {
  return page.locator(`[data-testid="${id}"]`);
}

/** The element on the page being shown: pages of the same route can stay mounted, hidden, in the router's stack. */
export function visible(page: Page, id: string) {
  return page.locator(`[data-testid="${id}"]:visible`);
}

/** Opens the app, signs in as a demo persona from the picker, and waits for home. */
export async function signInAs(world: World, page: Page, persona: string): Promise<void> {
  await page.goto(`${world.emu.url}/`);
  await byTestId(page, `persona-${persona}`).click();
  await byTestId(page, 'home-tier-name').waitFor({ state: 'visible' });
}

/** Waits until an element is visible and its page has finished sliding in (for screenshots). */
export async function settled(page: Page, id: string): Promise<void> {
  await byTestId(page, id).first().waitFor({ state: 'visible' });
  await page.waitForFunction((testId) => {
    const el = document.querySelector(`[data-testid="${testId}"]`);
    if (!el) return false;
    const r = el.getBoundingClientRect();
    return r.left >= 0 && r.right <= window.innerWidth + 1;
  }, id);
  await page.waitForTimeout(350);
}

/** Opens a route afresh: a hash change alone keeps earlier pages of the same route mounted, so the document is reloaded. */
export async function open(world: World, page: Page, path: string): Promise<void> {
  await page.goto(`${world.emu.url}/#/${path}`);
  await page.reload();
}

/** Fires one of the jobs function's timers at the emulator's time, as WeChat's trigger does. */
export async function fire(world: World, trigger: string): Promise<void> {
  const run = (
    await world.emu.invoke(
      'jobs',
      { Type: 'Timer', TriggerName: trigger, Time: new Date(world.emu.clock.now()).toISOString(), Message: '' },
      { OPENID: '', SOURCE: 'wx_trigger' },
    )
  ).result as { ok: boolean; error?: unknown };
  if (!run.ok) throw new Error(`the ${trigger} timer failed: ${JSON.stringify(run.error)}`);
}
