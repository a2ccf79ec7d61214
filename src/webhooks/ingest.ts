import type { Observation } from '../core/observation.js';
import { fields, type Logger } from '../telemetry/log.js';
import type { Metrics } from '../telemetry/metrics.js';
import type { WaNumber } from '../config/numbers.js';
import { type Aggregator, type AggregatorOptions, createAggregator, DEFAULT_AGGREGATOR_OPTIONS } from './aggregator.js';
import { digitsOf, type WebhookEvent } from './parse.js';
import type { SharedWindows } from '../store/webhook-windows.js';
import { createSignalRouter } from './signal-router.js';
import { clip } from '../text/clip.js';

/** How stale a follower's copy of the routing learnt by the leader's polls may be. */
const ROUTES_MS = 5000;

export interface WebhookIngest {
  /** Sorts events to their numbers and counts them. */
  receive(events: WebhookEvent[], numberHint: string | undefined): void;
  /** Meta's phone number id and WABA id of a number, learnt from its health answers: webhooks carry them. */
  learn(number: string, phoneNumberId: string | undefined, wabaId?: string): void;
  /** Looks at every window now: raises what crossed a threshold, clears what fell back. */
  flush(): Promise<void>;
  stop(): void;
}

export interface IngestOptions {
  readonly numbers: readonly WaNumber[];
  readonly logger: Logger;
  readonly observe: (observation: Observation) => Promise<void>;
  readonly aggregator?: Partial<AggregatorOptions>;
  readonly now?: () => number;
  /** Counts are looked at this soon after events arrive (account-level codes: at once). */
  readonly debounceMs?: number;
  readonly metrics?: Metrics;
  /** With several replicas (Redis): dedupe, window counts, raised codes and routing shared by all of them. */
  readonly shared?: SharedWindows;
}

/**
 * Between the receiver and the incident engine: the engine sees one observation per number when
 * its window changes, not one per webhook call, so thousands of statuses a second stay cheap.
 */
export function createWebhookIngest(options: IngestOptions): WebhookIngest {
  const now = options.now ?? Date.now;
  const aggregator: Aggregator = createAggregator(options.aggregator);
  const debounce = options.debounceMs ?? 1000;
  const byName = new Map(options.numbers.map((n) => [n.name.toLowerCase(), n.name]));
  const byPhone = new Map(options.numbers.filter((n) => n.phone).map((n) => [digitsOf(n.phone ?? ''), n.name]));
  const byPhoneId = new Map<string, string>();
  const only = options.numbers.length === 1 ? options.numbers[0]?.name : undefined;
  const unmatched = new Set<string>();
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let chain: Promise<void> = Promise.resolve();
  const { shared } = options;
  const o = { ...DEFAULT_AGGREGATOR_OPTIONS, ...options.aggregator };
  // A redelivery comes within 360dialog's retries; one older than lateMs is not counted anyway.
  const claimMs = Math.min(o.dedupeMs, 2 * Math.max(o.lateMs, o.accountHoldMs));
  let received: Promise<void> = Promise.resolve();
  let routesAt = Number.NEGATIVE_INFINITY;
  let sharedDown = false;
  let retryAt = Number.NEGATIVE_INFINITY;
  /** Said once per outage: at thousands of statuses a second, a line per call would drown the log. */
  const sharedFailed = (what: string, error: unknown) => {
    if (!sharedDown) options.logger.error(`webhook state in Redis unavailable (${what}): counting on this replica alone meanwhile`, error);
    sharedDown = true;
    retryAt = now() + ROUTES_MS;
  };
  /** Shared state to use now: none configured, or tried again a few seconds after a failure. */
  const usable = (): SharedWindows | undefined => (shared && (!sharedDown || now() >= retryAt) ? shared : undefined);
  const sharedOk = () => {
    if (sharedDown) options.logger.info('webhook state in Redis answers again');
    sharedDown = false;
  };
  const signals = createSignalRouter({
    byName,
    byPhone,
    only,
    onUnmatched: (who) => {
      // A WABA id is learnt from the first Cloud health answer: until then, say what would match it.
      const short = clip(who, 160);
      if (unmatched.has(short) || unmatched.size >= 100) return;
      unmatched.add(short);
      options.logger.warn(`${short} matches no configured number: add its phone to numbers.yml or use ?number=NAME`);
    },
  });

  /** Hands observations to the engine one at a time, in order: its records are updated per number anyway. */
  const deliver = (observations: Observation[]) => {
    chain = chain.then(async () => {
      for (const o of observations) {
        try {
          await options.observe(o);
        } catch (error) {
          options.logger.error(`recording webhook errors for ${o.number} failed`, error, fields({ number: o.number }));
        }
      }
    });
    return chain;
  };

  /**
   * The configured number an event is about: ?number=NAME, the payload's phone_number_id (learnt
   * from health answers), its display phone number, or the only number there is.
   */
  const numberOf = (event: WebhookEvent, hint: string | undefined): string | undefined => {
    if (hint) return byName.get(hint.toLowerCase());
    if (event.phoneNumberId && byPhoneId.has(event.phoneNumberId)) return byPhoneId.get(event.phoneNumberId);
    if (event.phoneDigits && byPhone.has(event.phoneDigits)) return byPhone.get(event.phoneDigits);
    return only;
  };

  const evaluate = async (names: Iterable<string>) => {
    const at = now();
    const shared = usable();
    if (!shared) {
      return deliver([...names].map((name) => aggregator.evaluate(name, at)).filter((x): x is Observation => x !== undefined));
    }
    const observations: Observation[] = [];
    for (const name of names) {
      try {
        const view = await shared.read(name, (series) => aggregator.sinceOf(series, at));
        const observation = aggregator.evaluate(name, at, view);
        if (observation) observations.push(observation);
        const empty = view.counts.size === 0;
        if (observation || (empty && view.raised.size === 0)) {
          await shared.setRaised(name, observation ? observation.findings.map((f) => f.code) : [], empty);
        }
        sharedOk();
      } catch (error) {
        sharedFailed('evaluating', error);
        const observation = aggregator.evaluate(name, at);
        if (observation) observations.push(observation);
      }
    }
    return deliver(observations);
  };

  const schedule = (urgent: boolean) => {
    if (urgent) {
      if (timer) clearTimeout(timer);
      timer = undefined;
      const names = [...pending];
      pending.clear();
      void evaluate(names);
      return;
    }
    timer ??= setTimeout(() => {
      timer = undefined;
      const names = [...pending];
      pending.clear();
      void evaluate(names);
    }, debounce);
    timer.unref?.();
  };

  /** Followers learn phone number and WABA ids from the leader's polls through Redis. */
  const refreshRoutes = async () => {
    if (!shared || now() - routesAt < ROUTES_MS) return;
    routesAt = now();
    const { phoneIds, wabas } = await shared.routes();
    for (const [id, number] of phoneIds) byPhoneId.set(id, number);
    for (const [number, waba] of wabas) signals.learnWaba(number, waba);
  };

  /** Counts each number's events; with shared state, a failure is new only if no replica claimed it before. */
  const count = async (byNumber: Map<string, WebhookEvent[]>) => {
    let urgent = false;
    for (const [name, list] of byNumber) {
      const at = now();
      let isFirst: ((key: string) => boolean) | undefined;
      const shared = usable();
      if (shared) {
        try {
          const keys = aggregator.keysOf(name, list, at).filter((k): k is string => k !== undefined);
          const claimed = await shared.claim(keys, claimMs);
          const first = new Set(keys.filter((_, i) => claimed[i]));
          isFirst = (key) => first.delete(key);
          sharedOk();
        } catch (error) {
          sharedFailed('deduplicating', error);
        }
      }
      const result = aggregator.add(name, list, at, isFirst);
      if (isFirst && shared)
        await shared.add(name, result.tallied, Math.max(o.windowMs, o.accountHoldMs)).catch((e) => sharedFailed('counting', e));
      options.metrics?.inc('wa_health_webhook_events_total', { result: 'counted' }, result.counted);
      options.metrics?.inc('wa_health_webhook_events_total', { result: 'duplicate' }, result.duplicates);
      options.metrics?.inc('wa_health_webhook_events_total', { result: 'late' }, result.late);
      if (result.counted > 0) pending.add(name);
      urgent ||= result.urgent;
    }
    if (pending.size > 0) schedule(urgent);
  };

  const sort = (events: WebhookEvent[], hint: string | undefined, firstSignals?: ReadonlySet<string>) => {
    const byNumber = new Map<string, WebhookEvent[]>();
    for (const event of events) {
      // Account signals are single events: applied at once, past the failure-rate thresholds.
      if (event.signal) {
        if (firstSignals && !firstSignals.has(event.signal.hash)) continue;
        const observations = signals.route(event.signal, event.at, hint);
        options.metrics?.inc('wa_health_webhook_events_total', { result: observations.length ? 'signal' : 'signal_skipped' });
        if (observations.length) void deliver(observations);
        continue;
      }
      for (const e of event.errors) options.metrics?.inc('wa_health_webhook_errors_total', { code: String(e.code ?? 'none') });
      const name = numberOf(event, hint);
      if (!name) {
        options.metrics?.inc('wa_health_webhook_events_total', { result: 'unmatched' });
        // Cut short (and copied: a slice keeps its parent alive): up to 100 of these are remembered, and a field can be a megabyte.
        const raw = hint ? `?number=${hint}` : event.phoneDigits ? `phone ${event.phoneDigits}` : 'an event without a phone number';
        const who = raw.length > 120 ? Buffer.from(clip(raw, 121), 'utf8').toString('utf8') : raw;
        if (!unmatched.has(who) && unmatched.size < 100) {
          unmatched.add(who);
          options.logger.warn(`webhook for ${who} matches no configured number: add its phone to numbers.yml or use ?number=NAME`);
        }
        continue;
      }
      const list = byNumber.get(name);
      if (list) list.push(event);
      else byNumber.set(name, [event]);
    }
    return byNumber;
  };

  /** With shared state: routes refreshed, redelivered signals dropped across replicas, then counted. */
  const receiveShared = async (events: WebhookEvent[], hint: string | undefined) => {
    let firstSignals: Set<string> | undefined;
    try {
      await refreshRoutes();
      const hashes = events.flatMap((e) => (e.signal ? [e.signal.hash] : []));
      const claimed = await shared?.claim(
        hashes.map((h) => `signal:${h}`),
        claimMs,
      );
      firstSignals = new Set(hashes.filter((_, i) => claimed?.[i]));
    } catch (error) {
      sharedFailed('routing', error);
    }
    await count(sort(events, hint, firstSignals));
  };

  return {
    receive(events, hint) {
      if (!shared) {
        void count(sort(events, hint));
        return;
      }
      // One call at a time, in order: a redelivery racing its original is claimed by one of them.
      received = received.then(() => receiveShared(events, hint)).catch((e) => options.logger.error('counting webhook events failed', e));
    },
    learn(number, phoneNumberId, wabaId) {
      if (phoneNumberId && byPhoneId.get(phoneNumberId) !== number) byPhoneId.set(phoneNumberId, number);
      if (wabaId) signals.learnWaba(number, wabaId);
      shared?.learn(number, phoneNumberId, wabaId).catch((error) => sharedFailed('learning routes', error));
    },
    async flush() {
      await received;
      const listing = usable()?.numbers();
      const everywhere = await (listing ?? Promise.resolve([])).catch((error: unknown) => {
        sharedFailed('listing', error);
        return [];
      });
      await evaluate(new Set([...aggregator.numbers(), ...pending, ...everywhere]));
      pending.clear();
    },
    stop() {
      if (timer) clearTimeout(timer);
    },
  };
}
