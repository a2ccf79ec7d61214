/**
 * The composition root and CLI: `start` runs the bot, `explain` answers offline, `check` polls once.
 * The only module that reads process.env; it maps errors to exit codes and handles signals. bot.ts builds the bot.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createBot } from './bot.js';
import { explain } from './catalog/lookup.js';
import { runCheck } from './cli/check.js';
import { codeListPlain } from './cli/code-list-text.js';
import { explainText, isUnknown } from './cli/explain-text.js';
import { safeForTerminal } from './cli/terminal.js';
import { readCheckConfig, readStartConfig } from './config/config.js';
import type { Env } from './config/env.js';
import { createD360Client } from './d360/client.js';
import { ConfigError, isBotError } from './errors.js';
import { createLogger } from './telemetry/log.js';
import type { NumbersSource } from './config/numbers.js';

const files: NumbersSource = { readFile: (path) => (existsSync(path) ? readFileSync(path, 'utf8') : undefined) };

const USAGE = `Usage:
  npm start                         run the bot (reads .env)
  npm run explain -- <code|words>   explain an error code offline, e.g. npm run explain -- 2001
  npm run check                     poll every number once and print a table`;

const STOP_BUDGET_MS = 8_000;

async function start(env: Env): Promise<number> {
  const config = readStartConfig(env, files);
  const logger = createLogger({ level: config.logLevel, format: config.logFormat, secrets: config.secrets });
  if (config.logFormat === 'json') {
    // Node prints its own warnings (deprecations) as plain text; in JSON mode they become log lines too.
    process.removeAllListeners('warning');
    process.on('warning', (warning) => logger.child('node').warn(warning));
  }
  // The last resort: a rejection nobody awaited is a bug to log, not a reason for a bot on call to stop.
  process.on('unhandledRejection', (reason) => logger.error('a promise failed and nothing handled it; the bot keeps running', reason));
  const bot = await createBot(config, { logger });
  try {
    await bot.start();
  } catch (error) {
    // Port taken, token refused, Slack unreachable: each says so, with its own fix.
    if (!isBotError(error) || !error.code.startsWith('SLACK_START')) throw error;
    logger.error(`could not start: ${error.message}`, error.cause ?? '');
    return 1;
  }

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal}: stopping`);
    // Container runtimes kill after 10 s: whatever still hangs (a Slack or 360dialog call) is left
    // to the store, which keeps every undelivered effect for the next start.
    setTimeout(() => {
      logger.warn('stopping took longer than 8 s: exiting now; undelivered Slack updates stay in the store');
      process.exit(0);
    }, STOP_BUDGET_MS).unref();
    await bot.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  return await new Promise<number>(() => {});
}

async function check(env: Env): Promise<number> {
  const config = readCheckConfig(env, files);
  return runCheck({
    numbers: config.numbers,
    client: createD360Client({ timeoutMs: config.d360TimeoutMs }),
    concurrency: config.pollConcurrency,
    write: (text) => process.stdout.write(text),
  });
}

function runExplain(args: readonly string[]): number {
  const explanation = explain(args.join(' '));
  if (explanation.kind === 'empty') {
    process.stdout.write(`${USAGE}\n\n${codeListPlain()}\n`);
    return 0;
  }
  process.stdout.write(safeForTerminal(explainText(explanation)));
  return isUnknown(explanation) ? 1 : 0;
}

async function main(argv: readonly string[], env: Env): Promise<number> {
  const [command = 'start', ...args] = argv;
  switch (command) {
    case 'start':
      return start(env);
    case 'check':
      return check(env);
    case 'explain':
      return runExplain(args);
    default:
      process.stderr.write(safeForTerminal(`Unknown command "${command}".\n${USAGE}\n`));
      return 2;
  }
}

// .env is optional: variables already in the environment win over it.
if (existsSync('.env')) process.loadEnvFile('.env');

/** A last word before exiting: in JSON mode one JSON line (escaped by the logger), else text safe for a terminal. */
function fatal(text: string): void {
  if (process.env.LOG_FORMAT?.trim().toLowerCase() === 'json') createLogger({ format: 'json' }).error(text);
  else process.stderr.write(safeForTerminal(`${text}\n`));
}

main(process.argv.slice(2), process.env).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof ConfigError) {
      // Problems may quote values from numbers.yml or the environment: no terminal escapes get through.
      fatal(error.message);
      process.exit(2);
    }
    fatal(`wa-health-bot failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
