import { webApi } from '@slack/bolt';
import type { Logger } from '../telemetry/log.js';
import type { Metrics } from '../telemetry/metrics.js';
import { incidentOf, markInFlight, nextItem, type Settlement, settle, upgradeOutbox } from '../core/outbox.js';
import type { Incident, NumberRecord, OutboxItem } from '../core/records.js';
import type { WaNumber } from '../config/numbers.js';
import type { RecordStore } from '../store/record-store.js';
import { incidentBlocks } from './views/incident-blocks.js';
import { threadReplyText } from './views/thread-reply.js';

/**
 * Delivers the Slack effects queued in each number's record: every effect is in the store before
 * it is sent and leaves it only once Slack accepted it, so a crash or restart resumes where it
 * stopped. 429s wait out Retry-After, 5xx and network errors back off, and each channel gets at
 * most about one call per second.
 */
export interface Notifier {
  /** A record may have effects to deliver. */
  notify(number: string): void;
  /** Finds what a previous run left undelivered, then delivers in the background. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface NotifierOptions {
  readonly token: string;
  readonly apiUrl: string;
  readonly records: RecordStore<NumberRecord>;
  readonly numbers: readonly WaNumber[];
  readonly defaultChannel: string;
  readonly logger: Logger;
  readonly now?: () => number;
  readonly channelIntervalMs?: number;
  readonly metrics?: Metrics;
}

const MAX_BACKOFF_MS = 60_000;
/** A card is marked with this, so a person (or a future reconciliation) can tell which incident it shows. */
const METADATA_EVENT = 'wa_health_incident';

type Outcome =
  | { kind: 'sent'; ts?: string }
  | { kind: 'retry'; afterMs: number; error: string }
  | { kind: 'drop'; error?: string }
  | { kind: 'card-gone' };

function outcomeOf(error: unknown, attempts: number): Outcome {
  const e = error as { code?: string; retryAfter?: number; statusCode?: number; data?: { error?: string } };
  const backoff = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.max(0, attempts - 1));
  switch (e.code) {
    case webApi.ErrorCode.RateLimitedError:
      return { kind: 'retry', afterMs: Math.max(1, e.retryAfter ?? 1) * 1000, error: `rate limited, Retry-After ${e.retryAfter ?? 1} s` };
    case webApi.ErrorCode.HTTPError:
      return { kind: 'retry', afterMs: backoff, error: `HTTP ${e.statusCode ?? '?'}` };
    case webApi.ErrorCode.RequestError:
      return { kind: 'retry', afterMs: backoff, error: 'network error' };
    case webApi.ErrorCode.PlatformError: {
      const code = e.data?.error ?? 'unknown';
      if (code === 'ratelimited') return { kind: 'retry', afterMs: backoff, error: code };
      if (code === 'message_not_found' || code === 'cant_update_message') return { kind: 'card-gone' };
      if (['internal_error', 'fatal_error', 'service_unavailable', 'request_timeout'].includes(code))
        return { kind: 'retry', afterMs: backoff, error: code };
      return { kind: 'drop', error: code };
    }
    default:
      return { kind: 'retry', afterMs: backoff, error: error instanceof Error ? error.message : String(error) };
  }
}

const HINTS: Record<string, string> = {
  not_in_channel: 'invite the bot to the channel (/invite @WA Health)',
  channel_not_found: "check SLACK_INCIDENT_CHANNEL or the number's channel: use a channel ID and invite the bot",
  invalid_auth: 'check SLACK_BOT_TOKEN',
  missing_scope: 'reinstall the app from manifest.yml',
};

function settlementOf(outcome: Outcome, item: OutboxItem, channel: string, at: number): Settlement {
  switch (outcome.kind) {
    case 'sent':
      return item.effect.kind === 'post-card' && outcome.ts ? { kind: 'sent', card: { channel, ts: outcome.ts } } : { kind: 'sent' };
    case 'retry':
      return { kind: 'retry', notBefore: at + outcome.afterMs, error: outcome.error };
    default:
      return { kind: outcome.kind };
  }
}

const hint = (error: string) => (HINTS[error] ? ` — ${HINTS[error]}` : '');

export function createNotifier(options: NotifierOptions): Notifier {
  const now = options.now ?? Date.now;
  const interval = options.channelIntervalMs ?? 1000;
  const { records, logger } = options;
  const client = new webApi.WebClient(options.token, {
    slackApiUrl: options.apiUrl,
    // The outbox is the retry mechanism: the client must report 429s and failures, not hide them.
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: 15_000,
  });
  const byName = new Map(options.numbers.map((n) => [n.name, n]));
  const channelOf = (number: string) => byName.get(number)?.channel ?? options.defaultChannel;
  const lastCall = new Map<string, number>();
  /** Records with undelivered effects, and the earliest time their next one may go. */
  const due = new Map<string, number>();
  let running = false;
  let wake: (() => void) | undefined;
  let loop: Promise<void> | undefined;

  const render = (incident: Incident) => {
    const number = byName.get(incident.number);
    return incidentBlocks({
      incident,
      // No configured number: the "monitoring degraded" pseudo-number.
      number: number
        ? { name: number.name, ...(number.phone ? { phone: number.phone } : {}), api: number.api }
        : { name: incident.number, api: 'cloud' },
      now: now(),
    });
  };

  const send = async (incident: Incident, item: OutboxItem, channel: string): Promise<Outcome> => {
    const effect = item.effect;
    if (effect.kind === 'post-card') {
      if (incident.card) return { kind: 'drop' };
      const message = render(incident);
      const res = await client.chat.postMessage({
        channel,
        ...message,
        unfurl_links: false,
        unfurl_media: false,
        metadata: { event_type: METADATA_EVENT, event_payload: { incident_id: incident.id } },
      });
      return { kind: 'sent', ...(res.ts ? { ts: res.ts } : {}) };
    }
    // A thread or an edit needs the card; none means its post failed for good and was logged then.
    if (!incident.card) return { kind: 'drop' };
    if (effect.kind === 'update-card') {
      await client.chat.update({ channel: incident.card.channel, ts: incident.card.ts, ...render(incident) });
      return { kind: 'sent' };
    }
    await client.chat.postMessage({
      channel: incident.card.channel,
      thread_ts: incident.card.ts,
      text: threadReplyText(effect.events),
      reply_broadcast: effect.broadcast === true,
      unfurl_links: false,
      unfurl_media: false,
    });
    return { kind: 'sent' };
  };

  /** Delivers the next effect of one record, if it may go now; returns when to look at the record again. */
  const deliverNext = async (number: string): Promise<number | undefined> => {
    // The channel is known without reading the record: a busy channel costs no store read.
    const expected = channelOf(number);
    const busyUntil = (lastCall.get(expected) ?? Number.NEGATIVE_INFINITY) + interval;
    if (busyUntil > now()) return busyUntil;

    const stored = await records.get(number);
    const record = stored && upgradeOutbox(stored);
    const item = record && nextItem(record);
    if (!record || !item) return undefined;
    const at = now();
    if (item.notBefore !== undefined && item.notBefore > at) return item.notBefore;
    const incident = incidentOf(record, item);
    const channel = incident?.card?.channel ?? expected;
    const free = (lastCall.get(channel) ?? Number.NEGATIVE_INFINITY) + interval;
    if (free > at) return free;

    let outcome: Outcome;
    if (!incident) outcome = { kind: 'drop' };
    else {
      await records.update(number, (r) => {
        const next = r && upgradeOutbox(r);
        if (next) markInFlight(next, item.seq, at);
        return next;
      });
      lastCall.set(channel, now());
      try {
        outcome = await send(incident, item, channel);
      } catch (error) {
        outcome = outcomeOf(error, item.attempts + 1);
      }
    }

    await records.update(number, (r) => {
      const next = r && upgradeOutbox(r);
      if (next) settle(next, item.seq, settlementOf(outcome, item, channel, now()), at);
      return next;
    });

    options.metrics?.inc('wa_health_slack_calls_total', { effect: item.effect.kind, outcome: outcome.kind });
    if (outcome.kind === 'drop' && outcome.error) {
      logger.error(`Slack refused ${item.effect.kind} for ${number}: ${outcome.error}${hint(outcome.error)}. Dropped.`);
    } else if (outcome.kind === 'retry') {
      const log = item.attempts >= 2 ? logger.warn : logger.info;
      log(`Slack ${item.effect.kind} for ${number} failed (${outcome.error}); retrying in ${Math.round(outcome.afterMs / 1000)} s`);
      if (outcome.error.startsWith('rate limited')) lastCall.set(channel, now() + outcome.afterMs - interval);
    }
    return now();
  };

  const run = async () => {
    while (running) {
      const at = now();
      const ready = [...due].filter(([, t]) => t <= at).map(([n]) => n);
      for (const number of ready) {
        if (!running) return;
        try {
          const next = await deliverNext(number);
          if (next === undefined) due.delete(number);
          else due.set(number, next);
        } catch (error) {
          // The store failed: nothing was lost (the effect is still queued); try again shortly.
          logger.error(`delivering Slack effects for ${number} failed`, error);
          due.set(number, now() + 5000);
        }
      }
      const next = Math.min(...due.values());
      const wait = Number.isFinite(next) ? Math.max(0, next - now()) : 60_000;
      if (ready.length > 0 && wait === 0) continue;
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
    notify(number) {
      if (!due.has(number)) due.set(number, now());
      else due.set(number, Math.min(due.get(number) ?? now(), now()));
      wake?.();
    },
    async start() {
      for (const number of await records.ids()) {
        const record = await records.get(number);
        if (record && record.outbox.length > 0) {
          due.set(number, now());
          const inFlight = record.outbox.filter((i) => i.inFlightSince !== undefined && i.effect.kind === 'post-card').length;
          if (inFlight > 0) logger.warn(`${number}: a card post was in flight when the bot stopped; posting it again`);
        }
      }
      if (due.size > 0) logger.info(`resuming ${due.size} undelivered Slack update(s) from the store`);
      running = true;
      loop = run();
    },
    async stop() {
      running = false;
      wake?.();
      await loop;
    },
  };
}
