import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readCheckConfig, readStartConfig } from '../src/config/config.js';
import type { Env } from '../src/config/env.js';

const root = new URL('..', import.meta.url).pathname;
const read = (file: string) => readFileSync(`${root}${file}`, 'utf8');

/** Every variable name configuration asks the environment for, over configurations that take each branch. */
function variablesRead(): Set<string> {
  const asked = new Set<string>();
  const spy = (env: Record<string, string>): Env =>
    new Proxy(env, {
      get(target, key) {
        if (typeof key !== 'string') return undefined;
        asked.add(key);
        return target[key];
      },
    });
  const base = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_INCIDENT_CHANNEL: 'C0123456789', D360_API_KEY: 'k-0123456789' };
  const variants: Record<string, string>[] = [
    base,
    { ...base, SLACK_APP_TOKEN: 'xapp-1' },
    { ...base, SLACK_SIGNING_SECRET: 'secret', STORE_URL: 'redis://127.0.0.1:6379' },
    { ...base, D360_PARTNER_API_KEY: 'p-0123456789', D360_PARTNER_ID: 'partner' },
    { ...base, D360_API_KEY: '', WA_NUMBERS_FILE: 'numbers.yml' },
  ];
  const numbers = { readFile: () => 'numbers:\n  - { name: A, apiKeyEnv: KEY_A }\n' };
  for (const env of variants) {
    for (const readConfig of [readStartConfig, readCheckConfig]) {
      try {
        readConfig(spy(env), numbers);
      } catch {
        // A configuration error still read what it needed to say so.
      }
    }
  }
  // Names a numbers file points at (apiKeyEnv) are the operator's, not ours.
  asked.delete('KEY_A');
  return new Set([...asked].filter((name) => /^[A-Z][A-Z0-9_]+$/.test(name)));
}

describe('the documentation', () => {
  it("lists every variable the configuration reads in README's configuration table and in .env.example", () => {
    const readme = read('README.md');
    const table = readme.slice(readme.indexOf('## Configuration'), readme.indexOf('\n## ', readme.indexOf('## Configuration') + 1));
    const example = read('.env.example');
    const names = [...variablesRead()];
    expect(names.length).toBeGreaterThan(25);
    expect(names.filter((name) => !new RegExp(`^\\|[^|\\n]*\`${name}\``, 'm').test(table))).toEqual([]);
    expect(names.filter((name) => !new RegExp(`^#? ?${name}=`, 'm').test(example))).toEqual([]);
  });

  it("names only paths that exist in CONTRIBUTING's folder map", () => {
    const text = read('CONTRIBUTING.md');
    const map = text.slice(text.indexOf('```', text.indexOf('## Folder map')) + 3);
    const block = map.slice(0, map.indexOf('```'));
    const paths = [...block.matchAll(/^((?:src|test|bench|scripts)\/\S*)/gm)].map((m) => m[1] as string);
    expect(paths.length).toBeGreaterThan(10);
    expect(paths.filter((path) => !existsSync(`${root}${path}`))).toEqual([]);
  });
});
