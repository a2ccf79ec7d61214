import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeD360, HEALTHY_CLOUD, startFakeD360 } from './fakes/d360.js';
import { runMain } from './support/bot-process.js';

let fake: FakeD360;

beforeAll(async () => {
  fake = await startFakeD360();
});
afterAll(() => fake.close());

/** Runs `npm run check`'s entry point in an empty directory (so no .env or numbers.yml leaks in). */
function check(env: Record<string, string>, files: Record<string, string> = {}) {
  const cwd = mkdtempSync(join(tmpdir(), 'wa-check-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(cwd, name), text);
  return runMain(['check'], { cwd, env });
}

describe('npm run check', () => {
  it('prints a table and exits 0 when every number is healthy', async () => {
    fake.script('check-ok-key-123456', { json: HEALTHY_CLOUD });
    const run = await check({ D360_API_KEY: 'check-ok-key-123456', WA_NUMBER_NAME: 'Main', D360_BASE_URL: fake.url });
    expect(run.stdout).toMatch(/^NUMBER\s+STATE\s+CODES\s+WHAT WE SAW\s+ESCALATE\?$/m);
    expect(run.stdout).toMatch(/^Main\s+HEALTHY\s+-\s+can send messages\s+no$/m);
    expect(run.status).toBe(0);
  });

  it('exits 1 and names the code and the verdict when a number is broken, without printing its key', async () => {
    fake.script('check-bad-key-123456', { status: 502, text: 'WhatsApp for Business API not available' });
    fake.script('check-good-key-123456', { json: HEALTHY_CLOUD });
    const numbers = 'numbers:\n  - name: Broken\n    apiKeyEnv: KEY_BROKEN\n  - name: Fine\n    apiKeyEnv: KEY_FINE\n';
    const run = await check(
      { KEY_BROKEN: 'check-bad-key-123456', KEY_FINE: 'check-good-key-123456', D360_BASE_URL: fake.url },
      { 'numbers.yml': numbers },
    );
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/^Broken\s+DOWN\s+502\s+.*yes, now$/m);
    expect(run.stdout).toMatch(/1 of 2 numbers need attention/);
    expect(run.stdout + run.stderr).not.toContain('check-bad-key-123456');
  });

  it('exits 2 on a configuration error', async () => {
    const run = await check({ D360_API_KEY: 'k-123456', POLL_CONCURRENCY: 'lots' });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^Cannot check: one setting needs attention:\n {2}- POLL_CONCURRENCY is "lots"/);
  });

  it('exits 2 when no number is configured', async () => {
    const run = await check({});
    expect(run.status).toBe(2);
    expect(run.stdout).toMatch(/No numbers configured/);
  });

  // A check that waited for the answer would never exit: the test's own timeout is the only bound needed.
  it('cannot be made to hang by a 360dialog that never answers', async () => {
    fake.script('check-hang-key-123456', { hang: true });
    const run = await check({ D360_API_KEY: 'check-hang-key-123456', D360_BASE_URL: fake.url, D360_TIMEOUT_MS: '500' });
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/UNKNOWN\s+timeout/);
  });

  it('prints no terminal escape sequence a 360dialog developer_message carries', async () => {
    const hostile = '\x1b]0;pwned\x07\x1b[2J\x1b[32mall numbers HEALTHY';
    fake.script('check-escape-key-123456', { status: 401, json: { meta: { httpCode: 401, developerMessage: hostile, success: false } } });
    const run = await check({ D360_API_KEY: 'check-escape-key-123456', WA_NUMBER_NAME: 'Main\x1b[8m', D360_BASE_URL: fake.url });
    expect(run.status).toBe(1);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: asserting their absence
    expect(run.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(run.stdout).toMatch(/^Main\s+DOWN\s+401\s+.*all numbers HEALTHY/m);
    expect(run.stdout).not.toContain('pwned');
  });
});
