import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createD360Client } from '../src/d360/client.js';
import { createLogger } from '../src/telemetry/log.js';
import { createPoller } from '../src/monitor/poller.js';
import { createScheduler } from '../src/schedule/scheduler.js';
import { type FakeD360, HEALTHY_CLOUD, startFakeD360 } from './fakes/d360.js';
import { testNumber } from './support/numbers.js';

let fake: FakeD360;
const client = createD360Client({ timeoutMs: 2000, retries: 0 });
const quiet = createLogger({ level: 'error', write: () => {} });

beforeAll(async () => {
  fake = await startFakeD360();
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.latencyMs = 0;
  fake.holdUntilInFlight = undefined;
  fake.resetStats();
});

const cloudNumbers = (prefix: string, count: number) =>
  Array.from({ length: count }, (_, i) => {
    const key = `${prefix}-${i}-key`;
    fake.script(key, { json: HEALTHY_CLOUD });
    return testNumber(key, fake.url, 'cloud', `${prefix} ${i}`);
  });

describe('the poller', () => {
  it('keeps at most POLL_CONCURRENCY calls in flight, and uses them', async () => {
    // The first five answers wait until five are in flight: "uses them" without guessing a latency; the
    // rest answer after 30 ms, so that a poller without a bound would show more than five at once.
    fake.holdUntilInFlight = 5;
    fake.latencyMs = 30;
    const numbers = cloudNumbers('bounded', 40);
    const observations = await createPoller({ numbers, client, concurrency: 5 }).pollAll();
    expect(observations).toHaveLength(40);
    expect(observations.every((o) => o.state === 'healthy')).toBe(true);
    expect(fake.peakInFlight).toBe(5);
  });

  it('asks an On-Premise number at most once per 5 minutes, since 360dialog caches its health', async () => {
    let now = 1_000_000;
    fake.script('onprem-key', { json: { health: { gateway_status: 'connected' } } });
    const numbers = [testNumber('onprem-key', fake.url, 'onprem', 'legacy'), ...cloudNumbers('mixed', 1)];
    const poller = createPoller({ numbers, client, concurrency: 2, now: () => now });
    await poller.pollAll();
    now += 60_000;
    await poller.pollAll();
    now += 4 * 60_000;
    await poller.pollAll();
    expect(fake.requestsFor('onprem-key').map((r) => r.path)).toEqual(['/v1/health', '/v1/health']);
    expect(fake.requestsFor('mixed-0-key')).toHaveLength(3);
  });

  it('backs off a number 360dialog is throttling, and doubles the wait while it lasts (jittered)', async () => {
    let now = 2_000_000;
    const limit = {
      status: 400,
      json: {
        meta: {
          httpCode: 400,
          developerMessage: 'You have exceeded the limit of 1 request every 5 seconds. Try again later.',
          success: false,
        },
      },
    };
    fake.script('throttled-key', limit);
    const poller = createPoller({
      numbers: [testNumber('throttled-key', fake.url)],
      client,
      concurrency: 1,
      now: () => now,
      logger: quiet,
    });
    // A pass every second, until three waits are over: the first lasts 30–60 s, each next one twice as long.
    const polls: number[] = [];
    for (let t = 0; polls.length < 4 && t <= 500_000; t += 1000) {
      now = 2_000_000 + t;
      if ((await poller.pollAll()).length > 0) polls.push(t);
    }
    const waits = polls.slice(1).map((t, i) => t - (polls[i] as number));
    expect(polls[0]).toBe(0);
    expect(waits).toHaveLength(3);
    for (const [i, wait] of waits.entries()) {
      expect(wait).toBeGreaterThanOrEqual(30_000 * 2 ** i);
      expect(wait).toBeLessThanOrEqual(60_000 * 2 ** i);
    }
    expect(fake.requestsFor('throttled-key')).toHaveLength(4);
  });

  it('re-checks one number on demand, even an On-Premise one inside its cache window', async () => {
    fake.script('recheck-key', { json: { health: { gateway_status: 'disconnected' } } });
    const poller = createPoller({ numbers: [testNumber('recheck-key', fake.url, 'onprem', 'legacy')], client, concurrency: 1 });
    await poller.pollAll();
    const again = await poller.checkOne('legacy');
    expect(again?.source).toBe('recheck');
    expect(again?.cachedUpToMs).toBe(300_000);
    expect(fake.requestsFor('recheck-key')).toHaveLength(2);
    expect(await poller.checkOne('nobody')).toBeUndefined();
  });
});

describe('the schedule', () => {
  it('never overlaps runs and never exceeds POLL_CONCURRENCY, even when a pass outlasts the tick', async () => {
    fake.latencyMs = 400;
    const numbers = cloudNumbers('scheduled', 9);
    const poller = createPoller({ numbers, client, concurrency: 3 });
    let running = 0;
    let maxRunning = 0;
    let runs = 0;
    // One pass: 9 numbers / 3 at a time × 400 ms ≈ 1.2 s, longer than the 1-second tick.
    const said: string[] = [];
    const scheduler = createScheduler({
      schedule: '* * * * * *',
      logger: createLogger({ level: 'info', write: (line) => said.push(line) }),
      task: async () => {
        running += 1;
        runs += 1;
        maxRunning = Math.max(maxRunning, running);
        try {
          await poller.pollAll();
        } finally {
          running -= 1;
        }
      },
    });
    scheduler.start();
    // Until a second run has begun and a tick fell inside a run (and was skipped, not doubled).
    await expect.poll(() => runs >= 2 && said.some((l) => /skipped a tick/.test(l))).toBe(true);
    await scheduler.stop();
    await expect.poll(() => running).toBe(0);
    expect(maxRunning).toBe(1);
    expect(fake.peakInFlight).toBeLessThanOrEqual(3);
    expect(fake.peakInFlight).toBe(3);
  });
});
