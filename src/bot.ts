import type { StartConfig } from './config/config.js';
import { channelRouter } from './config/routing.js';
import { SAME_CONDITION } from './core/grouping.js';
import { createD360Client } from './d360/client.js';
import { healthRoute } from './http/healthz.js';
import { metricsRoute } from './http/metrics-route.js';
import { readyRoute } from './http/readyz.js';
import type { HttpRoute } from './http/route.js';
import { registerFleetGauges } from './monitor/fleet-gauges.js';
import { type PartnerWatch, withDiscovered } from './monitor/partner.js';
import { createPoller } from './monitor/poller.js';
import { createMonitor, type Monitor } from './monitor/service.js';
import { intervalOf } from './schedule/scheduler.js';
import { createSlackApp } from './slack/app.js';
import { createDeliveryClient } from './slack/delivery.js';
import { createDryRunClient } from './slack/dry-run-client.js';
import { createHomeViewers } from './slack/events/app-home.js';
import { createNotifier } from './slack/notifier.js';
import { createWebhookWindows } from './store/webhook-windows.js';
import type { Logger } from './telemetry/log.js';
import { createMetrics, type Metrics } from './telemetry/metrics.js';
import { createWebhookIngest, type WebhookIngest } from './webhooks/ingest.js';
import { webhookRoute } from './webhooks/receiver.js';
import { createOutsideWatches } from './wiring/outside-watches.js';
import { createPassWatch, createReadiness } from './wiring/readiness.js';
import { createRelay } from './wiring/relay.js';
import { startRunning, stopRunning } from './wiring/lifecycle.js';
import { openState, type State } from './wiring/state.js';
import { createWork } from './wiring/work.js';

/** Numbers that break up to a minute after one pass's window still count as "at once" (a slow pass, webhooks). */
const GROUP_GRACE_MS = 60_000;

export interface BotDeps {
  readonly logger: Logger;
  readonly metrics?: Metrics;
  /** Injected clock for the monitor and the notifier; wall time by default. */
  readonly now?: () => number;
  /** Time between two Slack calls to one channel (Slack allows about one a second); tests shorten it. */
  readonly channelIntervalMs?: number;
}

export interface Bot {
  readonly monitor: Monitor;
  readonly metrics: Metrics;
  /** One poll pass as the schedule runs it: poll, apply, then the heartbeat. */
  runPass(): Promise<void>;
  /** One tick as its 30-second schedule runs it: webhook windows looked at, then time-based rules and reminders. */
  tick(): Promise<void>;
  /** The per-channel digest as DIGEST_SCHEDULE runs it (callable without a schedule, for tests). */
  digest(): Promise<void>;
  /** Partner API discovery, when configured: `channels()` is the last listing (for /wa-status). */
  readonly partner?: PartnerWatch;
  /** Connects to Slack, then polls, ticks and delivers; resolves to the HTTP port (HTTP mode). */
  start(): Promise<{ readonly port?: number }>;
  /** Stops every schedule, delivers nothing more, closes Slack and the store. */
  stop(): Promise<void>;
}

/**
 * The composition root: builds the whole bot from its configuration — store, 360dialog client,
 * poller, monitor, notifier, webhooks, Slack app, HTTP routes and schedules. main.ts and the
 * tests both build the bot through here, so neither can drift from the other.
 *
 * Parts are built in the order they need each other; the one loop (the poller teaches the webhook
 * ingest the ids it learns, the ingest feeds the monitor, the monitor owns the poller) goes through
 * a relay connected once everything exists. Longer than our other functions because it names every part once,
 * in the order they need each other.
 */
export async function createBot(config: StartConfig, deps: BotDeps): Promise<Bot> {
  const { logger } = deps;
  const now = deps.now ?? Date.now;
  const metrics = deps.metrics ?? createMetrics();
  metrics.set('wa_health_numbers', config.numbers.length);
  const state = await openState(config, logger);
  registerFleetGauges(metrics, state.records, deps.now);
  // Built once: the monitor groups by it, the notifier paces by it.
  const shared = { config, deps, state, metrics, channelOf: channelRouter(config.numbers, config.slack.incidentChannel) };
  const pollIntervalMs = intervalOf(config.pollSchedule);

  const learnt = createRelay<[number: string, phoneNumberId: string | undefined, wabaId: string | undefined]>();
  const monitor = buildMonitor(shared, pollIntervalMs, (o) => learnt.send(o.number, o.phoneNumberId, o.wabaId));
  // With Redis, every replica receives webhooks: dedupe, window counts and routing are shared there.
  const windows = config.webhookSecret ? createWebhookWindows(state.redis, { logger: logger.child('webhook') }) : undefined;
  const webhooks = windows
    ? createWebhookIngest({ numbers: config.numbers, logger: logger.child('webhook'), observe: (o) => monitor.ingest(o), metrics, windows })
    : undefined;
  const { client, notifier } = buildDelivery(shared, monitor);

  const outside = createOutsideWatches(config, monitor, logger, state.store, {
    records: state.records,
    changed: (id) => state.leadership.changed(id),
  });
  const shown = withDiscovered(monitor, outside.partner);
  const home = createHomeViewers({ monitor: shown, logger: logger.child('home') }, deps.now);
  const passWatch = createPassWatch({
    intervalMs: pollIntervalMs,
    budgetMs: config.d360TimeoutMs,
    active: () => config.numbers.length > 0 && state.leadership.isLeader(),
  });
  const work = createWork({
    config,
    logger,
    now,
    records: state.records,
    monitor,
    notifier,
    client,
    home,
    passWatch,
    outside,
    ...(webhooks ? { webhooks } : {}),
  });

  const readiness = createReadiness([state.problems, () => notifier.problems(), passWatch.problems, () => slack.problems()]);
  const routes = httpRoutes(config, logger, metrics, { check: readiness, details: () => slack.details() }, webhooks);
  const slack = createSlackApp({
    slack: config.slack,
    port: config.port,
    logger,
    routes,
    deps: { monitor: shown, numbers: config.numbers, home },
    store: state.store,
    metrics,
  });

  // Wiring: the one connection that had to wait for its listener to exist.
  learnt.connect((number, phoneNumberId, wabaId) => {
    if (phoneNumberId || wabaId) webhooks?.learn(number, phoneNumberId, wabaId);
  });

  const running = {
    config,
    logger,
    state,
    slack,
    work,
    notifier,
    passWatch,
    ...(webhooks ? { webhooks } : {}),
    ...(windows ? { windows } : {}),
  };
  const start = () => startRunning(running);
  const stop = () => stopRunning(running);

  const { runPass, tick, digest } = work;
  return { monitor, metrics, runPass, tick, digest, ...(outside.partner ? { partner: outside.partner } : {}), start, stop };
}

/** What every builder below is given: the configuration, the injected parts, the store, metrics and the channel router. */
interface Shared {
  readonly config: StartConfig;
  readonly deps: BotDeps;
  readonly state: State;
  readonly metrics: Metrics;
  readonly channelOf: (id: string) => string;
}

type Heard = NonNullable<Parameters<typeof createPoller>[0]['onObservation']>;

/** The poller and the monitor that turns its answers into incidents; `heard` is told every classified answer. */
function buildMonitor({ config, deps, state, metrics, channelOf }: Shared, pollIntervalMs: number, heard: Heard): Monitor {
  const poller = createPoller({
    numbers: config.numbers,
    client: createD360Client({ timeoutMs: config.d360TimeoutMs }),
    concurrency: config.pollConcurrency,
    logger: deps.logger.child('poll'),
    metrics,
    onObservation: heard,
  });
  return createMonitor({
    poller,
    records: state.records,
    engine: { openAfter: config.openAfter, resolveAfter: config.resolveAfter, reminderIntervalMs: config.reminderIntervalMinutes * 60_000 },
    logger: deps.logger.child('monitor'),
    metrics,
    channelOf,
    groupRule: {
      ...SAME_CONDITION,
      minNumbers: config.groupMinNumbers,
      minShare: config.groupMinPercent / 100,
      formWindowMs: pollIntervalMs + GROUP_GRACE_MS,
    },
    onChange: (number, worth) => state.leadership.changed(number, worth),
    ...(deps.now ? { now: deps.now } : {}),
  });
}

/** The Slack client every delivery uses — DRY_RUN=1 logs what would change Slack and answers it as accepted — and the notifier. */
function buildDelivery({ config, deps, state, metrics, channelOf }: Shared, monitor: Monitor) {
  const logger = deps.logger.child('notify');
  const real = createDeliveryClient(config.slack.botToken, config.slack.apiUrl, logger);
  const client = config.dryRun ? createDryRunClient(real, logger) : real;
  const notifier = createNotifier({
    client,
    token: config.slack.botToken,
    apiUrl: config.slack.apiUrl,
    records: state.records,
    numbers: config.numbers,
    defaultChannel: config.slack.incidentChannel,
    channelOf,
    logger,
    metrics,
    onCardPosted: (number, card) => monitor.cardPosted(number, card),
    ...(deps.now ? { now: deps.now } : {}),
    ...(deps.channelIntervalMs !== undefined ? { channelIntervalMs: deps.channelIntervalMs } : {}),
  });
  return { client, notifier };
}

/** The plain routes served beside Slack's: liveness, readiness, metrics and, when on, the 360dialog webhook. */
function httpRoutes(
  config: StartConfig,
  logger: Logger,
  metrics: Metrics,
  ready: Parameters<typeof readyRoute>[0],
  webhooks?: WebhookIngest,
): HttpRoute[] {
  const routes: HttpRoute[] = [healthRoute({ numbers: config.numbers.length }), metricsRoute(metrics), readyRoute(ready)];
  if (webhooks && config.webhookSecret) {
    const onEvents = (events: Parameters<WebhookIngest['receive']>[0], hint: string | undefined) => webhooks.receive(events, hint);
    routes.push(webhookRoute({ secret: config.webhookSecret, logger: logger.child('webhook'), onEvents, metrics }));
  }
  return routes;
}
