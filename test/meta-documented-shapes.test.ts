import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Observation } from '../src/core/observation.js';
import { createLogger } from '../src/telemetry/log.js';
import { createWebhookIngest, type WebhookIngest } from '../src/webhooks/ingest.js';
import { webhookRoute } from '../src/webhooks/receiver.js';
import { close, listen } from './fakes/http-server.js';
import { testNumber } from './support/numbers.js';
import { SIGNAL_FIELDS } from '../src/webhooks/account-signals.js';
import { accountShapes, type DocumentedShape, type Expect } from './support/meta-shapes.js';
import { trafficShapes } from './support/meta-shapes-traffic.js';
import { until } from './support/until.js';

/**
 * Every payload shape Meta's webhook reference documents (our own rewrite of each, 81 in all), posted
 * through the real receiver into the real ingest, in the order of the pages: what each one tells the
 * monitor. Ordinary traffic tells it nothing; a signal tells it a warning (degraded), a critical
 * incident (down), or a clear.
 */
const SECRET = 'documented-shapes-secret-0123456789';
const LINE = testNumber('documented-shapes-key-0123456789', 'http://127.0.0.1:9', 'cloud', 'Only line');

let url = '';
let stop: () => Promise<void>;
let ingest: WebhookIngest;
const told: Observation[] = [];
const handed: Promise<void>[] = [];

beforeAll(async () => {
  const logger = createLogger({ write: () => {} });
  ingest = createWebhookIngest({ numbers: [LINE], logger, debounceMs: 0, observe: async (o) => void told.push(o) });
  const route = webhookRoute({ secret: SECRET, logger, onEvents: (events, hint) => void handed.push(ingest.receive(events, hint)) });
  const server = await listen(route.handler);
  url = `${server.url}/webhooks/360dialog`;
  stop = async () => {
    ingest.stop();
    await close(server.server);
  };
});
afterAll(() => stop?.());

/** Posts one shape, waits until the receiver handed it over and it was counted and looked at: what the monitor was told. */
async function outcome(body: unknown): Promise<Expect> {
  const before = handed.length;
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-webhook-secret': SECRET },
    body: JSON.stringify(body),
  });
  await res.arrayBuffer();
  expect(res.status).toBe(200);
  await until(() => handed.length > before, 'the receiver hands the delivery over');
  await Promise.all(handed);
  await ingest.flush();
  const said = told.splice(0);
  if (said.length === 0) return 'none';
  if (said.some((o) => o.state === 'down')) return 'critical';
  if (said.some((o) => o.state === 'degraded')) return 'warning';
  return said.every((o) => (o.clears?.length ?? 0) > 0) ? 'clear' : 'none';
}

const all: DocumentedShape[] = [...accountShapes, ...trafficShapes];

describe("Meta's documented webhook shapes, rewritten, through the real receiver", () => {
  it('covers every documented example', () => {
    expect(all).toHaveLength(81);
    expect(new Set(all.map((s) => s.name)).size).toBe(all.length);
    // Against the code, not only the list's own length: every account field the receiver reads has a shape here.
    const shaped = new Set(accountShapes.map((s) => s.name.split(' ')[0]));
    expect([...SIGNAL_FIELDS].filter((field) => !shaped.has(field))).toEqual([]);
  });

  it('reads each as an engineer would: ordinary traffic and information say nothing, signals their severity', async () => {
    const seen: string[] = [];
    for (const shape of all) seen.push(`${shape.name}: ${await outcome(shape.body)}`);
    expect(seen).toEqual(all.map((s) => `${s.name}: ${s.expect}`));
  });
});
