import { readFileSync } from 'node:fs';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { defineConfig } from 'vitest/config';

/** Files that start real processes (the bot, a worker, redis-server) wait longest: they start first. */
const SLOW = /\bworld\.process\(|\brunMain\(|\bspawnTs\(|\brunTs\(|\bstartRedis\(/g;

/**
 * Longest first, so the run does not end on one slow file started last. Vitest does this from its
 * cache of past durations; a clean clone (CI) has none, so the count of process starts in each
 * file stands in for it.
 */
class SlowFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const weight = new Map(sorted.map((f) => [f, (readFileSync(f.moduleId, 'utf8').match(SLOW) ?? []).length]));
    return sorted.sort((a, b) => (weight.get(b) ?? 0) - (weight.get(a) ?? 0));
  }
}

/**
 * Most tests wait (on loopback servers, child processes, Redis) rather than compute, so more files
 * run at once than there are cores: on the 2-core machine CI uses, 4 workers measured fastest (see
 * CONTRIBUTING.md → Tests). The timeouts are hang guards, generous enough for a loaded machine: no
 * test states how fast something must be (performance targets live in `npm run bench`).
 */
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Transpiles src/ once per run for the real-process tests (test/support/process-build.ts).
    globalSetup: ['test/support/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 4,
    sequence: { sequencer: SlowFirst },
    testTimeout: 180_000,
    hookTimeout: 120_000,
    teardownTimeout: 30_000,
    // expect.poll's own default (1 s) is a timing claim on a busy machine; here it only guards a hang.
    expect: { poll: { timeout: 60_000, interval: 25 } },
  },
});
