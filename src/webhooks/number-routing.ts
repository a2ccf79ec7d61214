import type { WaNumber } from '../config/numbers.js';
import type { Observation } from '../core/observation.js';
import type { SharedWindows } from '../store/webhook-windows.js';
import type { Logger } from '../telemetry/log.js';
import type { Metrics } from '../telemetry/metrics.js';
import type { AccountSignal } from './account-signals.js';
import { digitsOf, type WebhookEvent } from './parse.js';
import { createSignalRouter } from './signal-router.js';
import { clip } from '../text/clip.js';

/** How stale this replica's copy of the routes learnt by the leader's polls may be. */
const ROUTES_MS = 5000;
/** Distinct senders warned about at most: anyone holding the secret can invent phone numbers without end. */
const MAX_WARNED = 100;
/** A sender's name in the warning is cut to this (a ?number= or a phone field can be a megabyte). */
const WHO_MAX = 120;

export interface Sorted {
  /** Each configured number's events. */
  readonly byNumber: Map<string, WebhookEvent[]>;
  /** Account signals, applied one by one rather than counted. */
  readonly signals: Array<{ readonly signal: AccountSignal; readonly at: number }>;
}

export interface NumberRouting {
  /**
   * Takes in the routes other replicas learnt, at most every few seconds: a promise while that read is
   * under way (concurrent callers share it), undefined when the routes are fresh.
   */
  refresh(): Promise<void> | undefined;
  /** Which configured number each event is about; an event about none is dropped with one warning per sender. */
  sort(events: readonly WebhookEvent[], hint: string | undefined): Sorted;
  /** The observations an account signal makes (one per number it names). */
  signal(signal: AccountSignal, at: number, hint: string | undefined): Observation[];
  /** Clears for announced ends of signals (a restriction's expiration) that have passed by `now`. */
  due(now: number): Observation[];
  /** A phone number id and WABA id learnt from a number's health answers: webhooks carry them. */
  learn(number: string, phoneNumberId: string | undefined, wabaId: string | undefined): void;
}

/** Copied, not sliced: V8 keeps the whole parent string alive behind a slice, and up to MAX_WARNED are kept. */
const cut = (who: string): string => (who.length > WHO_MAX ? Buffer.from(clip(who, WHO_MAX + 1), 'utf8').toString('utf8') : who);

/** Reads the routes at most every ROUTES_MS; callers meanwhile share the read under way, or get undefined. */
function everyFewSeconds(read: () => Promise<void>, now: () => number): () => Promise<void> | undefined {
  let readAt = Number.NEGATIVE_INFINITY;
  let reading: Promise<void> | undefined;
  return () => {
    if (reading || now() - readAt < ROUTES_MS) return reading;
    readAt = now();
    reading = read()
      // A stale copy routes as well as it did: the windows' failover has said why they did not answer.
      .catch(() => undefined)
      .finally(() => {
        reading = undefined;
      });
    return reading;
  };
}

/**
 * The configured number an event is about: `?number=NAME`, the payload's phone_number_id (learnt from
 * polls, here or on the leader), its display phone number, or the only number there is. A little long:
 * the closure holds the routes and the warned-once senders that its four methods share.
 */
export function createNumberRouting(options: {
  readonly numbers: readonly WaNumber[];
  readonly logger: Logger;
  readonly windows: SharedWindows;
  readonly metrics?: Metrics;
  readonly now?: () => number;
}): NumberRouting {
  const now = options.now ?? Date.now;
  const byName = new Map(options.numbers.map((n) => [n.name.toLowerCase(), n.name]));
  const byPhone = new Map(options.numbers.filter((n) => n.phone).map((n) => [digitsOf(n.phone ?? ''), n.name]));
  const byPhoneId = new Map<string, string>();
  const only = options.numbers.length === 1 ? options.numbers[0]?.name : undefined;
  const warned = new Set<string>();

  const unmatched = (who: string) => {
    const short = cut(who);
    if (warned.has(short) || warned.size >= MAX_WARNED) return;
    warned.add(short);
    options.logger.warn(`${short} matches no configured number: add its phone to numbers.yml or use ?number=NAME`);
  };
  // A WABA id is learnt from the first Cloud health answer: until then, a WABA-level signal names no number.
  const signals = createSignalRouter({ byName, byPhone, only, onUnmatched: unmatched });

  const numberOf = (event: WebhookEvent, hint: string | undefined): string | undefined => {
    if (hint) return byName.get(hint.toLowerCase());
    if (event.phoneNumberId && byPhoneId.has(event.phoneNumberId)) return byPhoneId.get(event.phoneNumberId);
    if (event.phoneDigits && byPhone.has(event.phoneDigits)) return byPhone.get(event.phoneDigits);
    return only;
  };
  const learn = (number: string, phoneNumberId: string | undefined, wabaId: string | undefined) => {
    if (phoneNumberId && byPhoneId.get(phoneNumberId) !== number) byPhoneId.set(phoneNumberId, number);
    if (wabaId) signals.learnWaba(number, wabaId);
  };

  // Routes in the windows may name numbers this replica's numbers.yml does not have (yet): those are skipped.
  const refresh = everyFewSeconds(async () => {
    const { phoneIds, wabas } = await options.windows.routes();
    for (const [id, number] of phoneIds) if (byName.has(number.toLowerCase())) learn(number, id, undefined);
    for (const [number, waba] of wabas) if (byName.has(number.toLowerCase())) learn(number, undefined, waba);
  }, now);

  return {
    refresh,
    sort(events, hint) {
      const sorted: Sorted = { byNumber: new Map(), signals: [] };
      for (const event of events) {
        if (event.signal) {
          sorted.signals.push({ signal: event.signal, at: event.at });
          continue;
        }
        for (const e of event.errors) options.metrics?.inc('wa_health_webhook_errors_total', { code: String(e.code ?? 'none') });
        const name = numberOf(event, hint);
        if (!name) {
          options.metrics?.inc('wa_health_webhook_events_total', { result: 'unmatched' });
          const who = hint ? `?number=${hint}` : event.phoneDigits ? `phone ${event.phoneDigits}` : 'an event without a phone number';
          unmatched(`webhook for ${who}`);
          continue;
        }
        const list = sorted.byNumber.get(name);
        if (list) list.push(event);
        else sorted.byNumber.set(name, [event]);
      }
      return sorted;
    },
    signal: (signal, at, hint) => signals.route(signal, at, hint),
    due: (now) => signals.due(now),
    learn,
  };
}
