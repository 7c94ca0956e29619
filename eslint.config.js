// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import boundaries from './tools/eslint-boundaries.js';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'web/dist/**',
      'node_modules/**',
      'data/**',
      'test-artifacts/**',
      'bin/**',
      'bench/_scratch/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        // The console (web/) has its own tsconfig: DOM libs, JSX, bundler resolution.
        project: ['./tsconfig.test.json', './web/tsconfig.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
    },
  },
  {
    // Outside a module (or the kernel), import it only through its index.ts (ARCHITECTURE.md rule 1).
    files: ['src/**/*.ts'],
    ignores: ['src/**/*.test.ts'],
    plugins: { orderly: boundaries },
    rules: { 'orderly/module-boundaries': 'error' },
  },
  {
    // Tests read untyped JSON responses (inject().json()); the unsafe-any rules would only add casts.
    files: ['test/**/*.ts', 'src/**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
    },
  },
  {
    files: ['eslint.config.js', 'tools/**/*.js', 'web/**/*.{js,mjs}'],
    ...tseslint.configs.disableTypeChecked,
  },
);
