import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCheckConfig, readStartConfig } from '../src/config/config.js';
import { ConfigError } from '../src/errors.js';
import { type FakeSlack, startFakeSlack } from './fakes/slack-api.js';
import { freePort, startBot } from './support/bot-process.js';

const root = new URL('..', import.meta.url).pathname;
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

  it('makes npm run check exit 2, not 1, on an alias bomb', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'wa-yaml-'));
    writeFileSync(join(cwd, 'numbers.yml'), fixture('alias-bomb.yml'));
    const run = spawnSync(join(root, 'node_modules/.bin/tsx'), [join(root, 'src/main.ts'), 'check'], {
      cwd,
      env: { PATH: process.env.PATH ?? '' },
      encoding: 'utf8',
      timeout: 20_000,
    });
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
  let slack: FakeSlack;
  beforeAll(async () => {
    slack = await startFakeSlack();
  });
  afterAll(() => slack.close());

  it.each([
    ['all entries commented out', fixture('all-commented.yml')],
    ['an empty list', 'numbers: []\n'],
  ])(
    'starts the bot answering /wa-error only (%s)',
    async (_, text) => {
      const dir = mkdtempSync(join(tmpdir(), 'wa-empty-'));
      writeFileSync(join(dir, 'numbers.yml'), text);
      const bot = startBot(
        { ...SLACK, SLACK_API_URL: slack.apiUrl, PORT: String(await freePort()), STORE_URL: `sqlite://${join(dir, 'store.sqlite')}` },
        dir,
      );
      try {
        await bot.waitFor(/answering \/wa-error only/, 20_000);
      } finally {
        await bot.stop();
      }
    },
    30_000,
  );
});
