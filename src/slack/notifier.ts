import { performance } from 'node:perf_hooks';
import type { webApi } from '@slack/bolt';
import type { WaNumber } from '../config/numbers.js';
import { channelRouter } from '../config/routing.js';
import { incidentOf, isReminderOnly, markInFlight, nextItem, type Settlement, settle, upgradeOutbox, worthOf } from '../core/outbox.js';
import type { Incident, NumberRecord } from '../core/records.js';
import type { RecordStore } from '../store/record-store.js';
import { fields, type Logger } from '../telemetry/log.js';
import type { Metrics } from '../telemetry/metrics.js';
import { ChannelHolds } from './channel-holds.js';
import { createDeliveryClient, deliver, METHOD_OF } from './delivery.js';
import { findDelivered } from './reconcile.js';
import { createRefusalPolicy } from './refusal-policy.js';
import { hintFor, refusalOf } from './refusals.js';
import { ReminderDigests } from './reminder-digests.js';
import { DueRecords } from './due-records.js';
import { resumable } from './resume.js';
import { cardContext } from './views/card-context.js';
import { cardUrl } from './views/mrkdwn.js';

/**
 * Delivers the Slack effects queued in each number's record. Every effect is in the store before
 * it is sent and leaves it only once Slack accepted it (or refused it for good twice over), so a
 * crash or restart resumes where it stopped; an effect found in flight after a crash is looked
 * for in Slack before it is sent again. One call at a time per channel, about one a second; a
 * channel that waits (Retry-After, a refusal a person must fix) never holds another.
 * All waiting runs on a monotonic clock: a step of the wall clock neither stalls nor rushes it.
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
  /** The Web API client for every delivery (DRY_RUN's logs instead of sending); createDeliveryClient by default. */
  readonly client?: webApi.WebClient;
}

const FIVE_MINUTES = 5 * 60_000;

export function createNotifier(options: NotifierOptions): Notifier {
  const now = options.now ?? Date.now;
  const mono = options.monotonic ?? (() => performance.now());
  const interval = options.channelIntervalMs ?? 1000;
  const { records, logger, metrics } = options;
  const client = options.client ?? createDeliveryClient(options.token, options.apiUrl, logger);
  const byName = new Map(options.numbers.map((n) => [n.name, n]));
  const channelOf = options.channelOf ?? channelRouter(options.numbers, options.defaultChannel);
  const holds = new ChannelHolds(options.maxHoldMs ?? FIVE_MINUTES);
  /** Per channel: when the next call may go (pacing, Retry-After). */
  const channelFree = new Map<string, number>();
  /** Channels with a call in flight: one at a time each. */
  const busy = new Set<string>();
  /** Records with undelivered effects, and the earliest monotonic time their next one may go. */
  const due = new DueRecords(channelOf);
  const inFlight = new Set<Promise<void>>();
  let lastRefusal: string | undefined;
  let running = false;
  let wake: (() => void) | undefined;
  let loop: Promise<void> | undefined;

  const contextOf = (incident: Incident) => cardContext(incident, byName, now());
  /** Per record: the value of its next item (outbox `worthOf`), so a backed-up channel sends what matters first. */
  const worth = new Map<string, number>();
  const store = async (number: string, seq: number, outcome: Settlement) => {
    const after = await records.update(number, (r) => {
      const next = r && upgradeOutbox(r);
      if (next) settle(next, seq, outcome, now());
      return next;
    });
    const next = after && nextItem(after);
    if (next) worth.set(number, worthOf(next));
    else worth.delete(number);
    return after;
  };
  const digests = new ReminderDigests(options.reminderIntervalMs ?? 60 * 60_000, options.digestGatherMs ?? 30_000);

  const refused = createRefusalPolicy({
    client,
    holds,
    logger,
    defaultChannel: options.defaultChannel,
    maxRetryAfterMs: options.maxRetryAfterMs ?? FIVE_MINUTES,
    mono,
    store,
    waitChannel: (channel, until) => channelFree.set(channel, until),
    ...(metrics ? { metrics } : {}),
  });

  /** Delivers the oldest effect of one record; returns when to look at the record again, or undefined when it is empty. */
  const deliverNext = async (number: string, expected: string): Promise<number | undefined> => {
    const stored = await records.get(number);
    const record = stored && upgradeOutbox(stored);
    const item = record && nextItem(record);
    if (!record || !item) return undefined;
    const incident = incidentOf(record, item);
    const cardMissing = item.effect.kind !== 'post-card' && !incident?.card;
    // Nothing to send (its incident is gone, the card was posted, or never could be): no Slack call, no pacing slot.
    if (!incident || cardMissing || (item.effect.kind === 'post-card' && incident.card)) {
      await store(number, item.seq, { kind: 'drop' });
      return mono();
    }
    const channel = incident.card?.channel ?? expected;

    // "Still open" goes into the channel's digest, not each card's thread.
    if (isReminderOnly(item) && incident.card && item.effect.kind === 'reply') {
      const reminder = item.effect.events.at(-1);
      const conditions = reminder?.kind === 'reminder' ? reminder.conditions : [];
      const openForMs = reminder?.kind === 'reminder' ? reminder.openForMs : 0;
      digests.add(
        channel,
        { incidentId: incident.id, number: incident.number, cardUrl: cardUrl(incident.card), openForMs, conditions },
        mono(),
      );
      await store(number, item.seq, { kind: 'sent' });
      return mono();
    }

    if (item.inFlightSince !== undefined) {
      const found = await findDelivered(client, item, incident, channel).catch((error: unknown) => {
        logger.warn(`could not look in Slack for ${item.effect.kind} of ${incident.id} left in flight; sending it again`, error);
        return { kind: 'absent' as const };
      });
      if (found.kind === 'found') {
        logger.info(`${item.effect.kind} of ${incident.id} had reached Slack before the restart; not sending it again`);
        const card = item.effect.kind === 'post-card' ? { card: { channel, ts: found.ts } } : {};
        await store(number, item.seq, { kind: 'sent', ...card });
        return mono();
      }
    }

    await records.update(number, (r) => {
      const next = r && upgradeOutbox(r);
      if (next) markInFlight(next, item.seq, now());
      return next;
    });
    channelFree.set(channel, mono() + interval);
    let ts: string | undefined;
    try {
      ({ ts } = await deliver(client, item, incident, contextOf(incident), channel));
    } catch (error) {
      lastRefusal = refusalOf(error).error;
      return refused(number, item, incident, channel, refusalOf(error));
    }
    lastRefusal = undefined;
    for (const ended of holds.accept(channel)) logger.info(`Slack accepts ${channel} again (was: ${ended.cause})`);
    metrics?.set('wa_health_slack_held_channels', holds.size);
    metrics?.inc('wa_health_slack_calls_total', { method: METHOD_OF[item.effect.kind], effect: item.effect.kind, outcome: 'sent' });
    logger.debug(`${item.effect.kind} of ${incident.id} delivered to ${channel}`, fields({ number, incident: incident.id }));
    await store(number, item.seq, item.effect.kind === 'post-card' && ts ? { kind: 'sent', card: { channel, ts } } : { kind: 'sent' });
    if (item.effect.kind === 'post-card' && ts) options.onCardPosted?.(number, { channel, ts });
    return mono();
  };

  /** When a channel may take its next call: pacing, Retry-After and holds together. */
  const channelReadyAt = (channel: string) => Math.max(channelFree.get(channel) ?? Number.NEGATIVE_INFINITY, holds.of(channel)?.until ?? 0);

  const launch = (number: string, channel: string) => {
    busy.add(channel);
    due.delete(number);
    const task = deliverNext(number, channel)
      .then(
        (next) => {
          if (next !== undefined) due.at(number, next);
        },
        (error: unknown) => {
          // The store failed: nothing was lost (the effect is still queued); try again shortly.
          logger.error(`delivering Slack effects for ${number} failed`, error);
          due.at(number, mono() + 5000);
        },
      )
      .finally(() => {
        busy.delete(channel);
        inFlight.delete(task);
        wake?.();
      });
    inFlight.add(task);
  };

  const sendDigest = (channel: string) => {
    busy.add(channel);
    channelFree.set(channel, mono() + interval);
    const task = digests
      .send(channel, client, mono)
      .then((sent) => {
        if (sent) metrics?.inc('wa_health_slack_calls_total', { method: 'chat.postMessage', effect: 'digest', outcome: 'sent' });
        else logger.warn(`the reminder digest for ${channel} could not be posted; trying again later`);
      })
      .finally(() => {
        busy.delete(channel);
        inFlight.delete(task);
        wake?.();
      });
    inFlight.add(task);
  };

  const run = async () => {
    while (running) {
      const at = mono();
      let next = Number.POSITIVE_INFINITY;
      // Per channel, the ready record whose next item is worth most (then the longest waiting).
      const best = new Map<string, string>();
      for (const [channel, waiting] of due.channels()) {
        if (busy.has(channel)) continue;
        const free = channelReadyAt(channel);
        if (free > at) {
          next = Math.min(next, free);
          continue;
        }
        let chosen: { number: string; worth: number; when: number } | undefined;
        for (const [number, when] of waiting) {
          if (when > at) {
            next = Math.min(next, when);
            continue;
          }
          const value = worth.get(number) ?? 0;
          if (!chosen || value < chosen.worth || (value === chosen.worth && when < chosen.when)) chosen = { number, worth: value, when };
        }
        if (chosen) best.set(channel, chosen.number);
      }
      for (const [channel, number] of best) launch(number, channel);
      for (const channel of digests.channels()) {
        if (busy.has(channel)) continue;
        const ready = Math.max(digests.dueAt(channel) ?? Number.POSITIVE_INFINITY, channelReadyAt(channel));
        if (ready <= at) sendDigest(channel);
        else next = Math.min(next, ready);
      }
      const wait = Number.isFinite(next) ? Math.max(0, next - mono()) : 60_000;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(wait, 60_000));
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = undefined;
    }
  };

  return {
    notify(number, value) {
      due.at(number, mono());
      if (value !== undefined) worth.set(number, Math.min(worth.get(number) ?? value, value));
      wake?.();
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
      wake?.();
      await loop;
      // A call still waiting on Slack stays marked in flight: the next start looks for it before resending.
      await Promise.race([Promise.allSettled([...inFlight]), new Promise((resolve) => setTimeout(resolve, graceMs).unref())]);
    },
    problems() {
      const reasons = holds.reasons();
      if (lastRefusal !== undefined && reasons.length === 0)
        reasons.push(`the last Slack call failed: ${lastRefusal}${hintFor(lastRefusal)}`);
      return reasons;
    },
  };
}
