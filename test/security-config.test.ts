import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCheckConfig, readStartConfig } from '../src/config/config.js';
import { ConfigError } from '../src/errors.js';
import { runMain } from './support/bot-process.js';
import { startWorld, type World } from './support/e2e.js';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/numbers/${name}`, import.meta.url), 'utf8');
const fromFile = (text: string | undefined) => ({ readFile: (path: string) => (path === 'numbers.yml' ? text : undefined) });
const SLACK = { SLACK_BOT_TOKEN: 'xoxb-config-test', SLACK_SIGNING_SECRET: 'config-signing-secret', SLACK_INCIDENT_CHANNEL: 'C0INCIDENTS' };

function problemsOf(read: () => unknown): readonly string[] {
  try {
    read();
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

describe('numbers.yml that is hostile YAML', () => {
  it('reports an alias bomb as a configuration problem naming the file', () => {
    const problems = problemsOf(() => readCheckConfig({}, fromFile(fixture('alias-bomb.yml'))));
    expect(problems).toEqual([expect.stringMatching(/^numbers\.yml is not valid YAML \(the whole file\): too many aliases/)]);
  });

  it('makes npm run check exit 2, not 1, on an alias bomb', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'wa-yaml-'));
    writeFileSync(join(cwd, 'numbers.yml'), fixture('alias-bomb.yml'));
    const run = await runMain(['check'], { cwd });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/numbers\.yml is not valid YAML/);
  });
});

describe('secrets with whitespace or control characters', () => {
  it.each(['key-with-newline-0123\n456', 'key with space 0123456', 'key-with-esc-\x1b0123456'])(
    'refuses an API key variable like %j, naming the variable and never the value',
    (key) => {
      const numbers = 'numbers:\n  - name: Support line\n    apiKeyEnv: D360_KEY_SUPPORT\n';
      const problems = problemsOf(() => readCheckConfig({ D360_KEY_SUPPORT: key }, fromFile(numbers)));
      expect(problems).toEqual([expect.stringMatching(/the variable D360_KEY_SUPPORT contains whitespace or a control character/)]);
      expect(problems.join()).not.toContain(key.slice(0, 12));
      expect(problemsOf(() => readCheckConfig({ D360_API_KEY: key }, fromFile(undefined)))).toEqual([
        expect.stringMatching(/^the variable D360_API_KEY contains whitespace/),
      ]);
    },
  );

  it('refuses the bot token, signing secret and app token with a line break in them', () => {
    const env = { ...SLACK, SLACK_BOT_TOKEN: 'xoxb-1\n2', SLACK_SIGNING_SECRET: 'sec\nret', SLACK_APP_TOKEN: 'xapp-1\r\n' };
    const problems = problemsOf(() => readStartConfig(env, fromFile(undefined)));
    for (const name of ['SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN', 'SLACK_SIGNING_SECRET'])
      expect(problems).toContainEqual(expect.stringMatching(new RegExp(`^${name} contains whitespace or a control character`)));
  });
});

describe('a numbers: list that is empty', () => {
  let world: World;
  beforeAll(async () => {
    world = await startWorld();
  });
  afterAll(() => world.close());

  it.each([
    ['all entries commented out', fixture('all-commented.yml')],
    ['an empty list', 'numbers: []\n'],
  ])('starts the bot answering /wa-error only (%s)', async (_, text) => {
    // The real process: that it starts (and stays up) on such a file is what only a process shows.
    const bot = await world.process({
      numbersYaml: text,
      dir: mkdtempSync(join(tmpdir(), 'wa-empty-')),
      started: /answering \/wa-error only/,
    });
    expect(bot.alive()).toBe(true);
    await bot.stop();
  });
});
