import type { Logger } from '../telemetry/log.js';
import type { Metrics } from '../telemetry/metrics.js';
import { MONITORING, type WaNumber } from '../config/numbers.js';
import type { RecordStore } from '../store/record-store.js';
import { DEFAULT_ENGINE_OPTIONS, type EngineOptions } from '../core/engine.js';
import { type GroupRule, isGroupId } from '../core/grouping.js';
import type { NumberRecord } from '../core/records.js';
import type { Poller } from './poller.js';
import { type Applier, createApplier, MAX_BATCH } from './applier.js';
import { createHeldPosts } from './held-posts.js';
import { pollPass } from './pass.js';
import { createGrouper } from './groups.js';
import { createClockWatch } from './clock-watch.js';
import type { Monitor } from './monitor-api.js';
import { createPlatformFollower } from './platform.js';
import { createFleetReader } from './fleet.js';
import { createRecheck } from './recheck.js';

const MUTE_MS = 60 * 60_000;

export type { Monitor, RecheckResult } from './monitor-api.js';

export interface MonitorOptions {
  readonly poller: Poller;
  readonly records: RecordStore<NumberRecord>;
  readonly engine?: Partial<EngineOptions>;
  readonly now?: () => number;
  /**
   * Monotonic milliseconds, to notice steps of the wall clock. Defaults to performance.now(); with an
   * injected `now` and no monotonic clock, the injected clock is trusted (tests move it in big steps).
   */
  readonly monotonic?: () => number;
  readonly logger: Logger;
  /** Pass duration and numbers by state; the poller's metrics when not given. */
  readonly metrics?: Metrics;
  /** Told the name of every record that may have new Slack effects to deliver. */
  readonly onChange: (number: string, worth?: number) => void;
  /** The channel each number's cards go to, for grouping (one channel when not given). */
  readonly channelOf?: (number: string) => string;
  readonly groupRule?: GroupRule;
}

/**
 * The monitor: passes, ticks and people's clicks, each an engine step through the applier; grouping
 * and the held new cards after every pass and tick.
 */
export function createMonitor(options: MonitorOptions): Monitor {
  const now = options.now ?? Date.now;
  const monotonic = options.monotonic ?? (options.now ? options.now : () => performance.now());
  const { records, poller, logger } = options;
  // main.ts hands its metrics to the poller; reading them there keeps the pass metrics on without a second wire.
  const metrics = options.metrics ?? poller.metrics;
  const known = new Set([...poller.numbers.map((n: WaNumber) => n.name), MONITORING]);
  const { applier, held, grouper, platform } = buildParts(options, now);

  const followClock = createClockWatch({ now, monotonic, logger, shift: (byMs, at) => shiftEveryRecord(records, applier, byMs, at) });
  /** Before a pass or tick: the deadlines known, the clock's steps followed. */
  const prepare = async () => {
    await applier.load();
    await followClock();
  };
  /** Groups first, then the held cards: whatever no group speaks for goes out now. */
  const regroup = async () => {
    try {
      await grouper.regroup(now());
      await platform.follow();
    } finally {
      held.release();
    }
  };
  const recheck = createRecheck({
    poller,
    records,
    now,
    apply: async (...a) => void (await applier.apply(...a)),
    members: grouper.members,
    regroup,
  });

  return {
    async runPass() {
      await held.during(async () => {
        await prepare();
        await pollPass({ poller, applier, now, logger, ...(metrics ? { metrics } : {}) });
      });
      await regroup();
    },
    async tick() {
      await prepare();
      await applier.tickDue(now(), (id) => known.has(id) || isGroupId(id));
      await regroup();
    },
    recheck,
    ...peopleAndWebhooks(applier, records, known, now),
    openNow: grouper.openNow,
    fleet: createFleetReader(poller.numbers, records, now),
    platform: platform.report,
    cardPosted: grouper.cardPosted,
  };
}

/**
 * The parts, built first and wired after: the grouper and the platform follower write through the
 * applier, and the applier then tells the grouper and the held posts what every step left.
 */
function buildParts(options: MonitorOptions, now: () => number) {
  const { records, poller, logger } = options;
  const channelOf = options.channelOf ?? (() => 'default');
  const applier = createApplier({ records, engine: { ...DEFAULT_ENGINE_OPTIONS, ...options.engine }, logger });
  const held = createHeldPosts(options.onChange);
  const grouper = createGrouper({
    records,
    channelOf,
    watched: watchedPerChannel(poller.numbers, channelOf),
    logger,
    ...(options.groupRule ? { rule: options.groupRule } : {}),
    cover: (changes, at) =>
      inBatches(
        applier,
        changes.map(([number, keys]) => ({ number, input: { kind: 'cover', keys }, at })),
      ),
    settled: applier.settle,
  });
  const platform = createPlatformFollower({
    openIds: grouper.openIds,
    openVersion: grouper.openVersion,
    // The follower cuts its own batches.
    apply: async (batch, at) => void (await applier.applyMany(batch.map(([number, input]) => ({ number, input, at })))),
    now,
    batch: MAX_BATCH,
  });
  applier.listen({
    settled: (number, after) => {
      grouper.note(number, after);
      held.settled(number, after);
    },
    loaded: grouper.note,
  });
  return { applier, held, grouper, platform };
}

/** The wall clock stepped: every stored time the rules measure from moves with it. */
async function shiftEveryRecord(records: RecordStore<NumberRecord>, applier: Applier, byMs: number, at: number): Promise<void> {
  for await (const page of records.entries())
    await applier.applyMany(page.map(([number]) => ({ number, input: { kind: 'clock-jump', byMs }, at })));
}

/** Numbers watched per channel: what a group's "183 of 200" counts against. */
function watchedPerChannel(numbers: readonly WaNumber[], channelOf: (number: string) => string): Map<string, number> {
  const watched = new Map<string, number>();
  for (const n of numbers) watched.set(channelOf(n.name), (watched.get(channelOf(n.name)) ?? 0) + 1);
  return watched;
}

/** Applications over many records (a thousand numbers joining a group), one store transaction per batch. */
async function inBatches(applier: Applier, applications: Parameters<Applier['applyMany']>[0]): Promise<void> {
  for (let i = 0; i < applications.length; i += MAX_BATCH) await applier.applyMany(applications.slice(i, i + MAX_BATCH));
}

/** Buttons, /wa-mute and webhooks: one step each, answered with what it changed. */
function peopleAndWebhooks(
  applier: Applier,
  records: RecordStore<NumberRecord>,
  known: ReadonlySet<string>,
  now: () => number,
): Pick<Monitor, 'ingest' | 'acknowledge' | 'mute' | 'unmute' | 'record' | 'recordSupportCase'> {
  return {
    async ingest(observation) {
      if (!known.has(observation.number)) return;
      await applier.apply(observation.number, { kind: 'observation', observation }, observation.at);
    },
    async acknowledge(number, by) {
      const after = await applier.apply(number, { kind: 'acknowledge', by }, now());
      return after?.incident?.acknowledged?.by === by;
    },
    async mute(number, by, window) {
      const after = await applier.apply(number, { kind: 'mute', by, forMs: MUTE_MS, ...window, window: window !== undefined }, now());
      return after?.incident?.mutedBy === by || after?.maintenance?.by === by;
    },
    async unmute(number, by) {
      const before = await records.get(number);
      if (!before?.maintenance && before?.incident?.mutedUntil === undefined) return false;
      await applier.apply(number, { kind: 'unmute', by }, now());
      return true;
    },
    record: (number) => records.get(number),
    async recordSupportCase(number, incidentId, supportCase) {
      // Read first so that a submission for an ended incident writes nothing (no empty record for a stale name).
      if ((await records.get(number))?.incident?.id !== incidentId) return false;
      // The engine adds the case only to that incident, once per submission (a second replica, a redelivery).
      const after = await applier.apply(number, { kind: 'support-case', incidentId, supportCase }, now());
      const cases = after?.incident?.id === incidentId ? (after.incident.supportCases ?? []) : [];
      return cases.some((c) => c.ref === supportCase.ref && c.by === supportCase.by);
    },
  };
}
