// Two projects: node-side code (emulator, core, cloud functions, integration tests) and the
// mini-program's React code under jsdom.
const swc = ['@swc/jest', { jsc: { parser: { syntax: 'typescript', tsx: true }, target: 'es2022', transform: { react: { runtime: 'automatic' } } } }];

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    {
      displayName: 'node',
      testEnvironment: 'node',
      roots: ['<rootDir>/emulator', '<rootDir>/core', '<rootDir>/cloudfunctions', '<rootDir>/tests'],
      testMatch: ['**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', '/build/', '/tests/e2e/'],
      transform: { '^.+\\.(t|j)sx?$': swc },
      moduleNameMapper: { '^@core/(.*)$': '<rootDir>/core/$1' },
    },
  ],
};
