import { describe, expect, it } from 'vitest';
import { runTs } from './support/bot-process.js';

const MB = 1024 * 1024;

/** The flood in a child with the heap cap `npm start` uses, so a leak shows as a crash, not as a slow test. */
async function flood(scenario: 'one-code' | 'many-codes'): Promise<{ heapGrowth: number; counted: number }> {
  const run = await runTs('test/support/dedupe-probe.ts', [scenario], { node: ['--expose-gc', '--max-old-space-size=256'] });
  try {
    return JSON.parse(run.stdout);
  } catch {
    throw new Error(`probe exited ${run.status}: ${run.stderr.slice(-500)}`);
  }
}

describe('webhook dedupe memory', () => {
  it('grows the heap by less than 30 MB for 100,000 failures with 10 KB details each', async () => {
    const run = await flood('one-code');
    expect(run.counted).toBe(100_000);
    expect(run.heapGrowth).toBeLessThan(30 * MB);
  });

  it('stays bounded when every failure invents its own code with a 10 KB title', async () => {
    const run = await flood('many-codes');
    expect(run.counted).toBe(100_000);
    expect(run.heapGrowth).toBeLessThan(30 * MB);
  });
});
