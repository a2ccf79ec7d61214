import type { Observation } from '../d360/observation.js';
import type { Logger } from '../telemetry/log.js';
import type { Metrics } from '../telemetry/metrics.js';
import { MONITORING, type WaNumber } from '../config/numbers.js';
import { type RecordStore, UNCHANGED } from '../store/record-store.js';
import { DEFAULT_ENGINE_OPTIONS, type EngineInput, type EngineOptions, step } from '../core/engine.js';
import { nextDeadline } from '../core/deadline.js';
import { emptyRecord, type NumberRecord } from '../core/records.js';
import type { Poller } from './poller.js';
import { createApplyQueue } from './apply-queue.js';
import { createDeadlineIndex } from './deadline-index.js';
import { createPassTally, isNetworkBlind, type PassTally } from './pass-tally.js';
import { isSameData } from './same-data.js';

export { isStorm } from './pass-tally.js';

export const RECHECK_COOLDOWN_MS = 30_000;
const MUTE_MS = 60 * 60_000;
/** Records per store transaction: a few hundred rows make one short statement. */
const MAX_BATCH = 256;
/** How long a poll result waits for others before it is written alone. */
const BATCH_DELAY_MS = 20;
const STATES = ['healthy', 'degraded', 'down', 'unknown'] as const;
/** Wall and monotonic clocks may drift apart this much before it counts as a step of the wall clock. */
const CLOCK_STEP_MS = 60_000;

export type RecheckResult =
  | { readonly kind: 'checked'; readonly observation: Observation }
  | { readonly kind: 'too-soon'; readonly waitMs: number }
  | { readonly kind: 'unknown-number' };

export interface Monitor {
  /** One poll pass over every due number; each answer goes through the engine as it arrives. */
  runPass(): Promise<void>;
  /** Lets time-based rules and reminders fire between polls, for the records whose time has come. */
  tick(): Promise<void>;
  recheck(number: string, by: string): Promise<RecheckResult>;
  /** An observation from elsewhere (360dialog webhooks) for a configured number. */
  ingest(observation: Observation): Promise<void>;
  acknowledge(number: string, by: string): Promise<boolean>;
  mute(number: string, by: string): Promise<boolean>;
}

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
  readonly onChange: (number: string) => void;
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
    if (after && after.outbox.length > 0) options.onChange(number);
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
        logger.error(`applying a ${application.input.kind} to ${application.number} failed`, result.reason);
      }
    }
    return failed;
  };

  const loadIndex = async () => {
    appliedDuringLoad = new Set();
    try {
      for await (const page of records.entries()) {
        for (const [number, record] of page) if (!appliedDuringLoad.has(number)) deadlines.set(number, nextDeadline(record, engine));
      }
    } finally {
      appliedDuringLoad = undefined;
    }
  };

  /**
   * The wall clock stepped when it moved differently from the monotonic clock. Then every stored
   * time the rules measure from is moved by the step (the engine's clock-jump), so a step neither
   * escalates everything at once nor makes fresh answers look older than the last one.
   */
  let offset: number | undefined;
  const followClock = async () => {
    const current = now() - monotonic();
    const step = offset === undefined ? 0 : current - offset;
    offset = current;
    if (Math.abs(step) < CLOCK_STEP_MS) return;
    logger.warn(
      `the wall clock stepped ${step > 0 ? 'forward' : 'back'} by ${Math.round(Math.abs(step) / 1000)} s: time-based rules keep real durations`,
    );
    const at = now();
    for await (const page of records.entries()) {
      const batch = page.map(([number]) => ({ number, input: { kind: 'clock-jump', byMs: step } as const, at }));
      await applyMany(batch);
    }
  };

  const report = (tally: PassTally, ms: number, storm: boolean) => {
    const states = STATES.filter((s) => tally.byState.get(s)).map((s) => `${s} ${tally.byState.get(s)}`);
    logger.info(`pass: ${tally.total} number(s) polled in ${(ms / 1000).toFixed(1)} s: ${states.join(', ')}${storm ? ' (storm)' : ''}`);
    metrics?.set('wa_health_pass_duration_seconds', ms / 1000);
    for (const state of STATES) metrics?.set('wa_health_pass_numbers', tally.byState.get(state) ?? 0, { state });
  };

  return {
    async runPass() {
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
      report(tally, performance.now() - started, storm);
    },

    async tick() {
      indexLoaded ??= loadIndex().catch((error: unknown) => {
        indexLoaded = undefined;
        throw error;
      });
      await indexLoaded;
      await followClock();
      const at = now();
      const due = deadlines.takeDue(at).filter((d) => known.has(d.id));
      for (let i = 0; i < due.length; i += MAX_BATCH) {
        const slice = due.slice(i, i + MAX_BATCH);
        const failed = await applyMany(slice.map((d) => ({ number: d.id, input: { kind: 'tick' }, at }))).catch((error: unknown) => {
          logger.error(`a tick over ${slice.length} record(s) failed`, error);
          return slice.map((d) => ({ number: d.id }));
        });
        // Still due: the next tick tries again.
        for (const { number } of failed) if (deadlines.get(number) === undefined) deadlines.set(number, at);
      }
    },

    async recheck(number, by) {
      if (!poller.numbers.some((n) => n.name === number)) return { kind: 'unknown-number' };
      const at = now();
      // Claim the slot before polling, so a double click cannot start two checks.
      let waitMs = 0;
      await records.update(number, (current) => {
        const record = current ?? emptyRecord(number);
        const since = at - (record.lastRecheckAt ?? Number.NEGATIVE_INFINITY);
        if (since < RECHECK_COOLDOWN_MS) {
          waitMs = RECHECK_COOLDOWN_MS - since;
          return UNCHANGED;
        }
        return { ...record, lastRecheckAt: at };
      });
      if (waitMs > 0) return { kind: 'too-soon', waitMs };
      const observation = await poller.checkOne(number);
      if (!observation) return { kind: 'unknown-number' };
      await apply(number, { kind: 'observation', observation, by }, observation.at);
      return { kind: 'checked', observation };
    },

    async ingest(observation) {
      if (!known.has(observation.number)) return;
      await apply(observation.number, { kind: 'observation', observation }, observation.at);
    },

    async acknowledge(number, by) {
      const after = await apply(number, { kind: 'acknowledge', by }, now());
      return after?.incident?.acknowledged?.by === by;
    },

    async mute(number, by) {
      const after = await apply(number, { kind: 'mute', by, forMs: MUTE_MS }, now());
      return after?.incident?.mutedBy === by;
    },
  };
}
