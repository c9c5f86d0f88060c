import { defineConfig } from 'vitest/config';

// Unit and integration tests: node by default; UI tests opt into happy-dom with
// `// @vitest-environment happy-dom`. Real-browser tests live in test/browser (vitest.browser.config.ts),
// consumer-app builds of the built package in test/consumers (vitest.consumers.config.ts).
export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    exclude: ['test/browser/**', 'test/consumers/**', 'node_modules/**'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
