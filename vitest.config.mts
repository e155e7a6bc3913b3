import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The suite shares one machine with 2 cores; e2e tests start a server and a browser.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
