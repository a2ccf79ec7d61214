import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMain } from './support/bot-process.js';

/** `npm run explain -- …` in an empty directory: the exit code and stdout a person sees. */
const explain = (...args: string[]) => runMain(['explain', ...args], { cwd: mkdtempSync(join(tmpdir(), 'wa-explain-')) });

describe('npm run explain', () => {
  it('prints the explanation of 2001 as plain text and exits 0', async () => {
    const run = await explain('2001');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^2001 /);
    expect(run.stdout).toMatch(/What to do\n {4}1\. /);
    expect(run.stdout).toMatch(/Escalation: No need to contact 360dialog/);
    expect(run.stdout).toMatch(/132001/);
    expect(run.stdout).not.toMatch(/[*<>]/);
  });

  it('exits 1 for an unknown code and says so, with what its range suggests', async () => {
    const run = await explain('136024');
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/136024 is not documented by Meta or 360dialog\. Its range suggests 136xxx/);
  });

  it('explains every error of a pasted webhook and says where each came from', async () => {
    const paste = readFileSync(new URL('./fixtures/pastes/cloud-webhook.json', import.meta.url), 'utf8');
    const run = await explain(paste);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^4 errors in the pasted payload/);
    expect(run.stdout).toMatch(
      /131050 User stopped marketing messages from your business — status of message wamid\.\S+ to \+4915112345678/,
    );
    for (const code of ['131047', '131016', '131051']) expect(run.stdout).toContain(code);
  });

  it('answers words that contain quantities instead of calling the numbers unknown codes', async () => {
    const run = await explain('outside', '24', 'hours');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^131047 /);
  });

  it('lists the codes when asked nothing', async () => {
    const run = await explain();
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/Usage:/);
    expect(run.stdout).toMatch(/131047/);
  });
});
