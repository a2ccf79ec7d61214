/**
 * The one end-to-end harness. A test describes a bot once — the variables main.ts reads and a
 * numbers file in a working directory of its own, pointed at the fakes — and starts that description
 * either in this process (createBot, as main.ts builds it) or as the real process (`src/main.ts start`).
 * In-process is the default: passes and ticks run when the test calls them. The real process is for
 * what only a process shows: signals, kill -9, start-up and exit, what reaches stdout and stderr.
 *
 * Waiting is on events: `until` polls a predicate (a card posted, a log line, an empty outbox) and
 * asserts nothing about time; its guard only turns a hang into a failure with a reason.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { type Bot, type BotDeps, createBot } from '../../src/bot.js';
import { readStartConfig } from '../../src/config/config.js';
import type { NumberRecord } from '../../src/core/records.js';
import { openStore, type Store } from '../../src/store/open.js';
import { createLogger } from '../../src/telemetry/log.js';
import { type FakeD360, startFakeD360 } from '../fakes/d360.js';
import { type FakeSlack, startFakeSlack } from '../fakes/slack-api.js';
import { type BotProcess, freePort, startBot } from './bot-process.js';
import { BOT_TOKEN, SIGNING_SECRET } from './slack-app.js';
import { until } from './until.js';

export { HANG_GUARD_MS, tail, until } from './until.js';

/** One configured number: its name, the variable that holds its key, and the key (which selects its script on the fake 360dialog). */
export interface Line {
  readonly name: string;
  readonly keyEnv: string;
  readonly key: string;
  /** More fields of its numbers.yml entry, as YAML (`phone: "+49 30 1234567"`). */
  readonly extra?: readonly string[];
}

/** `count` numbers named `Line 0` … (or `prefix N`), each with its own key variable. */
export function lines(count: number, tag: string, prefix = 'Line', pad = 0): Line[] {
  return Array.from({ length: count }, (_, i) => ({
    name: `${prefix} ${String(i).padStart(pad, '0')}`,
    keyEnv: `D360_KEY_${i}`,
    key: `${tag}-key-${i}-0123456789`,
  }));
}

/** numbers.yml for these numbers, each asking `baseUrl` (when given) */
export function numbersYaml(numbers: readonly Line[], baseUrl?: string): string {
  const entry = (n: Line) =>
    [
      `  - name: ${n.name}`,
      `    apiKeyEnv: ${n.keyEnv}`,
      ...(baseUrl ? [`    baseUrl: ${baseUrl}`] : []),
      ...(n.extra ?? []).map((f) => `    ${f}`),
    ]
      .map((l) => `${l}\n`)
      .join('');
  return `numbers:\n${numbers.map(entry).join('')}`;
}

/** The variables that hold the numbers' keys. */
function keysOf(numbers: readonly Line[]): Record<string, string> {
  return Object.fromEntries(numbers.map((n) => [n.keyEnv, n.key]));
}

/** What starts a bot, in-process or as a process: every variable it reads, and its working directory. */
export interface BotSetup {
  readonly env: Readonly<Record<string, string>>;
  /** numbers.yml (when there is one) and, by default, the SQLite store live here. */
  readonly dir: string;
}

export interface SetupOptions {
  /** Numbers written to numbers.yml, asking the fake 360dialog; their keys go into the variables. */
  readonly numbers?: readonly Line[];
  /** numbers.yml as text, instead of `numbers`. */
  readonly numbersYaml?: string;
  /** More variables; they win over the defaults. */
  readonly env?: Record<string, string>;
  /** A working directory to use again (a restart finds its store there); a new one by default. */
  readonly dir?: string;
}

/**
 * The variables of a bot pointed at the fakes: Slack's Web API, the HTTP receiver's signing secret, a
 * SQLite store in `dir`, debug logs, no status page, and polls only when the test runs them (once a year).
 */
export function botEnv(slack: FakeSlack, dir: string, more: Record<string, string> = {}): Record<string, string> {
  return {
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_INCIDENT_CHANNEL: 'C0INCIDENTS',
    SLACK_API_URL: slack.apiUrl,
    STORE_URL: `sqlite://${join(dir, 'store.sqlite')}`,
    POLL_SCHEDULE: '0 0 1 1 *',
    D360_STATUS_URL: 'off',
    LOG_LEVEL: 'debug',
    ...more,
  };
}

/** What the test can ask of either kind of bot. */
export interface RunningBot {
  /** http://127.0.0.1:PORT: /slack/events, /webhooks/360dialog, /readyz, /metrics. */
  readonly url: string;
  /** Everything it logged (a process: its stdout and stderr). */
  output(): string;
  /** Resolves once the log matches `pattern`. */
  waitFor(pattern: RegExp): Promise<void>;
  /** GET /readyz's status; 0 when the bot does not answer at all. */
  ready(): Promise<number>;
  /** Slack effects waiting in its outbox, read from its store; undefined when the store cannot be read. */
  outbox(): Promise<number | undefined>;
  /** Resolves once nothing waits for Slack: every effect queued so far was delivered or dropped. */
  settled(): Promise<void>;
  stop(): Promise<void>;
}

export interface InProcessBot extends RunningBot {
  readonly bot: Bot;
  /** The log, one line an entry. */
  readonly logs: string[];
  /** Runs poll passes, as the schedule would, each delivered to the end, until `done` holds. */
  passUntil(what: string, done: () => boolean | Promise<boolean>): Promise<void>;
  /** Runs ticks (webhook windows, held cards, time-based rules), as the 30-second schedule would, until `done` holds. */
  tickUntil(what: string, done: () => boolean | Promise<boolean>): Promise<void>;
}

export interface ProcessBot extends RunningBot {
  readonly process: BotProcess;
  /** SIGKILL: no shutdown code runs, like a crash or an OOM kill. */
  kill9(): Promise<void>;
  /** Whether the process is still running. */
  alive(): boolean;
}

const readyOf = (url: string) =>
  fetch(`${url}/readyz`, { signal: AbortSignal.timeout(10_000) }).then(
    (r) => r.status,
    () => 0,
  );

/**
 * Counts the effects waiting in every record's outbox, read from the bot's store through a connection
 * of the test's own (SQLite in WAL mode and Redis both take a second reader): the store is the truth a
 * process and a restart share. /metrics would not do: its outbox gauge is cached for seconds.
 */
function outboxReader(storeUrl: string) {
  if (storeUrl.startsWith('memory:')) return undefined;
  let store: Promise<Store> | undefined;
  return {
    async count(): Promise<number | undefined> {
      try {
        store ??= openStore(storeUrl, { log: () => {} });
        let items = 0;
        // A malformed row (a test may plant one) holds nothing the bot would deliver.
        for await (const page of (await store).records<Partial<NumberRecord>>('number').entries())
          for (const [, r] of page) items += Array.isArray(r?.outbox) ? r.outbox.length : 0;
        return items;
      } catch {
        return undefined;
      }
    },
    close: async () => {
      await (await store)?.close().catch(() => {});
    },
  };
}

function common(url: string, storeUrl: string, output: () => string, alive: () => boolean) {
  const reader = outboxReader(storeUrl);
  return {
    url,
    output,
    async waitFor(pattern: RegExp) {
      await until(
        () => {
          if (pattern.test(output())) return true;
          if (!alive()) throw new Error(`the bot stopped before it logged ${pattern}; its log:\n${output()}`);
          return false;
        },
        `the bot logs ${pattern}`,
        { context: output },
      );
    },
    ready: () => readyOf(url),
    outbox: async () => reader?.count(),
    async settled() {
      if (!reader) throw new Error(`settled() reads the store, and ${storeUrl} cannot be shared: use SQLite or Redis`);
      await until(async () => (await reader.count()) === 0, 'the outbox empties', { context: output });
    },
    closeReader: () => reader?.close(),
  };
}

/**
 * The bot in this process, built exactly as main.ts builds it from the same variables and numbers
 * file (relative paths read in `setup.dir`), on an ephemeral port. Its schedules run as configured;
 * by default (botEnv) polls run only when the test calls `bot.runPass()`.
 */
export async function startInProcess(setup: BotSetup, deps: Omit<BotDeps, 'logger'> = {}): Promise<InProcessBot> {
  const at = (path: string) => (isAbsolute(path) ? path : join(setup.dir, path));
  const config = readStartConfig(
    { PORT: '0', ...setup.env },
    { readFile: (path) => (existsSync(at(path)) ? readFileSync(at(path), 'utf8') : undefined) },
  );
  const logs: string[] = [];
  const logger = createLogger({ level: config.logLevel, format: config.logFormat, secrets: config.secrets, write: (l) => logs.push(l) });
  const bot = await createBot(config, { logger, ...deps });
  const { port } = await bot.start();
  let stopped: Promise<void> | undefined;
  const output = () => logs.join('\n');
  const { closeReader, ...shared } = common(`http://127.0.0.1:${port}`, config.storeUrl, output, () => stopped === undefined);
  const stepUntil = (step: () => Promise<void>) => (what: string, done: () => boolean | Promise<boolean>) =>
    until(
      async () => {
        await step();
        await shared.settled();
        return done();
      },
      what,
      { context: output },
    ).then(() => undefined);
  return {
    ...shared,
    bot,
    logs,
    passUntil: stepUntil(() => bot.runPass()),
    tickUntil: stepUntil(() => bot.tick()),
    stop: () => {
      stopped ??= bot.stop().finally(closeReader);
      return stopped;
    },
  };
}

/**
 * The real bot, `src/main.ts start`, with exactly these variables (and PATH) in `setup.dir`; resolves
 * once it has started. `onSpawn` learns of the process before then, so a start that fails leaves none behind.
 */
async function startProcess(setup: BotSetup, options: { started?: RegExp; onSpawn?: (bot: ProcessBot) => void } = {}): Promise<ProcessBot> {
  const port = setup.env.PORT ?? String(await freePort());
  const child = startBot({ ...setup.env, PORT: port }, setup.dir);
  const alive = () => child.child.exitCode === null && child.child.signalCode === null;
  const { closeReader, ...shared } = common(`http://127.0.0.1:${port}`, setup.env.STORE_URL ?? '', child.output, alive);
  const bot: ProcessBot = {
    ...shared,
    process: child,
    alive,
    kill9: () => child.kill9().finally(closeReader),
    stop: () => child.stop().finally(closeReader),
  };
  options.onSpawn?.(bot);
  await bot.waitFor(options.started ?? /watching \d+ number|answering \/wa-error only/);
  return bot;
}

/** Whether a replica's log says it took the lease (and has not said it lost it since). */
export function leads(bot: RunningBot): boolean {
  const out = bot.output();
  return out.lastIndexOf('leading (fencing token') > out.lastIndexOf('lost leadership');
}

/** The fakes one test talks to, a working directory, and every bot started in it (stopped by `close`). */
export interface World {
  readonly slack: FakeSlack;
  readonly d360: FakeD360;
  /** The working directory of the bots started without their own. */
  readonly dir: string;
  /** The description of a bot here: the fakes' URLs, numbers.yml written into its directory. */
  setup(options?: SetupOptions): BotSetup;
  inProcess(options?: SetupOptions, deps?: Omit<BotDeps, 'logger'>): Promise<InProcessBot>;
  process(options?: SetupOptions & { started?: RegExp }): Promise<ProcessBot>;
  /** Stops every bot started here, then the fakes. */
  close(): Promise<void>;
}

export async function startWorld(): Promise<World> {
  const [slack, d360] = await Promise.all([startFakeSlack(), startFakeD360()]);
  const dir = mkdtempSync(join(tmpdir(), 'wa-e2e-'));
  const bots: RunningBot[] = [];
  const setup = (options: SetupOptions = {}): BotSetup => {
    const where = options.dir ?? dir;
    const yaml = options.numbersYaml ?? (options.numbers ? numbersYaml(options.numbers, d360.url) : undefined);
    if (yaml !== undefined) writeFileSync(join(where, 'numbers.yml'), yaml);
    return { dir: where, env: botEnv(slack, where, { ...keysOf(options.numbers ?? []), ...options.env }) };
  };
  const track = <B extends RunningBot>(bot: B): B => {
    bots.push(bot);
    return bot;
  };
  return {
    slack,
    d360,
    dir,
    setup,
    inProcess: async (options, deps) => track(await startInProcess(setup(options), deps)),
    process: (options = {}) => startProcess(setup(options), { ...options, onSpawn: (bot) => void bots.push(bot) }),
    async close() {
      await Promise.all(bots.splice(0).map((b) => b.stop()));
      await Promise.all([slack.close(), d360.close()]);
    },
  };
}
