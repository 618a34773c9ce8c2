import { join, resolve } from 'node:path';
import { DEMO_ADMIN_OPENID } from './seed/seed-demo';

export const ROOT = resolve(__dirname, '..');
export const DEFAULT_PORT = 3900;
export const DATA_DIR = join(ROOT, '.data', 'emulator');
export const FUNCTIONS_DIR = join(ROOT, 'build', 'cloudfunctions');
export const INDEX_FILE = join(ROOT, 'cloudfunctions', 'indexes.json');
export const H5_DIR = join(ROOT, 'dist-h5');

/**
 * What the functions are configured with locally. In WeChat Cloud these are environment variables
 * set on each function in the console (see README: the first admin).
 */
export const LOCAL_FUNCTION_ENV = {
  FLYWHEEL_DEMO_PERSONAS: '1',
  FLYWHEEL_BOOTSTRAP_ADMINS: DEMO_ADMIN_OPENID,
  // WeChat Pay's documented test sub-merchant number: the emulator accepts any digits.
  FLYWHEEL_PAY_SUB_MCH_ID: '1900000109',
  FLYWHEEL_PAY_BODY_PREFIX: '山川咖啡',
  // The demo brand's name, reserved from members' nicknames (with 官方, 客服… and staff nicknames).
  FLYWHEEL_BRAND_NAME: '山川咖啡',
};

/**
 * WeChat's 消息推送 as the project configures it in the cloud console (README: deploy): pushes, i.e.
 * the image checks' `wxa_media_check` verdicts, go to the `events` function. Every local emulator
 * of the app passes it (npm start, e2e, weapp, integration tests).
 */
export const MESSAGE_PUSH = { function: 'events' } as const;

// The SDK untyped, as emulator/testing.ts hands it out (its typings cover little of what the seed calls).
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
export function loadSdk(): any {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- after the caller has set the emulator's environment
  const cloud = require('wx-server-sdk');
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });
  return cloud;
}
