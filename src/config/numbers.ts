import { parseDocument } from 'yaml';
import { isChannelId } from './channel-id.js';
import { readClients } from './clients.js';
import { parseMaintenance, type ScheduledWindow } from './maintenance.js';
import { parseOncall } from './oncall.js';
import type { Env } from './env.js';
import { Secret } from './secret.js';
import { readSimpleNumbersYaml } from './simple-numbers-yaml.js';

/** One WhatsApp Business number to watch. */
export interface WaNumber {
  /** Unique; shown in Slack. */
  readonly name: string;
  readonly phone?: string;
  readonly api: 'cloud' | 'onprem';
  /** The env variable that holds the key: named in messages instead of the key. */
  readonly apiKeyEnv: string;
  readonly apiKey: Secret;
  /** Overrides SLACK_INCIDENT_CHANNEL for this number's incidents (else the client's channel, if it has one). */
  readonly channel?: string;
  /** A name for routing and grouping; `clients:` in the file can give it a channel. */
  readonly client?: string;
  readonly baseUrl: string;
  /** Mentioned when an incident opens or escalates: the number's `oncall:` plus SLACK_ONCALL, validated ids. */
  readonly oncall?: readonly string[];
  /** numbers.yml `maintenance:`: windows during which its incidents are muted. */
  readonly maintenance?: readonly ScheduledWindow[];
}

export const DEFAULT_BASE_URLS = {
  cloud: 'https://waba-v2.360dialog.io',
  onprem: 'https://waba.360dialog.io',
} as const;

export const DEFAULT_NUMBERS_FILE = 'numbers.yml';

/** The pseudo-number whose incident is "monitoring degraded": no configured number may take its name. */
export const MONITORING = 'Monitoring';

export interface NumbersSource {
  /** Reads a file; undefined when it does not exist. */
  readonly readFile: (path: string) => string | undefined;
}

/** Longest alias expansion accepted in numbers.yml: a real file has none, a "billion laughs" file has millions. */
const MAX_ALIAS_COUNT = 50;

/** Whitespace or a control character anywhere: never part of a key or token, always a paste accident (or worse). */
export function hasWhitespaceOrControl(value: string): boolean {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
  return /[\s\u0000-\u001f\u007f-\u009f]/.test(value);
}

/** Refuses a key variable that holds whitespace or control characters, naming the variable, never the value. */
function keyShapeProblem(name: string, value: string, where: string): string | undefined {
  return hasWhitespaceOrControl(value)
    ? `${where}the variable ${name} contains whitespace or a control character (a line break?): set it to the key alone.`
    : undefined;
}

const KEYS = new Set(['name', 'phone', 'api', 'apiKeyEnv', 'channel', 'baseUrl', 'client', 'oncall', 'maintenance']);
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

function baseUrls(env: Env, problems: string[]) {
  const pick = (name: string, fallback: string) => {
    const raw = env[name]?.trim() || fallback;
    if (!/^https?:\/\/[^\s/]+/.test(raw)) problems.push(`${name} is "${raw}": use an http(s) URL (default ${fallback}).`);
    return raw.replace(/\/+$/, '');
  };
  return { cloud: pick('D360_BASE_URL', DEFAULT_BASE_URLS.cloud), onprem: pick('D360_ONPREM_BASE_URL', DEFAULT_BASE_URLS.onprem) };
}

/**
 * The numbers to watch: those of WA_NUMBERS_FILE plus the single-number shortcut (D360_API_KEY).
 * Problems are pushed, each naming the file, the entry and the fix; no key value ever appears in them.
 */
export function readNumbers(env: Env, source: NumbersSource, problems: string[]): WaNumber[] {
  const bases = baseUrls(env, problems);
  const numbers: WaNumber[] = [];
  const explicitFile = env.WA_NUMBERS_FILE?.trim();
  const file = explicitFile || DEFAULT_NUMBERS_FILE;
  const text = source.readFile(file);

  if (text === undefined) {
    if (explicitFile)
      problems.push(`WA_NUMBERS_FILE is "${file}", but there is no such file: create it (see README → Numbers) or unset the variable.`);
  } else {
    numbers.push(...parseNumbersFile(file, text, env, bases, problems));
  }

  const shortcutKey = env.D360_API_KEY?.trim();
  const shortcutProblem = shortcutKey ? keyShapeProblem('D360_API_KEY', env.D360_API_KEY ?? '', '') : undefined;
  if (shortcutProblem) problems.push(shortcutProblem);
  else if (shortcutKey) {
    const name = env.WA_NUMBER_NAME?.trim() || 'WhatsApp number';
    numbers.push({ name, api: 'cloud', apiKeyEnv: 'D360_API_KEY', apiKey: new Secret(shortcutKey), baseUrl: bases.cloud });
  } else if (env.WA_NUMBER_NAME?.trim()) {
    problems.push(
      'WA_NUMBER_NAME is set but D360_API_KEY is not: set the key of that number (360dialog Hub → the number → API key), ' +
        'or unset WA_NUMBER_NAME.',
    );
  }

  // Everyone on SLACK_ONCALL is pinged for every number, after the number's own people.
  const everywhere = parseOncall(env.SLACK_ONCALL, 'SLACK_ONCALL', problems);
  const withOncall = numbers.map((n) => {
    const oncall = [...new Set([...(n.oncall ?? []), ...everywhere])];
    return oncall.length > 0 ? { ...n, oncall } : n;
  });
  const seen = new Set<string>();
  for (const n of withOncall) {
    if (n.name.toLowerCase() === MONITORING.toLowerCase())
      problems.push(`The number name "${n.name}" is reserved for the bot's own "monitoring degraded" card: choose another name.`);
    const key = n.name.toLowerCase();
    if (seen.has(key)) problems.push(`The number name "${n.name}" is used twice: give every number its own name.`);
    seen.add(key);
  }
  return withOncall;
}

/**
 * The file's YAML as plain data, or undefined after pushing a problem naming the file. Any failure
 * counts, an alias bomb's included; the parsed document is dropped here, only plain values leave.
 */
function readYaml(file: string, text: string, problems: string[]): { data: unknown } | undefined {
  const invalid = (where: string, message: string) =>
    problems.push(`${file} is not valid YAML (${where}): ${message}. Fix the file; README → Numbers shows the format.`);
  const simple = readSimpleNumbersYaml(text);
  if (simple) return { data: simple };
  try {
    const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
    if (doc.errors.length > 0) {
      for (const error of doc.errors.slice(0, 3)) {
        const where = error.linePos?.[0] ? `line ${error.linePos[0].line}, column ${error.linePos[0].col}` : 'unknown position';
        invalid(where, error.message.split('\n')[0] ?? '');
      }
      return undefined;
    }
    return { data: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) as unknown };
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    invalid('the whole file', /alias/i.test(message ?? '') ? `too many aliases (${MAX_ALIAS_COUNT} at most)` : (message ?? 'unreadable'));
    return undefined;
  }
}

/**
 * Long on purpose: numbers.yml's checks read top to bottom, one entry field after another, each problem said with
 * the entry's name; cut up, the order of the checks (and so the order of the problems) would be harder to see.
 */
function parseNumbersFile(file: string, text: string, env: Env, bases: Record<'cloud' | 'onprem', string>, problems: string[]): WaNumber[] {
  const read = readYaml(file, text, problems);
  if (!read) return [];
  const data = read.data;
  if (data === null || data === undefined) return [];
  if (typeof data !== 'object' || Array.isArray(data) || !('numbers' in data)) {
    problems.push(`${file} must have a top-level "numbers:" list (README → Numbers shows the format).`);
    return [];
  }
  // `numbers:` with every entry commented out reads as null: no numbers, like an empty list.
  const list = (data as { numbers?: unknown }).numbers ?? [];
  if (!Array.isArray(list)) {
    problems.push(`${file} must have a top-level "numbers:" list (README → Numbers shows the format).`);
    return [];
  }

  const clients = readClients(file, (data as { clients?: unknown }).clients, problems);
  const out: WaNumber[] = [];
  list.forEach((raw: unknown, i: number) => {
    const entry = `${file} entry ${i + 1}`;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      problems.push(`${entry} is not a mapping: give it name, api and apiKeyEnv.`);
      return;
    }
    const r = raw as Record<string, unknown>;
    const str = (key: string) => (typeof r[key] === 'string' || typeof r[key] === 'number' ? String(r[key]).trim() : undefined);
    const name = str('name');
    const label = name ? `${entry} ("${name}")` : entry;
    const before = problems.length;

    for (const key of Object.keys(r))
      if (!KEYS.has(key)) problems.push(`${label} has an unknown field "${key}": allowed are ${[...KEYS].join(', ')}.`);
    if (!name) problems.push(`${label} has no name: add name: <what Slack should call it>.`);
    const api = str('api') ?? 'cloud';
    if (api !== 'cloud' && api !== 'onprem') problems.push(`${label} has api "${api}": use cloud or onprem.`);
    const apiKeyEnv = str('apiKeyEnv');
    let apiKey: string | undefined;
    if (!apiKeyEnv)
      problems.push(`${label} has no apiKeyEnv: name the environment variable that holds its D360-API-KEY (keys never go in the file).`);
    else if (!ENV_NAME.test(apiKeyEnv))
      problems.push(`${label} has apiKeyEnv "${apiKeyEnv}", which is not a variable name: use letters, digits and _.`);
    else {
      apiKey = env[apiKeyEnv]?.trim();
      const shape = apiKey ? keyShapeProblem(apiKeyEnv, env[apiKeyEnv] ?? '', `${label}: `) : undefined;
      if (!apiKey)
        problems.push(
          `${label}: the variable ${apiKeyEnv} is not set: set it to the number's D360-API-KEY (360dialog Hub → the number → API key).`,
        );
      else if (shape) problems.push(shape);
    }
    const client = str('client');
    // Routing by client: a number's own channel wins, then its client's.
    const channel = str('channel') ?? (client ? clients.get(client.toLowerCase()) : undefined);
    if (channel !== undefined && !isChannelId(channel))
      problems.push(`${label} has channel "${channel}": use a channel ID like C0123456789.`);
    const baseUrl = str('baseUrl');
    if (baseUrl !== undefined && !/^https?:\/\/[^\s/]+/.test(baseUrl))
      problems.push(`${label} has baseUrl "${baseUrl}": use an http(s) URL.`);

    const oncall = parseOncall(r.oncall, `${label} oncall`, problems);
    const maintenance = parseMaintenance(r.maintenance, label, problems);
    if (problems.length > before || !name || !apiKeyEnv || !apiKey) return;
    const phone = str('phone');
    out.push({
      name,
      ...(phone ? { phone } : {}),
      api: api as WaNumber['api'],
      apiKeyEnv,
      apiKey: new Secret(apiKey),
      ...(channel ? { channel } : {}),
      ...(client ? { client } : {}),
      baseUrl: (baseUrl ?? bases[api as WaNumber['api']]).replace(/\/+$/, ''),
      ...(oncall.length > 0 ? { oncall } : {}),
      ...(maintenance.length > 0 ? { maintenance } : {}),
    });
  });
  return out;
}
