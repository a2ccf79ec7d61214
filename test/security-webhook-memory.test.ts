import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const root = new URL('..', import.meta.url).pathname;
const MB = 1024 * 1024;

/** The flood in a child with the heap cap `npm start` uses, so a leak shows as a crash, not as a slow test. */
function flood(scenario: 'one-code' | 'many-codes'): Promise<{ heapGrowth: number; counted: number }> {
  const args = ['--expose-gc', '--max-old-space-size=256', '--import', `${root}node_modules/tsx/dist/loader.mjs`];
  const child = spawn(process.execPath, [...args, `${root}test/support/dedupe-probe.ts`, scenario], {
    env: { PATH: process.env.PATH ?? '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  return new Promise((resolve, reject) =>
    child.on('close', (code) => {
      try {
        resolve(JSON.parse(out));
      } catch {
        reject(new Error(`probe exited ${code}: ${err.slice(-500)}`));
      }
    }),
  );
}

describe('webhook dedupe memory', () => {
  it('grows the heap by less than 30 MB for 100,000 failures with 10 KB details each', async () => {
    const run = await flood('one-code');
    expect(run.counted).toBe(100_000);
    expect(run.heapGrowth).toBeLessThan(30 * MB);
  }, 60_000);

  it('stays bounded when every failure invents its own code with a 10 KB title', async () => {
    const run = await flood('many-codes');
    expect(run.counted).toBe(100_000);
    expect(run.heapGrowth).toBeLessThan(30 * MB);
  }, 60_000);
});
