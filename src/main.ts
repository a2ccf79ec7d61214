/**
 * The composition root and CLI: `start` runs the bot, `explain` answers offline, `check` polls once.
 * The only module that reads process.env; it wires config → store → monitor → Slack.
 */
import { existsSync, readFileSync } from 'node:fs';
import { explain } from './catalog/lookup.js';
import { runCheck } from './cli/check.js';
import { codeListPlain } from './cli/code-list-text.js';
import { explainText, isUnknown } from './cli/explain-text.js';
import { safeForTerminal } from './cli/terminal.js';
import { readCheckConfig, readStartConfig } from './config/config.js';
import type { Env } from './config/env.js';
import { ConfigError } from './errors.js';
import { createD360Client } from './d360/client.js';
import { createLogger } from './telemetry/log.js';
import { createPoller } from './monitor/poller.js';
import type { NumberRecord } from './core/records.js';
import { createScheduler } from './monitor/scheduler.js';
import { createMonitor } from './monitor/service.js';
import type { NumbersSource } from './config/numbers.js';
import { createSlackApp } from './slack/app.js';
import { createNotifier } from './slack/notifier.js';
import { createStore } from './store/kv.js';
import { createRecordStore } from './store/record-store.js';
import { healthRoute } from './http/healthz.js';
import { metricsRoute } from './http/metrics-route.js';
import { createMetrics } from './telemetry/metrics.js';
import type { HttpRoute } from './http/route.js';
import { createWebhookIngest } from './webhooks/ingest.js';
import { WEBHOOK_PATH, webhookRoute } from './webhooks/receiver.js';

const files: NumbersSource = { readFile: (path) => (existsSync(path) ? readFileSync(path, 'utf8') : undefined) };

const USAGE = `Usage:
  npm start                         run the bot (reads .env)
  npm run explain -- <code|words>   explain an error code offline, e.g. npm run explain -- 2001
  npm run check                     poll every number once and print a table`;

/** Time-based rules (1014 for 10 minutes) and reminders are looked at this often between polls. */
const TICK_SCHEDULE = '*/30 * * * * *';

async function start(env: Env): Promise<number> {
  const config = readStartConfig(env, files);
  const logger = createLogger({ level: config.logLevel, secrets: config.secrets });
  const metrics = createMetrics();
  metrics.set('wa_health_numbers', config.numbers.length);
  const kv = await createStore(config.storeUrl);
  const records = createRecordStore<NumberRecord>(kv, 'number');
  // Created first, fed last: the poller teaches it phone number ids, the monitor takes its observations.
  const webhooks = config.webhookSecret
    ? createWebhookIngest({ numbers: config.numbers, logger: logger.child('webhook'), observe: (o) => monitor.ingest(o), metrics })
    : undefined;
  const poller = createPoller({
    numbers: config.numbers,
    client: createD360Client({ timeoutMs: config.d360TimeoutMs }),
    concurrency: config.pollConcurrency,
    logger: logger.child('poll'),
    metrics,
    onObservation: (o) => {
      if (o.phoneNumberId) webhooks?.learn(o.number, o.phoneNumberId);
    },
  });
  const notifier = createNotifier({
    token: config.slack.botToken,
    apiUrl: config.slack.apiUrl,
    records,
    numbers: config.numbers,
    defaultChannel: config.slack.incidentChannel,
    logger: logger.child('notify'),
    metrics,
  });
  const monitor = createMonitor({
    poller,
    records,
    engine: { openAfter: config.openAfter, resolveAfter: config.resolveAfter, reminderIntervalMs: config.reminderIntervalMinutes * 60_000 },
    logger: logger.child('monitor'),
    onChange: (number) => notifier.notify(number),
  });
  const routes: HttpRoute[] = [healthRoute({ numbers: config.numbers.length }), metricsRoute(metrics)];
  if (webhooks && config.webhookSecret) {
    routes.push(
      webhookRoute({
        secret: config.webhookSecret,
        logger: logger.child('webhook'),
        onEvents: (events, hint) => webhooks.receive(events, hint),
        metrics,
      }),
    );
  }
  const polls = createScheduler({ schedule: config.pollSchedule, task: () => monitor.runPass(), logger: logger.child('schedule') });
  const ticks = createScheduler({
    schedule: TICK_SCHEDULE,
    task: async () => {
      await webhooks?.flush();
      await monitor.tick();
    },
    logger: logger.child('tick'),
    name: 'tick',
  });
  const slack = createSlackApp({ slack: config.slack, port: config.port, logger, routes, deps: { monitor, numbers: config.numbers } });

  try {
    await slack.start();
  } catch (error) {
    logger.error('could not start: Slack refused the bot token or was unreachable', error);
    await kv.close();
    return 1;
  }
  await notifier.start();
  logger.info(
    slack.mode === 'socket' ? 'connected to Slack in Socket Mode' : `listening for Slack on http://0.0.0.0:${config.port}/slack/events`,
  );
  logger.info(
    webhooks
      ? `360dialog webhooks accepted at POST ${WEBHOOK_PATH} on port ${config.port}`
      : '360dialog webhook receiver off (set WEBHOOK_SECRET to turn it on)',
  );
  if (config.numbers.length === 0) logger.info('no WhatsApp numbers configured (numbers.yml or D360_API_KEY): answering /wa-error only');
  else {
    logger.info(
      `watching ${config.numbers.length} number(s) on "${config.pollSchedule}", ${config.pollConcurrency} calls at most in flight`,
    );
    polls.start();
    ticks.start();
  }

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal}: stopping`);
    await polls.stop();
    await ticks.stop();
    webhooks?.stop();
    await webhooks?.flush();
    await notifier.stop();
    await slack.stop().catch((error) => logger.warn('error while stopping Slack', error));
    await kv.close();
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
      process.stderr.write(`Unknown command "${command}".\n${USAGE}\n`);
      return 2;
  }
}

// .env is optional: variables already in the environment win over it.
if (existsSync('.env')) process.loadEnvFile('.env');

main(process.argv.slice(2), process.env).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    process.stderr.write(`wa-health-bot failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
