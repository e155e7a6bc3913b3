import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The suite shares one machine with 2 cores; e2e tests start a server and a browser.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // UI tests poll the page; on a loaded 2-core machine the first answer can take seconds (the engine
    // loads its dictionaries), which says nothing about correctness.
    expect: { poll: { timeout: 15_000, interval: 100 } },
  },
});
