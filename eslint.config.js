// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import boundaries from './tools/eslint-boundaries.js';

export default tseslint.config(
  { ignores: ['dist/**', 'web/dist/**', 'node_modules/**', 'data/**', 'test-artifacts/**', 'bin/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { project: './tsconfig.test.json', tsconfigRootDir: import.meta.dirname },
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
    files: ['eslint.config.js', 'tools/**/*.js', 'web/**/*.{js,mjs}'],
    ...tseslint.configs.disableTypeChecked,
  },
);
