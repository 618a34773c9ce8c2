import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { H5_DIR, ROOT } from './local-env';

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** Builds dist-h5/ when it is missing or older than src/ or config/. */
export function ensureH5Build(force: boolean): void {
  const built = join(H5_DIR, 'index.html');
  const stale = !existsSync(built) || Math.max(newestMtime(join(ROOT, 'src')), newestMtime(join(ROOT, 'config'))) > statSync(built).mtimeMs;
  if (!force && !stale) {
    console.log('H5 app is up to date (dist-h5/)');
    return;
  }
  console.log('Building the H5 app (about a minute the first time)…');
  const res = spawnSync('npx', ['taro', 'build', '--type', 'h5'], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
  if (res.status !== 0) throw new Error('the H5 build failed (see above)');
}
