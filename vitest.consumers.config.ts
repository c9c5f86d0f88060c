import { defineConfig } from 'vitest/config';

// Consumer apps (test/consumers): Vite builds of small apps against the BUILT package, so they run
// after `npm run build` (scripts/test-all.mjs runs them as their own step), not with the unit tests.
export default defineConfig({
  test: {
    include: ['test/consumers/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
