import { performance } from 'node:perf_hooks';
import type { webApi } from '@slack/bolt';
import type { WaNumber } from '../config/numbers.js';
import { channelRouter } from '../config/routing.js';
import type { Budget } from '../core/priority-budget.js';
import type { Incident, NumberRecord } from '../core/records.js';
import type { RecordStore } from '../store/record-store.js';
import { fields, type Logger } from '../telemetry/log.js';
import type { Metrics } from '../telemetry/metrics.js';
import { sleepUnref } from '../timing/timeout.js';
import { ChannelHolds } from './channel-holds.js';
import { DeliveryHealth } from './delivery-health.js';
import { createSettleItem, deliverNext, type StageDeps } from './delivery-stages.js';
import { createDeliveryClient } from './delivery.js';
import { DueRecords } from './due-records.js';
import { ChannelPacing, createAlarm } from './pacing.js';
import { pickNext, type Waiting } from './pick-next.js';
import { createRefusalPolicy } from './refusal-policy.js';
import { ReminderDigests } from './reminder-digests.js';
import { resumable } from './resume.js';
import { createTimelineCanvas } from './timeline-canvas.js';
import { cardContext } from './views/card-context.js';
import { offersEscalate } from './views/incident-blocks.js';

/**
 * Delivers the Slack effects queued in each number's record. Every effect is in the store before
 * it is sent and leaves it only once Slack accepted it (or refused it for good twice over), so a
 * crash or restart resumes where it stopped; an effect found in flight after a crash is looked
 * for in Slack before it is sent again. One call at a time per channel, about one a second; a
 * channel that waits (Retry-After, a refusal a person must fix) never holds another.
 * All waiting runs on a monotonic clock: a step of the wall clock neither stalls nor rushes it.
 *
 * The parts: `pickNext` chooses (pure), `ChannelPacing` says when a channel is free, the delivery
 * stages (delivery-stages.ts) take one item from the store to Slack and back, `ReminderDigests`
 * gathers "still open", `DeliveryHealth` answers `problems()`; this file only wires them and runs the loop.
 */
export interface Notifier {
  /** A record may have effects to deliver. */
  notify(number: string, worth?: number): void;
  /** Finds what a previous run left undelivered, then delivers in the background. */
  start(): Promise<void>;
  /** Stops delivering; waits for calls in flight at most `graceMs` (they stay marked in the store). */
  stop(graceMs?: number): Promise<void>;
  /** Why Slack delivery is not healthy now: held channels and a refused last call; empty when fine. */
  problems(): string[];
}

export interface NotifierOptions {
  readonly token: string;
  readonly apiUrl: string;
  readonly records: RecordStore<NumberRecord>;
  readonly numbers: readonly WaNumber[];
  readonly defaultChannel: string;
  /** Where each record's cards go (config/routing.ts); built from `numbers` when not given. */
  readonly channelOf?: (id: string) => string;
  readonly logger: Logger;
  /** Wall clock: only for what cards show ("open for 5 min"). */
  readonly now?: () => number;
  /** Monotonic milliseconds: pacing, backoff, Retry-After. */
  readonly monotonic?: () => number;
  readonly channelIntervalMs?: number;
  /** Longest Retry-After honoured; a longer one is cut to this, with a warning. */
  readonly maxRetryAfterMs?: number;
  /** Longest wait between tries of a channel Slack refuses for a reason a person must fix. */
  readonly maxHoldMs?: number;
  readonly metrics?: Metrics;
  /** Reminders of a channel are gathered into one digest message at most this often. */
  readonly reminderIntervalMs?: number;
  /** How long the first reminder of a digest waits for others. */
  readonly digestGatherMs?: number;
  /** Told where each new card lives once Slack took it. */
  readonly onCardPosted?: (number: string, card: { readonly channel: string; readonly ts: string }) => void;
  /** The month's priority budget for an open card (D360_PRIORITY_ESCALATIONS); a failed read draws the card without it. */
  readonly budgetFor?: (incident: Incident) => Promise<Budget | undefined>;
  /** SLACK_TIMELINE_CANVAS=1: each resolved incident's timeline is also written as a canvas. */
  readonly timelineCanvas?: boolean;
  /** The Web API client for every delivery (DRY_RUN's logs instead of sending); createDeliveryClient by default. */
  readonly client?: webApi.WebClient;
}

const FIVE_MINUTES = 5 * 60_000;
/** The loop looks again at least this often, whatever it expects. */
const MAX_SLEEP_MS = 60_000;
/** After the store failed on a record: nothing was lost (the effect is still queued); try again this much later. */
const STORE_RETRY_MS = 5000;

/** The parts a notifier is made of: what waits, when each channel is free, the stages, and readiness. */
function createParts(options: NotifierOptions) {
  const now = options.now ?? Date.now;
  const mono = options.monotonic ?? (() => performance.now());
  const { records, logger, metrics } = options;
  const client = options.client ?? createDeliveryClient(options.token, options.apiUrl, logger);
  const byName = new Map(options.numbers.map((n) => [n.name, n]));
  const holds = new ChannelHolds(options.maxHoldMs ?? FIVE_MINUTES);
  const pacing = new ChannelPacing(holds, options.channelIntervalMs ?? 1000);
  const due = new DueRecords(options.channelOf ?? channelRouter(options.numbers, options.defaultChannel));
  const digests = new ReminderDigests(options.reminderIntervalMs ?? 60 * 60_000, options.digestGatherMs ?? 30_000);
  const health = new DeliveryHealth(holds);
  const settleItem = createSettleItem(records, due, now);
  const refused = createRefusalPolicy({
    client,
    holds,
    logger,
    defaultChannel: options.defaultChannel,
    maxRetryAfterMs: options.maxRetryAfterMs ?? FIVE_MINUTES,
    mono,
    store: settleItem,
    waitChannel: (channel, until) => pacing.waitUntil(channel, until),
    ...(metrics ? { metrics } : {}),
  });
  const contextOf = (incident: Incident) => cardContext(incident, byName, now());
  const canvas = options.timelineCanvas ? createTimelineCanvas({ client, records, logger, contextOf, now }) : undefined;
  const stages: StageDeps = {
    records,
    client,
    logger,
    ...(metrics ? { metrics } : {}),
    digests,
    pacing,
    holds,
    health,
    settleItem,
    refused,
    // The budget is a store read: only for a card that offers Escalate, never for a thread reply.
    contextOf: async (incident, card) => {
      const ctx = contextOf(incident);
      if (!card || !options.budgetFor || !offersEscalate(ctx)) return ctx;
      return cardContext(incident, byName, now(), await options.budgetFor(incident).catch(() => undefined));
    },
    ...(canvas ? { canvas } : {}),
    now,
    mono,
    ...(options.onCardPosted ? { onCardPosted: options.onCardPosted } : {}),
  };
  return { mono, client, pacing, due, digests, health, stages };
}

/** The work the loop starts on a channel — one record's next item, or the reminder digest — and what is still in flight. */
function createWorkers(options: NotifierOptions, parts: ReturnType<typeof createParts>, alarm: ReturnType<typeof createAlarm>) {
  const { logger, metrics } = options;
  const { mono, client, pacing, due, digests, stages } = parts;
  const inFlight = new Set<Promise<void>>();

  /** Runs one call's worth of work on a channel: nothing else goes there meanwhile; the loop looks again after. */
  const occupy = (channel: string, work: Promise<void>) => {
    pacing.occupy(channel);
    const task = work.finally(() => {
      pacing.release(channel);
      inFlight.delete(task);
      alarm.ring();
    });
    inFlight.add(task);
  };

  const deliver = (number: string, channel: string) => {
    due.delete(number);
    const work = deliverNext(stages, number, channel).then(
      (next) => {
        if (next !== undefined) due.at(number, next);
      },
      (error: unknown) => {
        logger.error(`delivering Slack effects for ${number} failed`, error, fields({ number, channel }));
        due.at(number, mono() + STORE_RETRY_MS);
      },
    );
    occupy(channel, work);
  };

  const sendDigest = (channel: string) => {
    pacing.spend(channel, mono());
    const work = digests.send(channel, client, mono).then((sent) => {
      if (sent) metrics?.inc('wa_health_slack_calls_total', { method: 'chat.postMessage', effect: 'digest', outcome: 'sent' });
      else logger.warn(`the reminder digest for ${channel} could not be posted; trying again later`, fields({ channel }));
    });
    occupy(channel, work);
  };

  /** Waits for the work in flight, at most `graceMs`. */
  const drain = (graceMs: number) => Promise.race([Promise.allSettled([...inFlight]), sleepUnref(graceMs)]);
  return { deliver, sendDigest, drain };
}

export function createNotifier(options: NotifierOptions): Notifier {
  const { records, logger } = options;
  const parts = createParts(options);
  const { mono, pacing, due, digests, health } = parts;
  const alarm = createAlarm();
  const workers = createWorkers(options, parts, alarm);
  let running = false;
  let loop: Promise<void> | undefined;

  /** What waits now, as pickNext reads it. */
  const waiting = (): Waiting => ({
    due: due.channels(),
    worthOf: (number) => due.worthOf(number),
    digests: digests.due(),
    isBusy: (channel) => pacing.isBusy(channel),
    readyAt: (channel) => pacing.readyAt(channel),
  });
  const run = async () => {
    while (running) {
      const choice = pickNext(waiting(), mono());
      for (const { channel, number } of choice.deliveries) workers.deliver(number, channel);
      for (const channel of choice.digests) workers.sendDigest(channel);
      const wait = Number.isFinite(choice.wakeAt) ? Math.max(0, choice.wakeAt - mono()) : MAX_SLEEP_MS;
      await alarm.sleep(Math.min(wait, MAX_SLEEP_MS));
    }
  };

  return {
    notify(number, value) {
      due.at(number, mono());
      if (value !== undefined) due.raiseWorth(number, value);
      alarm.ring();
    },
    async start() {
      const { pending, inFlightLeft } = await resumable(records, logger);
      for (const number of pending) due.at(number, mono());
      if (due.size > 0) logger.info(`resuming ${due.size} undelivered Slack update(s) from the store`);
      if (inFlightLeft > 0)
        logger.info(`${inFlightLeft} Slack call(s) were in flight when the bot stopped: looking for them before sending`);
      running = true;
      loop = run();
    },
    async stop(graceMs = 3000) {
      running = false;
      alarm.ring();
      await loop;
      // A call still waiting on Slack stays marked in flight: the next start looks for it before resending.
      await workers.drain(graceMs);
    },
    problems: () => health.problems(),
  };
}
