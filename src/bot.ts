import { performance } from 'node:perf_hooks';
import { createLeadership } from './cluster/leadership.js';
import type { StartConfig } from './config/config.js';
import { channelRouter } from './config/routing.js';
import { createD360Client } from './d360/client.js';
import { healthRoute } from './http/healthz.js';
import { metricsRoute } from './http/metrics-route.js';
import { readyRoute } from './http/readyz.js';
import type { HttpRoute } from './http/route.js';
import { SAME_CONDITION } from './core/grouping.js';
import type { NumberRecord } from './core/records.js';
import { registerFleetGauges } from './monitor/fleet-gauges.js';
import { type PartnerWatch, withDiscovered } from './monitor/partner.js';
import { createOutsideWatches } from './outside-watches.js';
import { createPoller } from './monitor/poller.js';
import { createDigestTask } from './monitor/digest.js';
import { createScheduler } from './schedule/scheduler.js';
import { createWindowFollower } from './monitor/windows.js';
import { createMonitor, type Monitor } from './monitor/service.js';
import { createSlackApp } from './slack/app.js';
import { createHomeViewers } from './slack/events/app-home.js';
import { digestMessage } from './slack/views/digest-blocks.js';
import { createDryRunClient } from './slack/dry-run-client.js';
import { createDeliveryClient } from './slack/delivery.js';
import { createNotifier } from './slack/notifier.js';
import { watchStoreFile } from './store/file-watch.js';
import { openStore } from './store/open.js';
import { createWebhookWindows } from './store/webhook-windows.js';
import { createHeartbeat } from './telemetry/heartbeat.js';
import type { Logger } from './telemetry/log.js';
import { createMetrics, type Metrics } from './telemetry/metrics.js';
import { createWebhookIngest } from './webhooks/ingest.js';
import { webhookRoute } from './webhooks/receiver.js';
import { logStarted } from './start-log.js';

/** Time-based rules (1014 for 10 minutes) and reminders are looked at this often between polls. */
const TICK_SCHEDULE = '*/30 * * * * *';
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
 */
export async function createBot(config: StartConfig, deps: BotDeps): Promise<Bot> {
  const { logger } = deps;
  const metrics = deps.metrics ?? createMetrics();
  metrics.set('wa_health_numbers', config.numbers.length);
  const clock = deps.now ? { now: deps.now } : {};
  const channelOf = channelRouter(config.numbers, config.slack.incidentChannel);
  // Polls, ticks and delivery run on one replica only; with SQLite or memory that is this one.
  const leadership = createLeadership(config.storeUrl, (message) => logger.child('lease').info(message), config.leaseTtlMs);
  const storeLog = logger.child('store');
  const store = await openStore(config.storeUrl, {
    ...(leadership.fence ? { fence: leadership.fence } : {}),
    log: (message) => (message.endsWith('answers again') ? storeLog.info(message) : storeLog.error(message)),
    onMalformed: (key, error) => storeLog.error(`store row "${key}" cannot be read: skipped`, error),
  });
  const storeFile = watchStoreFile(config.storeUrl, storeLog);
  const records = store.records<NumberRecord>('number');
  registerFleetGauges(metrics, records, deps.now);
  // Created first, fed last: the poller teaches it phone number ids, the monitor takes its observations.
  // With Redis, every replica receives webhooks: dedupe, window counts and routing are shared there.
  const shared = config.webhookSecret ? await createWebhookWindows(config.storeUrl) : undefined;
  const webhooks = config.webhookSecret
    ? createWebhookIngest({
        numbers: config.numbers,
        logger: logger.child('webhook'),
        observe: (o) => monitor.ingest(o),
        metrics,
        ...(shared ? { shared } : {}),
      })
    : undefined;
  const poller = createPoller({
    numbers: config.numbers,
    client: createD360Client({ timeoutMs: config.d360TimeoutMs }),
    concurrency: config.pollConcurrency,
    logger: logger.child('poll'),
    metrics,
    onObservation: (o) => {
      if (o.phoneNumberId || o.wabaId) webhooks?.learn(o.number, o.phoneNumberId, o.wabaId);
    },
  });
  const notifyLogger = logger.child('notify');
  // DRY_RUN=1: everything runs, but what would change Slack is logged and answered as accepted.
  const dryRun = config.dryRun
    ? { client: createDryRunClient(createDeliveryClient(config.slack.botToken, config.slack.apiUrl, notifyLogger), notifyLogger) }
    : {};
  const notifier = createNotifier({
    ...dryRun,
    token: config.slack.botToken,
    apiUrl: config.slack.apiUrl,
    records,
    numbers: config.numbers,
    defaultChannel: config.slack.incidentChannel,
    channelOf,
    logger: notifyLogger,
    metrics,
    onCardPosted: (number, card) => monitor.cardPosted(number, card),
    ...clock,
    ...(deps.channelIntervalMs !== undefined ? { channelIntervalMs: deps.channelIntervalMs } : {}),
  });
  // Created before the monitor, whose grouping window is one poll interval; runs only once started.
  const polls = createScheduler({ schedule: config.pollSchedule, task: () => runPass(), logger: logger.child('schedule') });
  const monitor = createMonitor({
    poller,
    records,
    engine: {
      openAfter: config.openAfter,
      resolveAfter: config.resolveAfter,
      reminderIntervalMs: config.reminderIntervalMinutes * 60_000,
    },
    logger: logger.child('monitor'),
    metrics,
    channelOf,
    groupRule: {
      ...SAME_CONDITION,
      minNumbers: config.groupMinNumbers,
      minShare: config.groupMinPercent / 100,
      formWindowMs: polls.intervalMs() + GROUP_GRACE_MS,
    },
    onChange: (number, worth) => leadership.changed(number, worth),
    ...clock,
  });
  const ready = readyRoute({ check: () => readiness(), details: () => slack.details() });
  const routes: HttpRoute[] = [healthRoute({ numbers: config.numbers.length }), metricsRoute(metrics), ready];
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
  const { partner, listings, checkStatus, statusPolls } = createOutsideWatches(config, monitor, logger, store);
  const shown = withDiscovered(monitor, partner);
  const mono = () => performance.now();
  let startedAt: number | undefined;
  let lastPassAt: number | undefined;
  const heartbeat = config.heartbeatUrl ? createHeartbeat({ url: config.heartbeatUrl, logger: logger.child('heartbeat') }) : undefined;
  const followWindows = createWindowFollower(config.numbers, records, monitor, deps.now ?? Date.now);
  const home = createHomeViewers({ monitor: shown, logger: logger.child('home') }, deps.now);
  const runPass = async () => {
    await followWindows().catch((error: unknown) => logger.error('starting numbers.yml maintenance windows failed', error));
    await monitor.runPass();
    lastPassAt = mono();
    await home.refresh().catch((error: unknown) => logger.warn('could not refresh the App Home tabs', error));
    // Only a pass that completed says "alive"; a pass that threw skips it, and the switch notices.
    await heartbeat?.beat();
  };

  const readiness = async (): Promise<string[]> => {
    const reasons: string[] = [];
    const refused = await store.probe();
    if (refused) reasons.push(refused);
    const file = storeFile();
    if (file) reasons.push(file);
    reasons.push(...notifier.problems());
    reasons.push(...slack.problems());
    // A follower polls nothing, so it has no pass to be late with.
    if (config.numbers.length > 0 && startedAt !== undefined && leadership.isLeader()) {
      // Twice the schedule, plus a call budget: one slow pass is not yet a stalled monitor.
      const limit = 2 * polls.intervalMs() + config.d360TimeoutMs;
      const since = mono() - (lastPassAt ?? startedAt);
      if (since > limit)
        reasons.push(`no poll pass has finished for ${Math.round(since / 1000)} s (the schedule allows ${Math.round(limit / 1000)} s)`);
    }
    return reasons;
  };
  const tick = async () => {
    await webhooks?.flush();
    await monitor.tick();
  };
  const ticks = createScheduler({
    schedule: TICK_SCHEDULE,
    task: tick,
    logger: logger.child('tick'),
    name: 'tick',
  });
  // The digest is one plain message per channel, not an incident effect: posted directly, DRY_RUN respected.
  const digestClient = dryRun.client ?? createDeliveryClient(config.slack.botToken, config.slack.apiUrl, notifyLogger);
  const digest = createDigestTask({
    numbers: config.numbers,
    records,
    defaultChannel: config.slack.incidentChannel,
    now: deps.now ?? Date.now,
    post: async (d) => void (await digestClient.chat.postMessage({ channel: d.channel, ...digestMessage(d), unfurl_links: false })),
  });
  const digests = config.digestSchedule
    ? createScheduler({ schedule: config.digestSchedule, task: digest, logger: logger.child('digest'), name: 'digest' })
    : undefined;
  const slack = createSlackApp({
    slack: config.slack,
    port: config.port,
    logger,
    routes,
    deps: { monitor: shown, numbers: config.numbers, home },
    store,
    metrics,
  });

  return {
    monitor,
    metrics,
    runPass,
    tick,
    digest,
    ...(partner ? { partner } : {}),
    async start() {
      let server: Awaited<ReturnType<typeof slack.start>>;
      try {
        server = await slack.start();
      } catch (error) {
        await store.close();
        throw error;
      }
      startedAt = mono();
      const address = server?.address();
      const port = typeof address === 'object' && address ? address.port : undefined;
      logStarted(config, logger, { mode: slack.mode, port, webhooks: webhooks !== undefined });
      await leadership.start({
        onGain: async () => {
          lastPassAt = undefined;
          startedAt = mono();
          await notifier.start();
          if (config.numbers.length > 0) {
            polls.start();
            ticks.start();
            digests?.start();
            if (checkStatus) {
              void checkStatus().catch((error: unknown) => logger.warn('reading the status page failed', error));
              statusPolls?.start();
            }
          }
          if (partner) {
            partner.list().catch((error) => logger.warn('first Partner API listing failed; the schedule retries', error));
            listings?.start();
          }
        },
        onLose: async (why) => {
          if (why === 'shutting down') logger.info('leader shutting down: polls, ticks and delivery stop');
          else logger.warn(`not polling or delivering any more: ${why}`);
          await polls.pause();
          await ticks.pause();
          await digests?.pause();
          await statusPolls?.pause();
          await listings?.pause();
          await notifier.stop();
        },
        onChanged: (number, worth) => notifier.notify(number, worth),
      });
      return port === undefined ? {} : { port };
    },
    async stop() {
      // Stops the leader's work and releases the lease, so a standby takes over at once.
      await leadership.stop();
      await polls.stop();
      await ticks.stop();
      await digests?.stop();
      await listings?.stop();
      await statusPolls?.stop();
      webhooks?.stop();
      await webhooks?.flush();
      await notifier.stop();
      await slack.stop().catch((error) => logger.warn('error while stopping Slack', error));
      await shared?.close();
      await store.close();
    },
  };
}
