import { afterEach, describe, expect, it } from 'vitest';
import type { Observation } from '../src/core/observation.js';
import { createLogger } from '../src/telemetry/log.js';
import { createMetrics } from '../src/telemetry/metrics.js';
import type { AggregatorOptions } from '../src/webhooks/aggregator.js';
import { createWebhookIngest, type WebhookIngest } from '../src/webhooks/ingest.js';
import { parseWebhook, type WebhookEvent } from '../src/webhooks/parse.js';
import { testNumber } from './support/numbers.js';
import { webhookFixture } from './support/webhook-fixtures.js';

const T0 = Date.UTC(2026, 10, 25, 9, 0, 0);
const MIN = 60_000;
const fixture = (name: string, at = T0) => JSON.parse(webhookFixture(name, { at }));

const failed = (code: number, at: number, id: string): WebhookEvent => ({
  kind: 'status',
  id,
  status: 'failed',
  at,
  errors: [{ code, title: `code ${code}` }],
});
const delivered = (at: number, id: string): WebhookEvent => ({ kind: 'status', id, status: 'delivered', at, errors: [] });

describe('reading webhook payloads', () => {
  it('reads a Cloud failed status with its code, details, time and phone number', () => {
    const [event] = parseWebhook(fixture('cloud-131042.json'), T0 + 1000);
    expect(event).toMatchObject({ kind: 'status', status: 'failed', at: T0, phoneDigits: '15550783881', phoneNumberId: '106540352242922' });
    expect(event?.errors[0]).toMatchObject({
      code: 131042,
      title: 'Business eligibility payment issue',
      details: expect.stringMatching(/payment method/),
    });
  });

  it('reads the On-Premise format, which has no envelope and no phone number', () => {
    const [event] = parseWebhook(fixture('onprem-470.json'), 0);
    expect(event).toMatchObject({ kind: 'status', status: 'failed', errors: [{ code: 470 }] });
    expect(event?.phoneDigits).toBeUndefined();
  });

  it('reads errors not tied to a message (value.errors) as error events', () => {
    expect(parseWebhook(fixture('cloud-system-error.json'), 5)).toEqual([
      expect.objectContaining({ kind: 'error', at: 5, errors: [expect.objectContaining({ code: 131031 })] }),
    ]);
  });

  it('reads an On-Premise out-of-band errors webhook (top-level errors, no status) as error events known by their payload', () => {
    const [event] = parseWebhook(fixture('onprem-errors-500.json'), 5);
    expect(event).toMatchObject({ kind: 'error', at: 5, errors: [{ code: 500, title: 'Internal server error', details: /database/ }] });
    expect(event?.id).toBeUndefined();
    // Known by payload and delivery: the same delivery handed over again is the same; another delivery of the
    // same payload is not, nor is another payload (here: other details) in the same delivery.
    expect(parseWebhook(fixture('onprem-errors-500.json'), 5)[0]?.payload).toBe(event?.payload);
    expect(parseWebhook(fixture('onprem-errors-500.json'), 5, 'another delivery')[0]?.payload).not.toBe(event?.payload);
    expect(parseWebhook(fixture('onprem-errors-500.json'), 9)[0]?.payload).not.toBe(event?.payload);
    const other = { errors: [{ code: 500, title: 'Internal server error', details: 'another cause' }] };
    expect(parseWebhook(other, 5)[0]?.payload).not.toBe(event?.payload);
  });

  it('ignores unknown fields and skips what is not an object, without throwing', () => {
    expect(parseWebhook(fixture('cloud-131047.json'), 0)).toHaveLength(1);
    expect(parseWebhook({ entry: [null, 3, { changes: 'x' }, { changes: [{ value: [] }] }] }, 0)).toEqual([]);
    expect(parseWebhook('just a string', 0)).toEqual([]);
    expect(parseWebhook({ statuses: [{ status: 'failed', errors: [{ code: 'abc' }] }] }, 7)).toEqual([
      expect.objectContaining({ at: 7, errors: [expect.objectContaining({ code: undefined })] }),
    ]);
  });
});

const MAIN = testNumber('aggregation-key-0123456789', 'http://127.0.0.1:9', 'cloud', 'Main');
const running: WebhookIngest[] = [];
afterEach(() => {
  for (const ingest of running.splice(0)) ingest.stop();
});

/** The ingest as the bot runs it (windows in memory), on a clock the test moves; it looks only when asked. */
function counting(options: Partial<AggregatorOptions> = {}) {
  let clock = T0;
  const told: Observation[] = [];
  const metrics = createMetrics();
  const ingest = createWebhookIngest({
    numbers: [MAIN],
    logger: createLogger({ write: () => {} }),
    observe: async (o) => void told.push(o),
    now: () => clock,
    debounceMs: 60 * MIN,
    aggregator: options,
    metrics,
  });
  running.push(ingest);
  const events = async (result: string) =>
    Number(new RegExp(`^wa_health_webhook_events_total\\{result="${result}"\\} (\\d+)$`, 'm').exec(await metrics.render())?.[1] ?? 0);
  return {
    /** Counts events delivered now. */
    receive: (list: WebhookEvent[], at = clock) => {
      clock = at;
      return ingest.receive(list, undefined);
    },
    /** Delivers a fixture body now, as the receiver would parse it. */
    deliver: (name: string, at = clock) => {
      clock = at;
      return ingest.receive(parseWebhook(fixture(name, at), at), undefined);
    },
    /** Looks at the windows at `at` (as the tick does): what the engine is told. */
    look: async (at = clock) => {
      clock = at;
      await ingest.flush();
      return told.splice(0);
    },
    counted: () => events('counted'),
    duplicates: () => events('duplicate'),
    late: () => events('late'),
  };
}

describe('counting failures in sliding windows', () => {
  it('raises an account-level code (131042 payment) on its first sighting', async () => {
    const c = counting();
    await c.deliver('cloud-131042.json');
    const [o] = await c.look();
    expect(o?.findings.map((f) => f.entryId)).toEqual(['cloud-131042']);
    expect(o?.source).toBe('webhook');
  });

  it('does not raise 20 re-engagement failures in 10 minutes among many statuses, and raises the 21st', async () => {
    const c = counting();
    const ok = Array.from({ length: 400 }, (_, i) => delivered(T0, `ok${i}`));
    await c.receive([...ok, ...Array.from({ length: 20 }, (_, i) => failed(131047, T0 + i * 1000, `f${i}`))], T0 + MIN);
    expect(await c.look()).toEqual([]);
    await c.receive([failed(131047, T0 + 30_000, 'f20')]);
    expect((await c.look())[0]?.findings).toEqual([expect.objectContaining({ entryId: 'cloud-131047', count: 21 })]);
  });

  it('raises on share: more than 10% of the statuses seen, once at least 5 failed', async () => {
    const c = counting();
    const ok = Array.from({ length: 30 }, (_, i) => delivered(T0, `ok${i}`));
    await c.receive([...ok, ...Array.from({ length: 4 }, (_, i) => failed(470, T0, `f${i}`))]);
    expect(await c.look()).toEqual([]);
    await c.receive([failed(470, T0, 'f4')]);
    expect((await c.look())[0]?.findings.map((f) => [f.entryId, f.detail])).toEqual([
      ['onprem-470', expect.stringMatching(/^5 failed in the last 10 min \(14% of 35 statuses\)/)],
    ]);
  });

  it('counts a redelivered status once', async () => {
    const c = counting();
    const events = Array.from({ length: 25 }, (_, i) => failed(131047, T0, `w${i}`));
    await c.receive(events);
    await c.receive(events, T0 + 5000);
    expect([await c.counted(), await c.duplicates()]).toEqual([25, 25]);
    expect((await c.look())[0]?.findings[0]?.count).toBe(25);
  });

  it('counts out an event that arrives very late, so an old failure cannot reopen anything', async () => {
    const c = counting();
    await c.receive(parseWebhook(fixture('cloud-131042.json', T0 - 3 * 60 * MIN), T0));
    expect([await c.counted(), await c.late()]).toEqual([0, 1]);
    expect(await c.look()).toEqual([]);
  });

  it('clears a rate code once its window has passed, and says so once', async () => {
    const c = counting();
    await c.receive(Array.from({ length: 25 }, (_, i) => failed(132001, T0, `t${i}`)));
    expect((await c.look())[0]?.findings).toHaveLength(1);
    expect(await c.look(T0 + 5 * MIN)).toEqual([]);
    expect(await c.look(T0 + 11 * MIN)).toEqual([expect.objectContaining({ state: 'healthy', findings: [] })]);
    expect(await c.look(T0 + 12 * MIN)).toEqual([]);
  });

  it('keeps the failing template name and sample message ids', async () => {
    const c = counting();
    const events: WebhookEvent[] = Array.from({ length: 25 }, (_, i) => ({
      kind: 'status',
      id: `wamid.${i}`,
      status: 'failed',
      at: T0,
      errors: [
        {
          code: 132001,
          title: 'Template name does not exist in the translation',
          details: 'template name (order_update) does not exist in en_US',
        },
      ],
    }));
    await c.receive(events);
    expect((await c.look())[0]?.findings[0]?.detail).toMatch(/template order_update; e\.g\. wamid\.22, wamid\.23, wamid\.24/);
  });

  it('counts a failed status without errors under its own name', async () => {
    const c = counting({ moreThan: 0 });
    await c.deliver('failed-without-errors.json');
    expect((await c.look())[0]?.findings).toEqual([
      expect.objectContaining({ entryId: 'webhook:no-code', title: 'Failed without an error code' }),
    ]);
  });

  it('reads a timestamp in milliseconds, and never places an event in the future', () => {
    const inMs = parseWebhook({ statuses: [{ id: 'a', status: 'failed', timestamp: String(T0 - 5000), errors: [{ code: 470 }] }] }, T0);
    expect(inMs[0]?.at).toBe(T0 - 5000);
    const future = parseWebhook(
      { statuses: [{ id: 'b', status: 'failed', timestamp: String(Math.floor(T0 / 1000) + 86_400), errors: [{ code: 470 }] }] },
      T0,
    );
    expect(future[0]?.at).toBe(T0);
  });
});

describe('errors tied to no message (no id, no time), as 360dialog redelivers them for days', () => {
  it('counts the same delivery handed over twice once, and a second delivery of the same payload again', async () => {
    const c = counting();
    const once = parseWebhook(fixture('onprem-errors-500.json', T0 + 1000), T0 + 1000, 'delivery-1');
    await c.receive(once, T0 + 1000);
    await c.receive(once, T0 + 1000);
    expect([await c.counted(), await c.duplicates()]).toEqual([1, 1]);
    await c.deliver('onprem-errors-500.json', T0 + 4000);
    expect([await c.counted(), await c.duplicates()]).toEqual([2, 1]);
  });

  it('counts each of 25 deliveries of one error in a minute, and raises it once at the fifth', async () => {
    const c = counting();
    const raised: Observation[] = [];
    for (let i = 0; i < 25; i++) {
      await c.deliver('onprem-errors-500.json', T0 + i * 2500);
      raised.push(...(await c.look()));
    }
    expect([await c.counted(), await c.duplicates()]).toEqual([25, 0]);
    // The fifth delivery crosses the threshold (5 failures, none of them among statuses): raised once, then updated.
    // Since the On-Premise client table joined the catalog, a 500 by webhook is that client's own generic message error.
    expect(raised[0]).toMatchObject({ state: 'degraded', findings: [{ entryId: 'onprem-500', count: 5 }] });
    expect(raised[0]?.findings[0]?.detail).toMatch(/^5 failed in the last 10 min/);
    expect(raised.at(-1)?.findings[0]?.detail).toMatch(/^25 failed in the last 10 min/);
  });

  it('counts the same error again in a later slot, an hour or days after the first', async () => {
    const c = counting();
    await c.deliver('onprem-errors-1011.json');
    await c.deliver('onprem-errors-1011.json', T0 + 60 * MIN);
    await c.deliver('onprem-errors-1011.json', T0 + 3 * 24 * 60 * MIN);
    expect([await c.counted(), await c.duplicates()]).toEqual([3, 0]);
  });

  it('tells two errors of one payload apart, and the same delivery handed over again counts neither again', async () => {
    const c = counting();
    const body = {
      errors: [
        { code: 500, title: 'Internal server error' },
        { code: 500, title: 'Internal server error' },
      ],
    };
    const delivery = parseWebhook(body, T0, 'one delivery');
    await c.receive(delivery, T0);
    await c.receive(delivery, T0 + 2000);
    expect([await c.counted(), await c.duplicates()]).toEqual([2, 2]);
  });
});
