/**
 * The dependency-cruiser config (.dependency-cruiser.cjs) fails on deliberate violations: a tiny tree
 * laid out like the repo, with one violation of each rule and a few imports the rules allow, cruised
 * with the real config. (`npm run lint:deps` runs the same config over the real tree.)
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');

const tree: Record<string, string> = {
  'tsconfig.json': JSON.stringify({
    compilerOptions: { module: 'ESNext', moduleResolution: 'Bundler', jsx: 'react-jsx', baseUrl: '.', paths: { '@/*': ['src/*'], '@core/*': ['core/*'] } },
  }),
  // Rule 1: pages -> store -> services.
  'src/services/cloud.ts': 'export const callFunction = () => 1;\nexport type CloudResult = { ok: boolean };\n',
  'src/pages/home/index.tsx': [
    "import type { CloudResult } from '@/services/cloud';", // allowed: types only
    "import { callFunction } from '@/services/cloud';", // violation
    "import { useStore } from '@/store/index';", // allowed
    'export const Home = (r: CloudResult) => [callFunction, useStore, r];',
  ].join('\n'),
  'src/pages/home/index.test.tsx': "import { callFunction } from '@/services/cloud';\nexport const t = callFunction;\n", // allowed: tests stub the transport
  'src/packages/shop/orders.slice.ts': "import { callFunction } from '@/services/cloud';\nexport const slice = callFunction;\n", // allowed: a subpackage's slice
  'src/store/index.ts':
    "import { callFunction } from '@/services/cloud';\nimport { Home } from '@/pages/home/index';\nexport const useStore = [callFunction, Home];\n", // violation: store -> page
  'src/utils/text.ts': "import { useStore } from '@/store/index';\nexport const text = useStore;\n", // violation
  // Run-time cycle (violation) and a cycle through a type-only import (allowed).
  'src/utils/a.ts': "import { b } from './b';\nexport const a = () => b;\n",
  'src/utils/b.ts': "import { a } from './a';\nexport const b = () => a;\n",
  'src/utils/c.ts': "import type { D } from './d';\nexport type C = { d?: D };\nexport const c = 1;\n",
  'src/utils/d.ts': "import { c } from './c';\nexport type D = { c: typeof c };\n",
  // Rule 2: rules are pure.
  'core/members/member.repo.ts': 'export const findMember = () => null;\n',
  'core/members/tiers.ts': 'export const TIERS = [];\n',
  'core/members/member.rules.ts':
    "import { TIERS } from './tiers';\nimport { findMember } from './member.repo';\nimport { readFileSync } from 'node:fs';\nexport const r = [TIERS, findMember, readFileSync];\n", // 2 violations
  // Rules 3 and 5: core reaches nothing outside itself; areas import lower layers only.
  'core/platform/result.ts': "import { findMember } from '../members/member.repo';\nexport const ok = findMember;\n", // violation: platform imports an area
  'core/points/points.usecases.ts':
    "import { findMember } from '../members/member.repo';\nimport { l } from '../ladder/ladder.usecases';\nimport { useStore } from '../../src/store/index';\nexport const p = [findMember, l, useStore];\n", // members allowed; ladder (same layer) and src violations
  'core/ladder/ladder.usecases.ts': 'export const l = 1;\n',
  'core/members/member.usecases.ts': "import cloud from 'wx-server-sdk';\nimport { start } from '../../emulator/testing';\nexport const u = [cloud, start];\n", // 2 violations
  'core/members/member.usecases.test.ts': "import { start } from '../../emulator/testing';\nexport const t = start;\n", // allowed: tests start the emulator
  // Rule 4: the emulator is a product of its own.
  'emulator/server.ts': "import { findMember } from '../core/members/member.repo';\nexport const s = findMember;\n", // violation
  'emulator/testing.ts': 'export const start = 1;\n',
  // The client reads core and the action tables as types only.
  'cloudfunctions/shop/actions.ts': 'export const shopActions = {};\n',
  'src/services/contracts.ts':
    "import type { shopActions } from '../../cloudfunctions/shop/actions';\nimport type { TIERS } from '@core/members/tiers';\nexport type Shop = [typeof shopActions, typeof TIERS];\n", // allowed
  'src/services/pay.ts':
    "import { shopActions } from '../../cloudfunctions/shop/actions';\nimport { TIERS } from '@core/members/tiers';\nexport const pay = [shopActions, TIERS];\n", // 2 violations
};

const expected = [
  'core-layer-platform: core/platform/result.ts -> core/members/member.repo.ts',
  'core-layer-points: core/points/points.usecases.ts -> core/ladder/ladder.usecases.ts',
  'core-not-outside: core/points/points.usecases.ts -> src/store/index.ts',
  'core-not-to-emulator-outside-tests: core/members/member.usecases.ts -> emulator/testing.ts',
  'emulator-not-to-app: emulator/server.ts -> core/members/member.repo.ts',
  // A cycle is reported once, from the module the cruise met first; c <-> d passes through a type.
  'no-circular: src/pages/home/index.tsx -> src/store/index.ts',
  'no-circular: src/utils/a.ts -> src/utils/b.ts',
  'nothing-imports-a-page: src/store/index.ts -> src/pages/home/index.tsx',
  'rules-are-pure: core/members/member.rules.ts -> core/members/member.repo.ts',
  // The result envelope is one of the pure modules rules rely on, so it may not reach I/O either.
  'rules-are-pure: core/platform/result.ts -> core/members/member.repo.ts',
  'rules-no-io-packages: core/members/member.rules.ts -> fs',
  'sdk-only-in-cloud-adapter: core/members/member.usecases.ts -> node_modules/wx-server-sdk/index.js',
  'src-not-to-core: src/services/pay.ts -> core/members/tiers.ts',
  'src-not-to-functions-at-run-time: src/services/pay.ts -> cloudfunctions/shop/actions.ts',
  'store-not-to-ui: src/store/index.ts -> src/pages/home/index.tsx',
  'ui-not-to-services: src/pages/home/index.tsx -> src/services/cloud.ts',
  'utils-are-leaves: src/utils/text.ts -> src/store/index.ts',
];

interface Violation {
  rule: { name: string };
  from: string;
  to: string;
}

test('each rule fails on a deliberate violation, and allowed imports pass', () => {
  const dir = mkdtempSync(join(tmpdir(), 'depcruise-fixture-'));
  try {
    for (const [path, text] of Object.entries(tree)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
    let output = '';
    try {
      output = execFileSync(
        process.execPath,
        [
          join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs'),
          'src',
          'core',
          'emulator',
          'cloudfunctions',
          '--config',
          join(ROOT, '.dependency-cruiser.cjs'),
          '--output-type',
          'json',
        ],
        { cwd: dir, encoding: 'utf8' },
      );
    } catch (error) {
      // depcruise exits non-zero when it finds violations; its report is still on stdout.
      output = (error as { stdout: string }).stdout;
    }
    const violations = (JSON.parse(output) as { summary: { violations: Violation[] } }).summary.violations;
    // node_modules is a symlink to the repo's, so packages resolve to paths outside the fixture.
    const shown = violations.map((v) => `${v.rule.name}: ${v.from} -> ${v.to.replace(/^.*\/node_modules\//, 'node_modules/')}`);
    expect(shown.sort()).toEqual(expected);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 60_000);
