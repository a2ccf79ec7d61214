import type { WaNumber } from '../config/numbers.js';
import type { Observation } from '../core/observation.js';
import { createMemoryWindows } from '../store/memory-windows.js';
import type { SharedWindows } from '../store/webhook-windows.js';
import type { Logger } from '../telemetry/log.js';
import type { Metrics } from '../telemetry/metrics.js';
import { type AggregatorOptions, createAggregator, DEFAULT_AGGREGATOR_OPTIONS } from './aggregator.js';
import { createCounting } from './counting.js';
import { createEvaluation } from './evaluation.js';
import { createNumberRouting } from './number-routing.js';
import type { WebhookEvent } from './parse.js';

export interface WebhookIngest {
  /** Sorts events to their numbers and counts them; resolves once they are counted (never rejects). */
  receive(events: WebhookEvent[], numberHint: string | undefined): Promise<void>;
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
  /**
   * Where dedupe claims, window counts, raised codes and learnt routes live: this process's memory by
   * default; with replicas, Redis behind its failover (store/webhook-windows.ts). The code path is the same.
   */
  readonly windows?: SharedWindows;
}

/**
 * Between the receiver and the incident engine, in three steps: routing (number-routing.ts: which
 * configured number an event is about), counting (counting.ts: once across replicas, into the windows)
 * and evaluation (evaluation.ts: a debounced look, so the engine sees one observation per number when its
 * window changes, not one per webhook call).
 */
export function createWebhookIngest(options: IngestOptions): WebhookIngest {
  const { logger, metrics } = options;
  const now = options.now ?? Date.now;
  const settings = { ...DEFAULT_AGGREGATOR_OPTIONS, ...options.aggregator };
  const windows = options.windows ?? createMemoryWindows({ now });
  const aggregator = createAggregator(settings);
  const routing = createNumberRouting({ numbers: options.numbers, logger, windows, now, ...(metrics ? { metrics } : {}) });
  const counting = createCounting({ windows, aggregator, settings, ...(metrics ? { metrics } : {}) });
  const evaluation = createEvaluation({
    windows,
    aggregator,
    observe: options.observe,
    logger,
    now,
    debounceMs: options.debounceMs ?? 1000,
  });
  const inflight = new Set<Promise<void>>();

  const handle = async (events: readonly WebhookEvent[], hint: string | undefined) => {
    const routes = routing.refresh();
    if (routes) await routes;
    const at = now();
    const { byNumber, signals } = routing.sort(events, hint);
    // Tallied before any round trip: from here on only the compact tallies are held, not the payload.
    const tallied = [...byNumber].map(([number, list]) => ({ number, ...aggregator.tally(number, list, at) }));
    const applied = counting.signals(signals, (signal, when) => routing.signal(signal, when, hint)).then(evaluation.tell);
    const counts = tallied.map(async ({ number, tallies, late }) => {
      const { counted, urgent } = await counting.count(number, tallies, late);
      if (counted) evaluation.mark(number, urgent);
    });
    await Promise.all([applied, ...counts]);
  };

  return {
    receive(events, hint) {
      // Not queued behind each other: claims are atomic, so a redelivery racing its original is counted by one.
      const done = handle(events, hint).catch((error: unknown) => logger.error('counting webhook events failed', error));
      inflight.add(done);
      void done.finally(() => inflight.delete(done));
      return done;
    },
    learn(number, phoneNumberId, wabaId) {
      routing.learn(number, phoneNumberId, wabaId);
      windows.learn(number, phoneNumberId, wabaId).catch((error: unknown) => logger.error('storing learnt webhook routes failed', error));
    },
    async flush() {
      await Promise.all(inflight);
      // Restrictions whose announced end has passed end now, through the same queue as every signal.
      evaluation.tell(routing.due(now()));
      const listed = await windows.numbers().catch((error: unknown) => {
        logger.error('listing webhook windows failed', error);
        return [];
      });
      await evaluation.flush([...aggregator.numbers(), ...listed]);
    },
    stop: () => evaluation.stop(),
  };
}
