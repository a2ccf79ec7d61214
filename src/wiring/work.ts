import type { StartConfig } from '../config/config.js';
import type { NumberRecord } from '../core/records.js';
import { createDigestTask } from '../monitor/digest.js';
import type { Monitor } from '../monitor/monitor-api.js';
import { createWindowFollower } from '../monitor/windows.js';
import { createScheduler } from '../schedule/scheduler.js';
import type { HomeViewers } from '../slack/deps.js';
import type { createDeliveryClient } from '../slack/delivery.js';
import type { Notifier } from '../slack/notifier.js';
import { digestMessage } from '../slack/views/digest-blocks.js';
import type { RecordStore } from '../store/record-store.js';
import { createHeartbeat } from '../telemetry/heartbeat.js';
import type { Logger } from '../telemetry/log.js';
import type { WebhookIngest } from '../webhooks/ingest.js';
import { createDuties, type Duties, scheduled } from './duties.js';
import type { OutsideWatch } from './outside-watches.js';
import type { PassWatch } from './readiness.js';

/** Time-based rules (1014 for 10 minutes) and reminders are looked at this often between polls. */
const TICK_SCHEDULE = '*/30 * * * * *';

export interface Work {
  /** One poll pass as the schedule runs it: maintenance windows, poll and apply, App Home, then the heartbeat. */
  runPass(): Promise<void>;
  /** One tick: webhook windows looked at, then time-based rules and reminders. */
  tick(): Promise<void>;
  /** The per-channel digest DIGEST_SCHEDULE posts. */
  digest(): Promise<void>;
  /** Everything above on its schedule, with Slack delivery: the leader's duties. */
  readonly duties: Duties;
}

export interface WorkParts {
  readonly config: StartConfig;
  readonly logger: Logger;
  readonly now: () => number;
  readonly records: RecordStore<NumberRecord>;
  readonly monitor: Monitor;
  readonly notifier: Notifier;
  /** The Web API client deliveries use (DRY_RUN's when set): the digest posts through it too. */
  readonly client: ReturnType<typeof createDeliveryClient>;
  readonly home: HomeViewers;
  readonly passWatch: PassWatch;
  readonly webhooks?: WebhookIngest;
  readonly outside: { readonly status?: OutsideWatch; readonly listings?: OutsideWatch };
}

/** What the leader runs, and when. */
export function createWork(parts: WorkParts): Work {
  const { config, logger, monitor } = parts;
  const heartbeat = config.heartbeatUrl ? createHeartbeat({ url: config.heartbeatUrl, logger: logger.child('heartbeat') }) : undefined;
  const followWindows = createWindowFollower(config.numbers, parts.records, monitor, parts.now);
  const runPass = async () => {
    await followWindows().catch((error: unknown) => logger.error('starting numbers.yml maintenance windows failed', error));
    await monitor.runPass();
    parts.passWatch.passed();
    await parts.home.refresh().catch((error: unknown) => logger.warn('could not refresh the App Home tabs', error));
    // Only a pass that completed says "alive"; a pass that threw skips it, and the switch notices.
    await heartbeat?.beat();
  };
  const tick = async () => {
    await parts.webhooks?.flush();
    await monitor.tick();
  };
  // The digest is one plain message per channel, not an incident effect: posted directly, DRY_RUN respected.
  const digest = createDigestTask({
    numbers: config.numbers,
    records: parts.records,
    defaultChannel: config.slack.incidentChannel,
    now: parts.now,
    post: async (d) => void (await parts.client.chat.postMessage({ channel: d.channel, ...digestMessage(d), unfurl_links: false })),
  });

  const every = (name: string, log: string, schedule: string, task: () => Promise<unknown>) =>
    createScheduler({ schedule, task, logger: logger.child(log), name });
  const watching = config.numbers.length > 0;
  const { status, listings } = parts.outside;
  // Delivery first: it starts before what feeds it and stops after it.
  const duties = createDuties([
    { name: 'delivery', start: () => parts.notifier.start(), pause: () => parts.notifier.stop(), stop: () => parts.notifier.stop() },
    watching ? scheduled('poll', every('poll', 'schedule', config.pollSchedule, runPass), logger) : undefined,
    watching ? scheduled('tick', every('tick', 'tick', TICK_SCHEDULE, tick), logger) : undefined,
    watching && config.digestSchedule ? scheduled('digest', every('digest', 'digest', config.digestSchedule, digest), logger) : undefined,
    watching && status ? scheduled('status page', every('status', 'status', status.schedule, status.run), logger, status.run) : undefined,
    // Discovery lists the partner's channels even with no number configured: that is how they are found.
    listings
      ? scheduled('Partner API listing', every('partner', 'partner', listings.schedule, listings.run), logger, listings.run)
      : undefined,
  ]);
  return { runPass, tick, digest, duties };
}
