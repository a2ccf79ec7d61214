import type { Observation } from '../core/observation.js';
import { fields, type Logger } from '../telemetry/log.js';
import type { Metrics } from '../telemetry/metrics.js';
import { MONITORING, type WaNumber } from '../config/numbers.js';
import { type RecordStore, UNCHANGED } from '../store/record-store.js';
import { DEFAULT_ENGINE_OPTIONS, type EngineInput, type EngineOptions, step } from '../core/engine.js';
import { nextDeadline } from '../core/deadline.js';
import { nextItem, worthOf } from '../core/outbox.js';
import { type GroupRule, isGroupId } from '../core/grouping.js';
import { emptyRecord, isNumberRecord, type NumberRecord } from '../core/records.js';
import type { Poller } from './poller.js';
import { createApplyQueue } from './apply-queue.js';
import { createDeadlineIndex } from './deadline-index.js';
import { createPassTally, isNetworkBlind, reportPass } from './pass-tally.js';
import { isSameData } from './same-data.js';
import { createGrouper, type Grouper } from './groups.js';
import { createClockWatch } from './clock-watch.js';
import type { Monitor } from './monitor-api.js';
import { createPlatformFollower } from './platform.js';
import { createFleetReader } from './fleet.js';
import { createRecheck } from './recheck.js';

export { isStorm } from './pass-tally.js';

export { RECHECK_COOLDOWN_MS } from './recheck.js';
const MUTE_MS = 60 * 60_000;
/** Records per store transaction: a few hundred rows make one short statement. */
const MAX_BATCH = 256;
/** How long a poll result waits for others before it is written alone. */
const BATCH_DELAY_MS = 20;

/** A new incident's card not yet on its way: held until grouping decides who speaks for it. */
const hasNewCard = (record: NumberRecord) =>
  record.outbox.some((i) => i.effect.kind === 'post-card' && i.inFlightSince === undefined) && !record.incident?.card;

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

interface Application {
  readonly number: string;
  readonly input: EngineInput;
  readonly at: number;
}

export function createMonitor(options: MonitorOptions): Monitor {
  const now = options.now ?? Date.now;
  const monotonic = options.monotonic ?? (options.now ? options.now : () => performance.now());
  const engine: EngineOptions = { ...DEFAULT_ENGINE_OPTIONS, ...options.engine };
  const { records, poller, logger } = options;
  // main.ts hands its metrics to the poller; reading them there keeps the pass metrics on without a second wire.
  const metrics = options.metrics ?? poller.metrics;
  const known = new Set([...poller.numbers.map((n: WaNumber) => n.name), MONITORING]);
  const isKnown = (id: string) => known.has(id) || isGroupId(id);
  const channelOf = options.channelOf ?? (() => 'default');
  const watched = new Map<string, number>();
  for (const n of poller.numbers) watched.set(channelOf(n.name), (watched.get(channelOf(n.name)) ?? 0) + 1);
  /** Numbers whose new card waits for the next grouping: a group card may speak for them instead. */
  const heldPosts = new Set<string>();

  // When each record next needs a tick. Filled from the store on the first tick, kept current by every apply.
  const deadlines = createDeadlineIndex();
  let indexLoaded: Promise<void> | undefined;
  // Applied while the index was loading: the store's copy may be older than the deadline already set.
  let appliedDuringLoad: Set<string> | undefined;

  /** The engine's step; a step that changes nothing writes nothing (most ticks, repeated clicks). */
  const stepper =
    ({ number, input, at }: Application) =>
    (current: NumberRecord | undefined) => {
      const before = current ?? emptyRecord(number);
      const after = step(before, input, at, engine);
      return isSameData(before, after) ? UNCHANGED : after;
    };

  const settle = (number: string, after: NumberRecord | undefined) => {
    deadlines.set(number, after ? nextDeadline(after, engine) : undefined);
    appliedDuringLoad?.add(number);
    grouper.note(number, after);
    if (!after || after.outbox.length === 0) return;
    if (!isGroupId(number) && hasNewCard(after)) heldPosts.add(number);
    else {
      const next = nextItem(after);
      options.onChange(number, next ? worthOf(next) : undefined);
    }
  };

  const grouper: Grouper = createGrouper({
    records,
    channelOf,
    watched,
    logger,
    ...(options.groupRule ? { rule: options.groupRule } : {}),
    cover: async (changes, at) => {
      for (let i = 0; i < changes.length; i += MAX_BATCH) {
        await applyMany(changes.slice(i, i + MAX_BATCH).map(([number, keys]) => ({ number, input: { kind: 'cover', keys }, at })));
      }
    },
    settled: (id, after) => settle(id, after),
  });

  const platform = createPlatformFollower({
    openIds: () => grouper.openIds(),
    apply: async (batch, at) => void (await applyMany(batch.map(([number, input]) => ({ number, input, at })))),
    now,
    batch: MAX_BATCH,
  });

  /** Groups first, then the held cards: whatever no group speaks for goes out now. A pass under way holds its new cards. */
  let passes = 0;
  const regroup = async () => {
    try {
      await grouper.regroup(now());
      await platform.follow();
    } finally {
      if (passes === 0) {
        // A new card is worth most.
        for (const number of heldPosts) options.onChange(number, 0);
        heldPosts.clear();
      }
    }
  };

  const apply = async (number: string, input: EngineInput, at: number) => {
    const after = await records.update(number, stepper({ number, input, at }));
    settle(number, after);
    return after;
  };

  /** Several applications in one store transaction. Resolves with the ones that failed. */
  const applyMany = async (batch: readonly Application[]): Promise<Application[]> => {
    const results = await records.updateMany(batch.map((a) => ({ id: a.number, fn: stepper(a) })));
    const failed: Application[] = [];
    for (const [i, result] of results.entries()) {
      const application = batch[i] as Application;
      if (result.status === 'fulfilled') settle(application.number, result.value);
      else {
        failed.push(application);
        logger.error(
          `applying a ${application.input.kind} to ${application.number} failed`,
          result.reason,
          fields({ number: application.number }),
        );
      }
    }
    return failed;
  };

  const ensureLoaded = async () => {
    indexLoaded ??= loadIndex().catch((error: unknown) => {
      indexLoaded = undefined;
      throw error;
    });
    await indexLoaded;
  };

  const loadIndex = async () => {
    appliedDuringLoad = new Set();
    try {
      for await (const page of records.entries()) {
        for (const [number, record] of page) {
          if (appliedDuringLoad.has(number) || !isNumberRecord(record)) continue;
          deadlines.set(number, nextDeadline(record, engine));
          grouper.note(number, record);
        }
      }
    } finally {
      appliedDuringLoad = undefined;
    }
  };

  const followClock = createClockWatch({
    now,
    monotonic,
    logger,
    shift: async (byMs, at) => {
      for await (const page of records.entries())
        await applyMany(page.map(([number]) => ({ number, input: { kind: 'clock-jump', byMs }, at })));
    },
  });

  const recheck = createRecheck({
    poller,
    records,
    now,
    apply: async (number, input, at) => void (await apply(number, input, at)),
    members: (id) => grouper.members(id),
    regroup,
  });

  /** One poll pass: every answer through the engine as it arrives; the storm rule at the end. */
  const pass = async () => {
    await ensureLoaded();
    await followClock();
    const started = performance.now();
    const tally = createPassTally();
    const held: Observation[] = [];
    const queue = createApplyQueue<Observation>(
      async (batch) =>
        void (await applyMany(batch.map((o) => ({ number: o.number, input: { kind: 'observation', observation: o }, at: o.at })))),
      {
        maxBatch: MAX_BATCH,
        delayMs: BATCH_DELAY_MS,
        onError: (error, batch) => logger.error(`writing ${batch.length} poll result(s) failed`, error),
      },
    );
    await poller.pollAll((o) => {
      tally.add(o);
      // Whether a number's silence means anything depends on the whole pass (a storm): held until it ends.
      if (isNetworkBlind(o)) held.push(o);
      else queue.add(o);
    });
    if (tally.total === 0) return;
    const storm = tally.isStorm();
    // In a storm, a number's silence says nothing about the number: neither a problem nor a recovery.
    if (storm) logger.warn(`most numbers gave no answer: reporting "monitoring degraded" instead of one card per number`);
    else for (const o of held) queue.add(o);
    await queue.drain();
    const at = now();
    await apply(MONITORING, { kind: 'observation', observation: tally.monitoringObservation(at) }, at);
    reportPass(tally, performance.now() - started, storm, logger, metrics);
  };

  return {
    async runPass() {
      passes += 1;
      try {
        await pass();
      } finally {
        passes -= 1;
      }
      await regroup();
    },

    async tick() {
      await ensureLoaded();
      await followClock();
      const at = now();
      const due = deadlines.takeDue(at).filter((d) => isKnown(d.id));
      for (let i = 0; i < due.length; i += MAX_BATCH) {
        const slice = due.slice(i, i + MAX_BATCH);
        const failed = await applyMany(slice.map((d) => ({ number: d.id, input: { kind: 'tick' }, at }))).catch((error: unknown) => {
          logger.error(`a tick over ${slice.length} record(s) failed`, error);
          return slice.map((d) => ({ number: d.id }));
        });
        // Still due: the next tick tries again.
        for (const { number } of failed) if (deadlines.get(number) === undefined) deadlines.set(number, at);
      }
      await regroup();
    },

    recheck,

    async ingest(observation) {
      if (!known.has(observation.number)) return;
      await apply(observation.number, { kind: 'observation', observation }, observation.at);
    },

    async acknowledge(number, by) {
      const after = await apply(number, { kind: 'acknowledge', by }, now());
      return after?.incident?.acknowledged?.by === by;
    },

    async mute(number, by, window) {
      const after = await apply(number, { kind: 'mute', by, forMs: MUTE_MS, ...window, window: window !== undefined }, now());
      return after?.incident?.mutedBy === by || after?.maintenance?.by === by;
    },

    async unmute(number, by) {
      const before = await records.get(number);
      if (!before?.maintenance && before?.incident?.mutedUntil === undefined) return false;
      await apply(number, { kind: 'unmute', by }, now());
      return true;
    },

    openNow: (code) => grouper.openNow(code),
    fleet: createFleetReader(poller.numbers, records, now),
    platform: (note) => platform.report(note),
    cardPosted: (number, card) => grouper.cardPosted(number, card),
  };
}
