import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const root = new URL('..', import.meta.url).pathname;
const explain = (...args: string[]) =>
  spawnSync('node_modules/.bin/tsx', ['src/main.ts', 'explain', ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 20_000,
    env: { PATH: process.env.PATH ?? '' },
  });

describe('npm run explain', () => {
  it('prints the explanation of 2001 as plain text and exits 0', () => {
    const run = explain('2001');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^2001 /);
    expect(run.stdout).toMatch(/What to do\n {4}1\. /);
    expect(run.stdout).toMatch(/Escalation: No need to contact 360dialog/);
    expect(run.stdout).toMatch(/132001/);
    expect(run.stdout).not.toMatch(/[*<>]/);
  });

  it('exits 1 for an unknown code and says so', () => {
    const run = explain('99999');
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/99999 is not a documented 360dialog\/WhatsApp code/);
  });

  it('lists the codes when asked nothing', () => {
    const run = explain();
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/Usage:/);
    expect(run.stdout).toMatch(/131047/);
  });
});
