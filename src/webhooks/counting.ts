import type { Observation } from '../core/observation.js';
import type { SharedWindows } from '../store/webhook-windows.js';
import type { Metrics } from '../telemetry/metrics.js';
import type { AccountSignal } from './account-signals.js';
import type { Aggregator, AggregatorOptions, Tally } from './aggregator.js';

export interface Counting {
  /** Counts a number's tallies once across replicas; resolves to whether any counted, and if one is urgent. */
  count(number: string, tallies: readonly Tally[], late: number): Promise<{ counted: boolean; urgent: boolean }>;
  /** The observations of account signals no replica applied before. */
  signals(list: ReadonlyArray<{ readonly signal: AccountSignal; readonly at: number }>, route: SignalRoute): Promise<Observation[]>;
}

export type SignalRoute = (signal: AccountSignal, at: number) => Observation[];

/**
 * Counting through the windows: a failure counts only where this call claimed it first, on any replica
 * (a redelivery is a duplicate), and what counted is added to the number's windows.
 */
export function createCounting(options: {
  readonly windows: SharedWindows;
  readonly aggregator: Aggregator;
  readonly settings: AggregatorOptions;
  readonly metrics?: Metrics;
}): Counting {
  const { windows, aggregator, metrics, settings: o } = options;
  // A redelivery comes within 360dialog's retries; one older than lateMs is not counted anyway.
  const claimMs = Math.min(o.dedupeMs, 2 * Math.max(o.lateMs, o.accountHoldMs));
  const keepMs = Math.max(o.windowMs, o.accountHoldMs);
  const events = (result: string, by = 1) => metrics?.inc('wa_health_webhook_events_total', { result }, by);

  return {
    async count(number, tallies, late) {
      const keyed = tallies.filter((t) => t.key !== undefined);
      const claimed = await windows.claim(
        keyed.map((t) => t.key as string),
        claimMs,
      );
      const first = new Set(keyed.filter((_, i) => claimed[i]));
      const counted = tallies.filter((t) => t.key === undefined || first.has(t));
      await windows.add(
        number,
        counted.flatMap((t) => t.series.map((series) => [series, t.at] as const)),
        keepMs,
      );
      events('counted', counted.length);
      events('duplicate', keyed.length - first.size);
      events('late', late);
      return { counted: counted.length > 0, urgent: aggregator.note(number, counted) };
    },
    async signals(list, route) {
      if (list.length === 0) return [];
      const claimed = await windows.claim(
        list.map((s) => `signal:${s.signal.hash}`),
        claimMs,
      );
      return list.flatMap(({ signal, at }, i) => {
        const made = claimed[i] ? route(signal, at) : [];
        events(made.length > 0 ? 'signal' : 'signal_skipped');
        return made;
      });
    },
  };
}
