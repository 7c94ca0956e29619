import { defineConfig } from 'vitest/config';

// Each test file runs in its own worker with its own database (see test/support/engines.ts),
// so files run in parallel without colliding.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['default'],
  },
});
