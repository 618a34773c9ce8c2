// Two projects: node-side code (emulator, core, cloud functions, integration tests) and the
// mini-program's React code under jsdom.
const swc = ['@swc/jest', { jsc: { parser: { syntax: 'typescript', tsx: true }, target: 'es2022', transform: { react: { runtime: 'automatic' } } } }];

// Packages shipped as untranspiled ES modules that the web project must run through babel, wherever
// they sit in node_modules (nested copies of tslib/style-inject live inside @tarojs/*).
const esmPackages = [
  '@tarojs',
  '@stencil',
  '@nutui',
  'lodash-es',
  'query-string',
  'decode-uri-component',
  'split-on-first',
  'filter-obj',
  'swiper',
  'ssr-window',
  'dom7',
  'nanoid',
  'tslib',
  'style-inject',
];

// What Taro's h5 build adds to babel: `Taro.getStorageSync(...)` and the other implemented APIs
// become named imports from @tarojs/taro (the default export of @tarojs/taro-h5 lacks them).
const taroApiForH5 = [
  'babel-plugin-transform-taroapi',
  { packageName: '@tarojs/taro', definition: require('@tarojs/plugin-platform-h5/dist/definition.json') },
];

/** @type {import('jest').Config} */
module.exports = {
  // A budget, not a measurement: the concurrency suites (hundreds of calls through the real SDK)
  // outgrew jest's 5 s on a cold, busy 2-core CI machine. A hung test still fails. Global: jest
  // reads testTimeout from the top-level config only, never from a project.
  testTimeout: 60_000,
  projects: [
    {
      displayName: 'node',
      testEnvironment: 'node',
      roots: ['<rootDir>/emulator', '<rootDir>/core', '<rootDir>/cloudfunctions', '<rootDir>/tests'],
      testMatch: ['**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', '/build/', '/tests/e2e/'],
      // The built functions are already plain JS; transforming 400 KB bundles only slows jest.
      transformIgnorePatterns: ['/node_modules/', '/build/'],
      transform: { '^.+\\.(t|j)sx?$': swc },
      moduleNameMapper: {
        '^@core/(.*)$': '<rootDir>/core/$1',
        // zod's locales are ES modules; jest's node project loads CommonJS (esbuild bundles the ESM one).
        '^zod/v4/locales/(.*)\\.js$': 'zod/v4/locales/$1.cjs',
      },
    },
    {
      // The mini-program (src/) as its H5 build runs it: babel-preset-taro through babel-jest.
      displayName: 'web',
      testEnvironment: 'jsdom',
      roots: ['<rootDir>/src'],
      testMatch: ['**/*.test.ts', '**/*.test.tsx'],
      setupFiles: ['<rootDir>/src/test-support/taro-env.js'],
      transform: { '^.+\\.(t|j|mj)sx?$': ['babel-jest', { plugins: [taroApiForH5] }] },
      transformIgnorePatterns: [`/node_modules/(?!(?:.*/)?(?:${esmPackages.join('|')})/)`],
      moduleNameMapper: {
        '^@tarojs/taro$': '@tarojs/taro-h5',
        '^@tarojs/components$': '<rootDir>/src/test-support/taro-components.js',
        '\\.(css|scss|sass|less)$': '<rootDir>/src/test-support/style-stub.js',
        '^@/hooks/use-page-show$': '<rootDir>/src/test-support/use-page-show.ts',
        '^@/hooks/use-wechat-share$': '<rootDir>/src/test-support/use-wechat-share.ts',
        '^@/(.*)$': '<rootDir>/src/$1',
      },
      // Feature flags Taro's runtime expects its bundler to define.
      globals: {
        ENABLE_INNER_HTML: true,
        ENABLE_ADJACENT_HTML: true,
        ENABLE_SIZE_APIS: true,
        ENABLE_TEMPLATE_CONTENT: true,
        ENABLE_CLONE_NODE: true,
        ENABLE_CONTAINS: true,
        ENABLE_MUTATION_OBSERVER: false,
        DEPRECATED_ADAPTER_COMPONENT: false,
      },
    },
  ],
};
