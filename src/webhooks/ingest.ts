import type { Observation } from '../d360/observation.js';
import type { Logger } from '../telemetry/log.js';
import type { Metrics } from '../telemetry/metrics.js';
import type { WaNumber } from '../config/numbers.js';
import { type Aggregator, type AggregatorOptions, createAggregator } from './aggregator.js';
import { digitsOf, type WebhookEvent } from './parse.js';
import { createSignalRouter } from './signal-router.js';

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
  const signals = createSignalRouter({
    byName,
    byPhone,
    only,
    onUnmatched: (who) => {
      // A WABA id is learnt from the first Cloud health answer: until then, say what would match it.
      const short = who.slice(0, 160);
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
          options.logger.error(`recording webhook errors for ${o.number} failed`, error);
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

  const evaluate = (names: Iterable<string>) => {
    const at = now();
    return deliver([...names].map((name) => aggregator.evaluate(name, at)).filter((o): o is Observation => o !== undefined));
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

  return {
    receive(events, hint) {
      const byNumber = new Map<string, WebhookEvent[]>();
      for (const event of events) {
        // Account signals are single events: applied at once, past the failure-rate thresholds.
        if (event.signal) {
          const observations = signals.route(event.signal, event.at, hint);
          options.metrics?.inc('wa_health_webhook_events_total', { result: observations.length ? 'signal' : 'signal_skipped' });
          if (observations.length) void deliver(observations);
          continue;
        }
        for (const e of event.errors) options.metrics?.inc('wa_health_webhook_errors_total', { code: String(e.code ?? 'none') });
        const name = numberOf(event, hint);
        if (!name) {
          options.metrics?.inc('wa_health_webhook_events_total', { result: 'unmatched' });
          // Cut short (and copied, not sliced): up to 100 of these are remembered, and a field can be a megabyte.
          const raw = hint ? `?number=${hint}` : event.phoneDigits ? `phone ${event.phoneDigits}` : 'an event without a phone number';
          const who = raw.length > 120 ? `${Buffer.from(raw.slice(0, 120), 'utf8').toString('utf8')}…` : raw;
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
      let urgent = false;
      for (const [name, list] of byNumber) {
        const result = aggregator.add(name, list, now());
        options.metrics?.inc('wa_health_webhook_events_total', { result: 'counted' }, result.counted);
        options.metrics?.inc('wa_health_webhook_events_total', { result: 'duplicate' }, result.duplicates);
        options.metrics?.inc('wa_health_webhook_events_total', { result: 'late' }, result.late);
        if (result.counted > 0) pending.add(name);
        urgent ||= result.urgent;
      }
      if (pending.size > 0) schedule(urgent);
    },
    learn(number, phoneNumberId, wabaId) {
      if (phoneNumberId && byPhoneId.get(phoneNumberId) !== number) byPhoneId.set(phoneNumberId, number);
      if (wabaId) signals.learnWaba(number, wabaId);
    },
    async flush() {
      await evaluate(new Set([...aggregator.numbers(), ...pending]));
      pending.clear();
    },
    stop() {
      if (timer) clearTimeout(timer);
    },
  };
}
