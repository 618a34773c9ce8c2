import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { buildFunctions } from '../../scripts/build-functions';
import { FUNCTIONS_DIR, ROOT } from '../../scripts/local-env';
import { WEAPP_DIR } from './world';

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

function oldestMtime(files: string[]): number {
  return files.reduce((oldest, f) => Math.min(oldest, existsSync(f) ? statSync(f).mtimeMs : 0), Infinity);
}

/** Builds dist/ (the weapp build) when it is missing or older than src/ or config/. */
export function ensureWeappBuild(): void {
  if (process.env.WEAPP_DIST) {
    console.log(`using the weapp build in ${WEAPP_DIR} (WEAPP_DIST)`);
    return;
  }
  const built = join(WEAPP_DIR, 'app.js');
  const sources = Math.max(newestMtime(join(ROOT, 'src')), newestMtime(join(ROOT, 'config')), newestMtime(join(ROOT, 'babel.config.js')));
  if (existsSync(built) && statSync(built).mtimeMs >= sources) {
    console.log('weapp build is up to date (dist/)');
    return;
  }
  console.log('Building the weapp app (dist/)…');
  const started = Date.now();
  // Taro's progress bar is noise in a test log: its output is shown only when the build fails.
  const res = spawnSync('npx', ['taro', 'build', '--type', 'weapp'], { cwd: ROOT, encoding: 'utf8', env: process.env, maxBuffer: 64 * 1024 * 1024 });
  if (res.status !== 0) {
    console.error(`${res.stdout ?? ''}\n${res.stderr ?? ''}`.slice(-8000));
    throw new Error('the weapp build failed (see above)');
  }
  console.log(`weapp build done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/**
 * Builds build/cloudfunctions when a function is missing. Stale ones are only reported: CI builds
 * them first (npm test), and in a shared checkout a rebuild would pick up someone's half-done edit.
 */
export async function ensureFunctionsBuild(): Promise<void> {
  const names = readdirSync(join(ROOT, 'cloudfunctions')).filter((n) => existsSync(join(ROOT, 'cloudfunctions', n, 'index.ts')));
  const outputs = names.map((n) => join(FUNCTIONS_DIR, n, 'index.js'));
  if (outputs.every((f) => existsSync(f))) {
    const sources = Math.max(newestMtime(join(ROOT, 'core')), newestMtime(join(ROOT, 'cloudfunctions')));
    if (oldestMtime(outputs) < sources) console.log('note: build/cloudfunctions is older than core/ or cloudfunctions/ (npm run build:functions refreshes it)');
    else console.log('cloud functions are up to date (build/cloudfunctions/)');
    return;
  }
  console.log('Building the cloud functions…');
  await buildFunctions();
}
