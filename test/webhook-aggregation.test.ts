import { describe, expect, it } from 'vitest';
import { createAggregator } from '../src/webhooks/aggregator.js';
import { parseWebhook, type WebhookEvent } from '../src/webhooks/parse.js';
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

  it('ignores unknown fields and skips what is not an object, without throwing', () => {
    expect(parseWebhook(fixture('cloud-131047.json'), 0)).toHaveLength(1);
    expect(parseWebhook({ entry: [null, 3, { changes: 'x' }, { changes: [{ value: [] }] }] }, 0)).toEqual([]);
    expect(parseWebhook('just a string', 0)).toEqual([]);
    expect(parseWebhook({ statuses: [{ status: 'failed', errors: [{ code: 'abc' }] }] }, 7)).toEqual([
      expect.objectContaining({ at: 7, errors: [expect.objectContaining({ code: undefined })] }),
    ]);
  });
});

describe('counting failures in sliding windows', () => {
  it('raises an account-level code (131042 payment) on its first sighting', () => {
    const agg = createAggregator();
    expect(agg.add('Main', parseWebhook(fixture('cloud-131042.json'), T0), T0).urgent).toBe(true);
    const o = agg.evaluate('Main', T0);
    expect(o?.findings.map((f) => f.entryId)).toEqual(['cloud-131042']);
    expect(o?.source).toBe('webhook');
  });

  it('does not raise 20 re-engagement failures in 10 minutes among many statuses, and raises the 21st', () => {
    const agg = createAggregator();
    const ok = Array.from({ length: 400 }, (_, i) => delivered(T0, `ok${i}`));
    agg.add('Main', [...ok, ...Array.from({ length: 20 }, (_, i) => failed(131047, T0 + i * 1000, `f${i}`))], T0 + MIN);
    expect(agg.evaluate('Main', T0 + MIN)).toBeUndefined();
    agg.add('Main', [failed(131047, T0 + 30_000, 'f20')], T0 + MIN);
    expect(agg.evaluate('Main', T0 + MIN)?.findings).toEqual([expect.objectContaining({ entryId: 'cloud-131047', count: 21 })]);
  });

  it('raises on share: more than 10% of the statuses seen, once at least 5 failed', () => {
    const agg = createAggregator();
    const ok = Array.from({ length: 30 }, (_, i) => delivered(T0, `ok${i}`));
    agg.add('Main', [...ok, ...Array.from({ length: 4 }, (_, i) => failed(470, T0, `f${i}`))], T0);
    expect(agg.evaluate('Main', T0)).toBeUndefined();
    agg.add('Main', [failed(470, T0, 'f4')], T0);
    const o = agg.evaluate('Main', T0);
    expect(o?.findings.map((f) => [f.entryId, f.detail])).toEqual([
      ['onprem-470', expect.stringMatching(/^5 failed in the last 10 min \(14% of 35 statuses\)/)],
    ]);
  });

  it('counts a redelivered status once', () => {
    const agg = createAggregator();
    const events = Array.from({ length: 25 }, (_, i) => failed(131047, T0, `w${i}`));
    agg.add('Main', events, T0);
    const again = agg.add('Main', events, T0 + 5000);
    expect(again).toMatchObject({ counted: 0, duplicates: 25 });
    expect(agg.evaluate('Main', T0 + 5000)?.findings[0]?.count).toBe(25);
  });

  it('counts out an event that arrives very late, so an old failure cannot reopen anything', () => {
    const agg = createAggregator();
    const result = agg.add('Main', parseWebhook(fixture('cloud-131042.json', T0 - 3 * 60 * MIN), T0), T0);
    expect(result).toMatchObject({ counted: 0, late: 1, urgent: false });
    expect(agg.evaluate('Main', T0)).toBeUndefined();
  });

  it('clears a rate code once its window has passed, and says so once', () => {
    const agg = createAggregator();
    agg.add(
      'Main',
      Array.from({ length: 25 }, (_, i) => failed(132001, T0, `t${i}`)),
      T0,
    );
    expect(agg.evaluate('Main', T0)?.findings).toHaveLength(1);
    expect(agg.evaluate('Main', T0 + 5 * MIN)).toBeUndefined();
    const cleared = agg.evaluate('Main', T0 + 11 * MIN);
    expect(cleared).toMatchObject({ state: 'healthy', findings: [] });
    expect(agg.evaluate('Main', T0 + 12 * MIN)).toBeUndefined();
  });

  it('keeps the failing template name and sample message ids', () => {
    const agg = createAggregator();
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
    agg.add('Main', events, T0);
    expect(agg.evaluate('Main', T0)?.findings[0]?.detail).toMatch(/template order_update; e\.g\. wamid\.22, wamid\.23, wamid\.24/);
  });

  it('counts a failed status without errors under its own name', () => {
    const agg = createAggregator({ moreThan: 0 });
    agg.add('Main', parseWebhook(fixture('failed-without-errors.json'), T0), T0);
    expect(agg.evaluate('Main', T0)?.findings).toEqual([
      expect.objectContaining({ entryId: 'webhook:no-code', title: 'Failed without an error code' }),
    ]);
  });

  it('counts a redelivered error that names no message once within the hold period', () => {
    const agg = createAggregator();
    const events = parseWebhook(fixture('cloud-system-error.json'), T0);
    expect(agg.add('Main', events, T0).counted).toBe(1);
    expect(agg.add('Main', parseWebhook(fixture('cloud-system-error.json'), T0 + 20 * MIN), T0 + 20 * MIN)).toMatchObject({
      counted: 0,
      duplicates: 1,
    });
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
