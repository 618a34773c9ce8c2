// ESLint (flat config), run by `npm run lint` and so by `npm test`. typescript-eslint's recommended
// rules without type information (typed linting would cost a second typecheck; `npm run typecheck`
// already runs tsc in strict mode), and React's two classic hook rules. Formatting is Prettier's
// (.prettierrc.json), so no stylistic rule here.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['build/', 'dist/', 'dist-h5/', '.data/', '.e2e/', '.scratch/', 'coverage/', 'bench/results/', 'node_modules/'],
  },
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      globals: { ...globals.node },
    },
    rules: {
      // Unused names are errors, except the `_`-prefixed ones kept on purpose (a parameter a
      // callback's signature requires, a rest sibling that drops a field from an object).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    // The mini-program: browser and WeChat globals, React hooks.
    files: ['src/**/*.{ts,tsx,js}'],
    languageOptions: { globals: { ...globals.browser, wx: 'readonly' } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    // Tests, their harnesses and the benchmarks: code that drives the real SDK and the emulator from
    // outside. Three rules are off here, for the app's code they stay on:
    // - no-explicit-any: wx-server-sdk 4.0.2 ships no types, and tests read raw documents and send
    //   malformed inputs on purpose (a typed payload could not be wrong);
    // - no-require-imports: the SDK is required after the emulator has set the environment it reads
    //   when loaded, and a test may load a module late or tweak node's own (node:events);
    // - no-console: a suite or a bench may print what it measured.
    files: ['**/*.test.{ts,tsx}', '**/__tests__/**', 'src/test-support/**', 'tests/**', 'bench/**'],
    languageOptions: { globals: { ...globals.jest } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-require-imports': 'off',
      'no-console': 'off',
    },
  },
  {
    // CommonJS files: require is how they load things.
    files: ['**/*.{js,cjs}'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
