// ESLint flat config: the recommended JavaScript and typescript-eslint rules, plus the type-aware
// rules that catch what tsc does not: promises nobody awaits or handles (a rejected one crashes the
// process or vanishes), promises passed where a callback's result is ignored, awaiting non-promises.
// Formatting is Prettier's job (`npm run format:check`), so no stylistic rules here.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['**/node_modules/**', 'dist/**', 'data/**', 'coverage/**', '**/generated/**', 'web/src/gql/**', 'web/dist/**', '.scratch*/**', '**/*.js', '**/*.mjs', '**/*.cjs'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // web/**/*.tsx runs in the browser: typescript-eslint turns `no-undef` off for TypeScript, and tsc
    // checks every global against web/tsconfig.json's DOM libraries instead.
    files: ['**/*.ts', 'web/**/*.tsx'],
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      // Express and event-emitter callbacks may be async when they handle their own errors;
      // what must not happen is a promise where a boolean or a value is expected.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
      '@typescript-eslint/only-throw-error': 'error',
      // `_name` marks a value left unused on purpose (destructuring it away, a required parameter).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', destructuredArrayIgnorePattern: '^_' }],
      // Tests and adapters cross untyped boundaries (JSON bodies, driver results) on purpose.
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      // Sanitisers strip control characters with exactly such expressions.
      'no-control-regex': 'off',
    },
  },
  {
    // Test files build fixtures from loosely typed responses.
    files: ['**/test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-expressions': 'off',
    },
  },
);
