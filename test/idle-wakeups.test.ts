import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { describe, expect, it } from 'vitest';
import { createMetrics } from '../src/telemetry/metrics.js';
import { until } from './support/until.js';

/**
 * An idle bot sleeps (issue 25): prom-client's event-loop sampler used to wake the process every
 * 10 ms, 3,000 times per 30 s, which was most of an idle bot's CPU. Each sample the histogram keeps is
 * the time between two wake-ups, so its smallest sample says how often the sampler wakes: no more
 * often than about once a second now. (The CPU itself is measured by bench/idle.ts, never here.)
 */
describe('the event-loop sampler', () => {
  it('wakes the process about once a second, not every 10 ms', async () => {
    const metrics = createMetrics();
    const minLag = async () => {
      const family = parsePrometheusTextFormat(await metrics.render()).find((f) => f.name === 'nodejs_eventloop_lag_min_seconds');
      const value = Number(family?.metrics[0]?.value);
      // Before its first sample the histogram's minimum is its "no value yet" sentinel (about 9.2e9 s).
      return Number.isFinite(value) && value > 0 && value < 1e6 ? value : undefined;
    };
    // Every scrape resets the histogram (and its first sample needs two wake-ups after that): look less often.
    const smallest = await until(minLag, 'the event-loop histogram has a sample', { everyMs: 2500 });
    expect(smallest).toBeGreaterThanOrEqual(0.5);
  });
});
