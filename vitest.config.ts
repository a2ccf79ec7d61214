import { defineConfig } from 'vitest/config';

/**
 * Most tests wait (on loopback servers, a child process, Redis) rather than compute, so more files
 * run at once than there are cores: on the 2-core machine CI uses, 4 workers measured fastest
 * (see CONTRIBUTING.md → Tests). The timeouts are hang guards, generous enough for a loaded machine:
 * no test states how fast something must be (performance targets live in `npm run bench`).
 */
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    maxWorkers: 4,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    teardownTimeout: 30_000,
    // expect.poll's own default (1 s) is a timing claim on a busy machine; here it only guards a hang.
    expect: { poll: { timeout: 60_000, interval: 25 } },
  },
});
