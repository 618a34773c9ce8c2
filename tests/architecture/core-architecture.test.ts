/**
 * The dependency rules of core (core/README.md), checked over the source files themselves: which
 * area may import which, that only repositories touch collections, that rules do no I/O, and
 * that core reaches nothing outside itself but npm packages (tests may use the emulator). A
 * violation names the file and the import. dependency-cruiser (.dependency-cruiser.cjs, `npm run
 * lint:deps`) encodes the same layers; the last test keeps the two in step.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';

const CORE = resolve(__dirname, '../../core');

/**
 * Areas by layer, lowest first. An area imports only areas of lower layers (so never one of its
 * own layer, and there can be no cycle); `platform` imports no area.
 */
export const LAYERS: string[][] = [
  ['platform'],
  ['audit', 'notify'],
  ['staff'],
  ['members'],
  ['catalog', 'points', 'ladder'],
  ['rewards'],
  ['referrals'],
  ['orders'],
  ['perks', 'draws', 'feedback'],
  ['admin', 'journeys'],
];

const layerOf = new Map(LAYERS.flatMap((areas, i) => areas.map((a) => [a, i] as const)));

/** Collection calls outside a repository (file relative to core -> why), allowed with a reason: none today. */
const COLLECTION_ALLOW_LIST: Record<string, string> = {};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return e.name.endsWith('.ts') ? [path] : [];
  });
}

const files = sourceFiles(CORE).map((path) => ({ path, rel: relative(CORE, path), text: readFileSync(path, 'utf8') }));
const isTest = (rel: string) => rel.endsWith('.test.ts');

/** Module specifiers a file imports or re-exports (static and dynamic). */
function importsOf(text: string): string[] {
  const specs = [...text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+'([^']+)'/g), ...text.matchAll(/import\(\s*'([^']+)'\s*\)/g)];
  return specs.map((m) => m[1]);
}

/** The core path an import points at (relative or @core/), or null for anything outside core. */
function coreTarget(fromRel: string, spec: string): string | null {
  if (spec.startsWith('@core/')) return spec.slice('@core/'.length);
  if (!spec.startsWith('.')) return null;
  const rel = relative(CORE, resolve(CORE, dirname(fromRel), spec));
  return rel;
}

const areaOf = (rel: string) => rel.split('/')[0];

test('every area is in a layer', () => {
  const areas = [...new Set(files.map((f) => areaOf(f.rel)).filter((a) => !a.endsWith('.ts') && !a.endsWith('.md')))];
  expect(areas.filter((a) => !layerOf.has(a))).toEqual([]);
});

test('areas import only lower layers (no cycles between areas; platform imports no area)', () => {
  const violations: string[] = [];
  for (const f of files) {
    const from = areaOf(f.rel);
    for (const spec of importsOf(f.text)) {
      const target = coreTarget(f.rel, spec);
      if (!target || target.startsWith('../')) continue;
      const to = areaOf(target);
      if (to === from) continue;
      if (!(layerOf.get(to)! < layerOf.get(from)!)) violations.push(`${f.rel} -> ${target}`);
    }
  }
  expect(violations).toEqual([]);
});

test('core imports nothing outside itself but packages (tests may use the emulator)', () => {
  const violations: string[] = [];
  for (const f of files) {
    for (const spec of importsOf(f.text)) {
      const target = coreTarget(f.rel, spec);
      if (spec === 'wx-server-sdk') violations.push(`${f.rel} -> ${spec}`);
      if (!target?.startsWith('../')) continue;
      if (isTest(f.rel) && target.startsWith('../emulator/')) continue;
      violations.push(`${f.rel} -> ${target}`);
    }
  }
  expect(violations).toEqual([]);
});

/** `.collection(` calls outside repositories, tests and the allow-list, as file:line. */
const collectionCallsOutsideRepos = (sources: { rel: string; text: string }[]) =>
  sources
    .filter((f) => !f.rel.endsWith('.repo.ts') && !isTest(f.rel) && !COLLECTION_ALLOW_LIST[f.rel])
    .flatMap((f) => f.text.split('\n').flatMap((line, i) => (line.includes('.collection(') ? [`${f.rel}:${i + 1}`] : [])));

test('only repositories touch collections', () => {
  expect(collectionCallsOutsideRepos(files)).toEqual([]);
});

test('rules do no I/O: they import no repository, use case, database, transaction or clock', () => {
  const io = /(\.repo|\.usecases|\.job|\.admin|\/database|\/transaction|\/clock|\/router|\/entry)$|^node:(fs|http|https|net|child_process)$|^wx-server-sdk$/;
  const violations = files
    .filter((f) => f.rel.endsWith('.rules.ts'))
    .flatMap((f) =>
      importsOf(f.text)
        .filter((spec) => io.test(spec))
        .map((spec) => `${f.rel} -> ${spec}`),
    );
  expect(violations).toEqual([]);
});

test('the checks catch what they look for', () => {
  // A deliberate violation of each kind, on text rather than on the tree.
  expect(importsOf("import { findMember } from '../members/member.repo';\nexport { x } from './y';")).toEqual(['../members/member.repo', './y']);
  expect(coreTarget('members/member.usecases.ts', '../orders/orders.repo')).toBe('orders/orders.repo');
  expect(layerOf.get('orders')! < layerOf.get('members')!).toBe(false);
  expect(coreTarget('members/x.ts', '../../src/store')).toBe('../src/store');
  const query = "const x = await db.collection('members').doc(id).get();";
  expect(
    collectionCallsOutsideRepos([
      { rel: 'members/member.repo.ts', text: query },
      { rel: 'members/member.usecases.ts', text: `// one\n${query}` },
    ]),
  ).toEqual(['members/member.usecases.ts:2']);
});

test('dependency-cruiser encodes the same layers', () => {
  // The config is CommonJS, read as depcruise reads it.
  const config = require('../../.dependency-cruiser.cjs') as { forbidden: { name: string; to: { pathNot?: string[] } }[] };
  const allowedBy = (area: string) => {
    const rule = config.forbidden.find((r) => r.name === `core-layer-${area}`);
    const group = rule?.to.pathNot?.[0].match(/^\^core\/\(([^)]+)\)\/$/)?.[1];
    return group?.split('|').sort() ?? null;
  };
  for (const [layer, areas] of LAYERS.entries()) {
    for (const area of areas) expect([area, allowedBy(area)]).toEqual([area, [area, ...LAYERS.slice(0, layer).flat()].sort()]);
  }
});
