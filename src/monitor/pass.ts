import { MONITORING } from '../config/numbers.js';
import type { Observation } from '../core/observation.js';
import type { Logger } from '../telemetry/log.js';
import type { Metrics } from '../telemetry/metrics.js';
import { type Applier, MAX_BATCH } from './applier.js';
import { createApplyQueue } from './apply-queue.js';
import { createPassTally, isNetworkBlind, reportPass } from './pass-tally.js';
import type { Poller } from './poller.js';

/** How long a poll result waits for others before it is written alone. */
const BATCH_DELAY_MS = 20;

export interface PassOptions {
  readonly poller: Poller;
  readonly applier: Pick<Applier, 'apply' | 'applyMany'>;
  readonly now: () => number;
  readonly logger: Logger;
  readonly metrics?: Metrics;
}

/**
 * One poll pass: every answer goes through the engine as it arrives, written in batches while slower
 * numbers are still being asked; the storm rule at the end decides what the silent numbers' answers mean.
 */
export async function pollPass(options: PassOptions): Promise<void> {
  const { poller, applier, now, logger } = options;
  const started = performance.now();
  const tally = createPassTally();
  const held: Observation[] = [];
  const queue = createApplyQueue<Observation>(
    async (batch) =>
      void (await applier.applyMany(batch.map((o) => ({ number: o.number, input: { kind: 'observation', observation: o }, at: o.at })))),
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
  await applier.apply(MONITORING, { kind: 'observation', observation: tally.monitoringObservation(at) }, at);
  reportPass(tally, performance.now() - started, storm, logger, options.metrics);
}
