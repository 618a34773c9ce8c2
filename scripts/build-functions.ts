/**
 * npm run build:functions — bundles each cloud function (its TypeScript entry plus the shared
 * core) into a deployable folder: build/cloudfunctions/<name>/{index.js, package.json, config.json}.
 * wx-server-sdk stays external: WeChat installs it from the function's package.json on deploy.
 */
import { build } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '..');
const source = join(root, 'cloudfunctions');
const out = join(root, 'build', 'cloudfunctions');

export function functionNames(): string[] {
  return readdirSync(source).filter((name) => existsSync(join(source, name, 'index.ts')) && existsSync(join(source, name, 'config.json')));
}

export async function buildFunctions(): Promise<Array<{ name: string; bytes: number }>> {
  rmSync(out, { recursive: true, force: true });
  const built: Array<{ name: string; bytes: number }> = [];
  for (const name of functionNames()) {
    const dir = join(out, name);
    mkdirSync(dir, { recursive: true });
    await build({
      entryPoints: [join(source, name, 'index.ts')],
      outfile: join(dir, 'index.js'),
      bundle: true,
      platform: 'node',
      // WeChat Cloud's Node.js 16 runtime is the oldest one still offered.
      target: 'node16',
      format: 'cjs',
      external: ['wx-server-sdk'],
      alias: { '@core': join(root, 'core') },
      minify: true,
      sourcemap: false,
      legalComments: 'none',
      logLevel: 'warning',
    });
    copyFileSync(join(source, name, 'package.json'), join(dir, 'package.json'));
    copyFileSync(join(source, name, 'config.json'), join(dir, 'config.json'));
    built.push({ name, bytes: statSync(join(dir, 'index.js')).size });
  }
  return built;
}

if (require.main === module) {
  buildFunctions()
    .then((built) => {
      for (const b of built) console.log(`built ${b.name.padEnd(12)} ${(b.bytes / 1024).toFixed(1)} KiB`);
      console.log(`${built.length} functions in ${out}`);
    })
    .catch((e) => {
      console.error(e);
      process.exit(1);
    });
}
