import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readCheckConfig } from '../src/config/config.js';
import { ConfigError } from '../src/errors.js';
import { readNumbers } from '../src/config/numbers.js';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/numbers/${name}`, import.meta.url), 'utf8');
const fromFile = (text: string | undefined) => ({ readFile: (path: string) => (path === 'numbers.yml' ? text : undefined) });

const KEYS = {
  D360_KEY_SUPPORT: 'key-support-0123456789',
  D360_KEY_SALES: 'key-sales-0123456789',
  D360_KEY_OTHER: 'key-other-0123456789',
  D360_KEY_OLD: 'key-old-0123456789',
};

function read(text: string | undefined, env: Record<string, string> = KEYS) {
  const problems: string[] = [];
  const numbers = readNumbers(env, fromFile(text), problems);
  return { numbers, problems };
}

describe('numbers.yml', () => {
  it('reads names, phones, APIs, channels and base URLs, with keys from the named variables', () => {
    const { numbers, problems } = read(fixture('good.yml'));
    expect(problems).toEqual([]);
    expect(numbers.map((n) => [n.name, n.api, n.baseUrl, n.channel])).toEqual([
      ['Support line', 'cloud', 'https://waba-v2.360dialog.io', 'C0SUPPORT1'],
      ['Legacy sales', 'onprem', 'https://onprem.example.test', undefined],
    ]);
    expect(numbers[0]?.apiKey.reveal()).toBe(KEYS.D360_KEY_SUPPORT);
    expect(JSON.stringify(numbers)).not.toContain(KEYS.D360_KEY_SUPPORT);
  });

  it('reports malformed YAML with its position', () => {
    expect(read(fixture('malformed.yml')).problems).toEqual([
      expect.stringMatching(/^numbers\.yml is not valid YAML \(line 4, column \d+\): .+README → Numbers/),
    ]);
  });

  it('reports every problem of a hostile file at once, naming entry and fix, and never a key', () => {
    const { problems } = read(fixture('hostile.yml'));
    expect(problems).toEqual([
      'numbers.yml entry 3 ("Old box") has api "onpremise": use cloud or onprem.',
      'numbers.yml entry 4 ("No key"): the variable D360_KEY_UNSET is not set: set it to the number\'s D360-API-KEY ' +
        '(360dialog Hub → the number → API key).',
      'numbers.yml entry 5 ("Key in file") has an unknown field "apiKey": allowed are name, phone, api, apiKeyEnv, ' +
        'channel, baseUrl, client, oncall, maintenance.',
      'numbers.yml entry 6 is not a mapping: give it name, api and apiKeyEnv.',
      'The number name "support line" is used twice: give every number its own name.',
    ]);
    const all = problems.join('\n');
    for (const key of Object.values(KEYS)) expect(all).not.toContain(key);
    expect(all).not.toContain('sk-should-never-be-here');
  });

  it('adds the single-number shortcut D360_API_KEY / WA_NUMBER_NAME', () => {
    const { numbers } = read(undefined, { D360_API_KEY: 'key-single-0123456789', WA_NUMBER_NAME: 'Main' });
    expect(numbers.map((n) => [n.name, n.api, n.apiKeyEnv])).toEqual([['Main', 'cloud', 'D360_API_KEY']]);
  });

  it('starts with zero numbers when there is no file and no shortcut', () => {
    expect(read(undefined, {})).toEqual({ numbers: [], problems: [] });
  });

  it('insists on a file named in WA_NUMBERS_FILE', () => {
    const problems: string[] = [];
    readNumbers({ WA_NUMBERS_FILE: 'missing.yml' }, fromFile(undefined), problems);
    expect(problems).toEqual([
      'WA_NUMBERS_FILE is "missing.yml", but there is no such file: create it (see README → Numbers) or unset the variable.',
    ]);
  });

  it('rejects a bad POLL_SCHEDULE and POLL_CONCURRENCY together', () => {
    try {
      readCheckConfig({ POLL_SCHEDULE: 'every minute', POLL_CONCURRENCY: '0' }, fromFile(undefined));
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems).toEqual([
        'POLL_SCHEDULE is "every minute", which is not a cron expression: use five fields (minute first) or six (second ' +
          'first), e.g. "*/5 * * * *".',
        'POLL_CONCURRENCY is "0": use a whole number from 1 to 1024 (default 16).',
      ]);
    }
  });

  it('keeps the name of the bot\'s own "Monitoring" card for itself', () => {
    expect(read(undefined, { D360_API_KEY: 'key-single-0123456789', WA_NUMBER_NAME: 'monitoring' }).problems).toEqual([
      'The number name "monitoring" is reserved for the bot\'s own "monitoring degraded" card: choose another name.',
    ]);
  });
});
