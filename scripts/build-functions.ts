/**
 * npm run build:functions — bundles each cloud function (its TypeScript entry plus the shared
 * core) into a deployable folder: build/cloudfunctions/<name>/{index.js, package.json, config.json}.
 * wx-server-sdk stays external: WeChat installs it from the function's package.json on deploy.
 */
import { build, type Plugin } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '..');
const source = join(root, 'cloudfunctions');
const out = join(root, 'build', 'cloudfunctions');

/**
 * zod re-exports every locale (`z.locales`), so a bundle carried ~40 languages' error messages
 * (~300 KiB of each function). Functions speak zh-CN (core/platform/router.ts) and zod falls back
 * to en: only those two stay. Cold starts in WeChat Cloud load less code.
 */
const onlyUsedZodLocales: Plugin = {
  name: 'only-used-zod-locales',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.c?js$/ }, (args) =>
      args.importer.includes(`${join('node_modules', 'zod')}`) ? { path: join(args.resolveDir, '..', 'locales'), namespace: 'zod-locales' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(join(args.path, 'en.js'))};\nexport { default as zhCN } from ${JSON.stringify(join(args.path, 'zh-CN.js'))};\n`,
      resolveDir: args.path,
      loader: 'js',
    }));
  },
};

export function functionNames(): string[] {
  return readdirSync(source).filter((name) => existsSync(join(source, name, 'index.ts')) && existsSync(join(source, name, 'config.json')));
}

/**
 * Builds into a fresh folder beside the output and swaps it in at the end, so a test or an
 * emulator reading build/cloudfunctions never sees it half-written (or empty) while a build runs.
 */
export async function buildFunctions(): Promise<Array<{ name: string; bytes: number }>> {
  const staging = `${out}.building-${process.pid}-${Date.now()}`;
  try {
    const built = await buildInto(staging);
    const retired = `${out}.old-${process.pid}-${Date.now()}`;
    if (existsSync(out)) renameSync(out, retired);
    renameSync(staging, out);
    rmSync(retired, { recursive: true, force: true });
    return built;
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

async function buildInto(target: string): Promise<Array<{ name: string; bytes: number }>> {
  const built: Array<{ name: string; bytes: number }> = [];
  for (const name of functionNames()) {
    const dir = join(target, name);
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
      plugins: [onlyUsedZodLocales],
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
