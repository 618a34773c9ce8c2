#!/usr/bin/env node
// Mini-program package size bench: reads dist/ after `npm run build:weapp` and reports the main
// package (every file outside the subpackage roots) against WeChat's 2 MB cap, the bare-Taro
// floor and our target, plus each subpackage. Deterministic: counts bytes of files, no timing.
//
//   npm run build:weapp && npm run bench:size            human-readable report
//   node scripts/bench-size.mjs --json                   the same numbers as JSON
//   node scripts/bench-size.mjs --dist other/dir         measure another output folder
//
// Exit code 1 when dist/ is missing or a package is over WeChat's 2 MB cap.

import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

const KIB = 1024;
const PACKAGE_CAP_KIB = 2048; // WeChat: main package and each subpackage at most 2 MB
const TOTAL_CAP_KIB = 20 * 1024; // WeChat: all packages together at most 20 MB
const TARGET_MAIN_KIB = 600;
// A bare Taro 4.1.11 React two-page app (docs/taro-facts.md): 278 KiB of files, 368 KB by `du -s`.
const FLOOR_FILES_KIB = 278;
const FLOOR_DISK_KIB = 368;
const DISK_BLOCK = 4 * KIB;

// Files in dist/ that are not uploaded as part of any package.
const NOT_UPLOADED = [/^project(\.private)?\.config\.json$/, /\.LICENSE\.txt$/, /\.map$/];

function parseArgs(argv) {
  const args = { dist: 'dist', json: false };
  for (let i = 0; i < argv.length; i += 1) {
    if (argv[i] === '--json') args.json = true;
    else if (argv[i] === '--dist') args.dist = argv[(i += 1)];
  }
  return args;
}

function walk(dir) {
  const files = [];
  const dirs = [dir];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      const sub = walk(path);
      files.push(...sub.files);
      dirs.push(...sub.dirs);
    } else if (entry.isFile()) {
      files.push({ path, bytes: statSync(path).size });
    }
  }
  return { files, dirs };
}

function subpackageRoots(dist) {
  const appJson = JSON.parse(readFileSync(join(dist, 'app.json'), 'utf8'));
  const subpackages = appJson.subPackages ?? appJson.subpackages ?? [];
  return subpackages.map((pkg) => pkg.root.replace(/\/+$/, ''));
}

const toPosix = (path) => path.split(sep).join('/');
const kib = (bytes) => Math.round((bytes / KIB) * 10) / 10;
const diskKib = (bytes) => (Math.ceil(bytes / DISK_BLOCK) * DISK_BLOCK) / KIB;

function measure(dist) {
  const roots = subpackageRoots(dist);
  const { files, dirs } = walk(dist);
  const packages = new Map([['main', { files: [], dirs: 0 }], ...roots.map((root) => [root, { files: [], dirs: 0 }])]);
  const packageOf = (rel) => roots.find((root) => rel === root || rel.startsWith(`${root}/`)) ?? 'main';
  const excluded = [];

  for (const file of files) {
    const rel = toPosix(relative(dist, file.path));
    const name = rel.split('/').pop();
    if (NOT_UPLOADED.some((pattern) => pattern.test(name))) excluded.push({ file: rel, bytes: file.bytes });
    else packages.get(packageOf(rel)).files.push({ file: rel, bytes: file.bytes });
  }
  for (const dir of dirs) {
    const rel = toPosix(relative(dist, dir));
    packages.get(rel === '' ? 'main' : packageOf(rel)).dirs += 1;
  }

  const summarise = ([name, pkg]) => {
    const bytes = pkg.files.reduce((sum, f) => sum + f.bytes, 0);
    // Like `du -s`: every file and folder takes whole 4 KiB blocks (how the floor was measured).
    const disk = pkg.files.reduce((sum, f) => sum + diskKib(f.bytes), 0) + (pkg.dirs * DISK_BLOCK) / KIB;
    const largest = [...pkg.files]
      .sort((a, b) => b.bytes - a.bytes)
      .slice(0, 8)
      .map((f) => ({ file: f.file, kib: kib(f.bytes) }));
    return { name, files: pkg.files.length, bytes, kib: kib(bytes), diskKib: disk, largest };
  };
  const [main, ...subpackages] = [...packages.entries()].map(summarise);
  const totalBytes = main.bytes + subpackages.reduce((sum, p) => sum + p.bytes, 0);
  return {
    main,
    subpackages,
    total: { bytes: totalBytes, kib: kib(totalBytes) },
    excluded: excluded.map((e) => ({ file: e.file, kib: kib(e.bytes) })),
  };
}

function report(result) {
  const { main, subpackages, total, excluded } = result;
  const pct = (value, of) => `${((value / of) * 100).toFixed(1)}%`;
  const lines = [
    'Mini-program package sizes (dist/, weapp build)',
    '',
    `main package       ${main.kib.toFixed(1)} KiB in ${main.files} files (${main.diskKib} KiB on disk, du-style)`,
    `  WeChat cap       ${PACKAGE_CAP_KIB} KiB      -> ${pct(main.kib, PACKAGE_CAP_KIB)} used, ${(PACKAGE_CAP_KIB - main.kib).toFixed(1)} KiB left`,
    `  bare-Taro floor  ${FLOOR_FILES_KIB} KiB files / ${FLOOR_DISK_KIB} KiB on disk -> ours is +${(main.kib - FLOOR_FILES_KIB).toFixed(1)} KiB / +${main.diskKib - FLOOR_DISK_KIB} KiB above it`,
    `  target           < ${TARGET_MAIN_KIB} KiB     -> ${main.kib < TARGET_MAIN_KIB ? 'OK' : 'OVER TARGET'} (files), ${main.diskKib < TARGET_MAIN_KIB ? 'OK' : 'OVER TARGET'} (on disk)`,
    '  largest files:',
    ...main.largest.map((f) => `    ${f.kib.toFixed(1).padStart(7)} KiB  ${f.file}`),
    '',
    'subpackages',
    ...subpackages.map((p) => `  ${p.name.padEnd(18)} ${p.kib.toFixed(1).padStart(7)} KiB in ${p.files} files (cap ${PACKAGE_CAP_KIB} KiB)`),
    '',
    `all packages       ${total.kib.toFixed(1)} KiB (cap ${TOTAL_CAP_KIB} KiB)`,
    `not uploaded       ${excluded.map((e) => e.file).join(', ') || 'none'}`,
  ];
  return lines.join('\n');
}

const args = parseArgs(process.argv.slice(2));
if (!existsSync(join(args.dist, 'app.json'))) {
  console.error(`No weapp build in ${args.dist}/ (app.json missing): run \`npm run build:weapp\` first.`);
  process.exit(1);
}
const result = measure(args.dist);
console.log(args.json ? JSON.stringify(result, null, 2) : report(result));
const overCap = [result.main, ...result.subpackages].filter((p) => p.kib > PACKAGE_CAP_KIB);
if (overCap.length > 0 || result.total.kib > TOTAL_CAP_KIB) {
  console.error(`Over WeChat's size cap: ${overCap.map((p) => p.name).join(', ') || 'all packages together'}`);
  process.exit(1);
}
