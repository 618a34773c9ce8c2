// The dependency rules of the README's Architecture section, checked by `npm run lint:deps` (and so by
// `npm test`). Paths are relative to the repo root. A rule names what may NOT be imported; a violation
// fails the run. tests/architecture/dependency-rules.test.ts proves each rule fires on a violation.

/**
 * core's areas by layer, lowest first (core/README.md): an area imports only areas of lower layers,
 * so areas of one layer never import each other and there is no cycle between areas. Keep in step
 * with core/README.md: tests/architecture/core-architecture.test.ts checks these are its LAYERS and
 * that the tree has no other area.
 */
const CORE_LAYERS = [
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

const TEST = '\\.test\\.tsx?$|\\.type-test\\.ts$';
const TEST_SUPPORT = '^src/test-support/';

// The client's layers (README, rule 1). Subpackages keep their slices and store beside their pages.
const STORE = '^src/store/|^src/packages/.+[.-]slice\\.ts$|^src/packages/[^/]+/store\\.ts$';
const UI = '^src/(pages|packages|components|hooks)/';
const SERVICES = '^src/services/';

// Modules a rule may rely on: pure by the same rule (models, configs, texts, error catalogs, the
// result envelope). Everything else in core (repositories, use cases, jobs, the database, the clock,
// transactions, the router) may do I/O.
const PURE_CORE =
  '^core/[^/]+/[^/]+\\.(rules|model|config|text|errors)\\.ts$|^core/members/tiers\\.ts$|^core/catalog/sale-terms\\.ts$|^core/platform/(result|platform\\.errors|china-time)\\.ts$';

const areaRules = CORE_LAYERS.flatMap((areas, layer) =>
  areas.map((area) => ({
    name: `core-layer-${area}`,
    comment: `core/${area} (layer ${layer}) imports only areas of lower layers: ${CORE_LAYERS.slice(0, layer).flat().join(', ') || 'none'} (core/README.md)`,
    severity: 'error',
    from: { path: `^core/${area}/` },
    to: {
      path: '^core/[^/]+/',
      pathNot: [`^core/(${[area, ...CORE_LAYERS.slice(0, layer).flat()].join('|')})/`],
    },
  })),
);

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'No import cycles anywhere (between core areas in particular: README rule 5).',
      severity: 'error',
      from: {},
      // A cycle that passes through a type-only import is erased at build time (a slice and the
      // state type that lists it, say); a cycle of run-time imports is the error.
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'An import that resolves to nothing is a typo or a missing package.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },

    // 1. pages -> store -> services, one way.
    {
      name: 'ui-not-to-services',
      comment:
        'Pages, components and hooks reach the cloud only through a store action: from src/services they import types alone (README rule 1). Tests may stub the transport.',
      severity: 'error',
      from: { path: UI, pathNot: [STORE, TEST] },
      to: { path: SERVICES, dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'store-not-to-ui',
      comment: 'The store does not import pages, components or hooks (README rule 1).',
      severity: 'error',
      from: { path: STORE, pathNot: TEST },
      to: { path: UI, pathNot: STORE },
    },
    {
      name: 'services-not-to-store-or-ui',
      comment: 'Services are the bottom of the client: they import no store, page, component or hook (README rule 1).',
      severity: 'error',
      from: { path: SERVICES, pathNot: TEST },
      to: { path: [UI, '^src/store/'] },
    },
    {
      name: 'utils-are-leaves',
      comment: 'src/utils holds pure helpers (texts, money, dates): they import no page, store or service but types.',
      severity: 'error',
      from: { path: '^src/utils/', pathNot: TEST },
      to: { path: [UI, '^src/store/', SERVICES], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'nothing-imports-a-page',
      comment: 'A page is a route, not a module: only its own folder (and its tests) import its files (README rule 1).',
      severity: 'error',
      from: { pathNot: ['^src/pages/', '^src/app\\.config\\.ts$'] },
      to: { path: '^src/pages/' },
    },
    {
      name: 'src-not-to-core',
      comment: 'The mini-program ships to phones: from core it imports types alone (the contract, the error catalogs).',
      severity: 'error',
      from: { path: '^src/', pathNot: [TEST, TEST_SUPPORT] },
      to: { path: '^core/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'src-not-to-emulator-or-tooling',
      comment: 'The mini-program imports nothing of the emulator or the tooling.',
      severity: 'error',
      from: { path: '^src/', pathNot: [TEST, TEST_SUPPORT] },
      to: { path: '^(emulator|scripts|bench|tests|config)/' },
    },
    {
      name: 'src-not-to-functions',
      comment: 'From the functions the mini-program reads only their action tables, as types (the contract: src/services/contracts.ts).',
      severity: 'error',
      from: { path: '^src/', pathNot: [TEST, TEST_SUPPORT] },
      to: { path: '^cloudfunctions/', pathNot: '^cloudfunctions/[^/]+/actions\\.ts$' },
    },
    {
      name: 'src-not-to-functions-at-run-time',
      comment: 'The action tables run on the server: the mini-program imports their types alone.',
      severity: 'error',
      from: { path: '^src/', pathNot: [TEST, TEST_SUPPORT] },
      to: { path: '^cloudfunctions/', dependencyTypesNot: ['type-only'] },
    },

    // 2. Rules are pure.
    {
      name: 'rules-are-pure',
      comment:
        'core/*/*.rules.ts import only other pure modules (rules, models, configs, texts, error catalogs, the result envelope), zod and node:crypto: never a repository, use case, database, transaction or the clock (README rule 2).',
      severity: 'error',
      from: { path: PURE_CORE, pathNot: TEST },
      to: { path: '^core/', pathNot: PURE_CORE, dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'rules-no-io-packages',
      comment: 'Pure modules import no I/O: of node only crypto, of npm only zod (README rule 2).',
      severity: 'error',
      from: { path: PURE_CORE, pathNot: TEST },
      to: {
        dependencyTypes: ['core', 'npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-no-pkg', 'npm-unknown'],
        pathNot: ['^(node:)?crypto$', '(^|/)node_modules/zod/'],
        dependencyTypesNot: ['type-only'],
      },
    },

    // 3. core imports nothing of the app or the SDK.
    {
      name: 'core-not-outside',
      comment: 'core never imports src, the emulator, the functions or the tooling (README rule 3); its tests may start the emulator (emulator/testing).',
      severity: 'error',
      from: { path: '^core/' },
      to: { path: '^(src|emulator|cloudfunctions|scripts|bench|tests|config)/', pathNot: '^emulator/' },
    },
    {
      name: 'core-not-to-emulator-outside-tests',
      comment: 'Only core tests may use the emulator (README rule 3).',
      severity: 'error',
      from: { path: '^core/', pathNot: TEST },
      to: { path: '^emulator/' },
    },
    {
      name: 'sdk-only-in-cloud-adapter',
      comment: 'Only cloudfunctions/shared/cloud.ts imports wx-server-sdk (README rule 3); the emulator and the tooling that drive the real SDK may too.',
      severity: 'error',
      from: { pathNot: ['^cloudfunctions/shared/cloud\\.ts$', '^(emulator|tests|bench|scripts)/'] },
      to: { path: '(^|/)node_modules/wx-server-sdk/' },
    },

    // 4. The emulator is a product of its own.
    {
      name: 'emulator-not-to-app',
      comment: 'emulator never imports the app: src, core, cloudfunctions, scripts (README rule 4).',
      severity: 'error',
      from: { path: '^emulator/' },
      to: { path: '^(src|core|cloudfunctions|scripts|bench|tests|config)/' },
    },

    // 5. No cycles between core areas; platform imports no area.
    ...areaRules,
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(build|dist|dist-h5|\\.data|\\.e2e)/' },
    // Type-only imports are recorded as such (rules 1 and 2 allow them).
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.cjs', '.mjs', '.jsx', '.json', '.d.ts'],
    },
    skipAnalysisNotInRules: true,
    cache: false,
    progress: { type: 'none' },
  },
};
