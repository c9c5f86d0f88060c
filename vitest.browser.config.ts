import { defineConfig } from 'vitest/config';

// Real headless Chromium (Debian's /usr/bin/chromium) driven by playwright-core, against the
// built dist/ served on 127.0.0.1. Run after `npm run build`.
export default defineConfig({
  test: {
    include: ['test/browser/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
