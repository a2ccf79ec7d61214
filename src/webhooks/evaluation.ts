import type { Observation } from '../core/observation.js';
import type { SharedWindows } from '../store/webhook-windows.js';
import type { Logger } from '../telemetry/log.js';
import type { Aggregator } from './aggregator.js';
import { createDebounce } from './debounce.js';

export interface Evaluation {
  /** A number's windows changed: looked at after the debounce (at once when `urgent`). */
  mark(number: string, urgent: boolean): void;
  /** Hands observations made elsewhere (account signals) to the engine, in turn with the looks. */
  tell(observations: Observation[]): void;
  /** Looks at these numbers and every one marked, now; resolves once the engine has what they showed. */
  flush(numbers: Iterable<string>): Promise<void>;
  stop(): void;
}

const defined = <T>(x: T | undefined): x is T => x !== undefined;

/**
 * Looking at windows and telling the engine. One queue: looks and account signals reach the engine one
 * at a time, in order. The engine updates records per number anyway, and two looks at one number must not
 * overlap (each resets what is fresh since the last).
 */
export function createEvaluation(options: {
  readonly windows: SharedWindows;
  readonly aggregator: Aggregator;
  readonly observe: (observation: Observation) => Promise<void>;
  readonly logger: Logger;
  readonly now: () => number;
  readonly debounceMs: number;
}): Evaluation {
  const { windows, aggregator, logger } = options;
  let queue: Promise<void> = Promise.resolve();

  const enqueue = (job: () => Promise<Observation[]>): Promise<void> => {
    queue = queue
      .then(job)
      .then(async (observations) => {
        for (const o of observations) {
          await options.observe(o).catch((error: unknown) => logger.error(`recording webhook errors for ${o.number} failed`, error));
        }
      })
      .catch((error: unknown) => logger.error('looking at webhook windows failed', error));
    return queue;
  };
  /** A number's windows as every replica counted them; the raised codes written back when they changed. */
  const lookAt = async (number: string, at: number): Promise<Observation | undefined> => {
    const view = await windows.read(number, (series) => aggregator.sinceOf(series, at));
    const observation = aggregator.evaluate(number, at, view);
    const empty = view.counts.size === 0;
    if (observation || (empty && view.raised.size === 0)) {
      await windows.setRaised(number, observation ? observation.findings.map((f) => f.code) : [], empty);
    }
    return observation;
  };
  const look = (numbers: Iterable<string>) =>
    enqueue(async () => {
      const at = options.now();
      return (await Promise.all([...new Set(numbers)].map((number) => lookAt(number, at)))).filter(defined);
    });
  const debounce = createDebounce(options.debounceMs, (numbers) => void look(numbers));

  return {
    mark: (number, urgent) => debounce.mark(number, urgent),
    tell(observations) {
      if (observations.length > 0) void enqueue(async () => observations);
    },
    flush: (numbers) => look([...numbers, ...debounce.take()]),
    stop: () => debounce.stop(),
  };
}
