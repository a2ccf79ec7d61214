import { readdirSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { brokenText, mutated } from './support/mutate.js';
import { testNumber } from './support/numbers.js';
import { webhookFixture } from './support/webhook-fixtures.js';
import { startWebhookServer } from './support/webhook-route.js';

const NUMBER = testNumber('fuzz-webhook-key-0123456789', 'http://127.0.0.1:9', 'cloud', 'Only line');
const FIXTURES = readdirSync(new URL('./fixtures/webhooks/', import.meta.url))
  // waba/ holds account-signal fixtures: they raise warnings without any failed message, which this oracle forbids.
  .filter((f) => f.endsWith('.json') && f !== 'truncated.json')
  .map((f) => JSON.parse(webhookFixture(f)) as unknown);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** The oracle, apart from the parser: a failure needs a non-empty `errors` list or a "failed" status somewhere. */
function mentionsFailure(v: unknown): boolean {
  if (Array.isArray(v)) return v.some(mentionsFailure);
  if (!isObject(v)) return false;
  if (Array.isArray(v.errors) && v.errors.length > 0) return true;
  if (typeof v.status === 'string' && v.status.toLowerCase() === 'failed') return true;
  return Object.values(v).some(mentionsFailure);
}

const body = fc.oneof(
  { weight: 4, arbitrary: mutated(FIXTURES).map((v) => JSON.stringify(v)) },
  brokenText(FIXTURES),
  fc.json({ maxDepth: 4 }),
  fc.string({ maxLength: 100 }),
  fc.constantFrom('null', '[]', '"x"', '{"__proto__":{"polluted":1},"statuses":[{"status":"failed"}]}', `[${'['.repeat(5000)}`),
);

describe('the webhook route, fuzzed (seeded) through real HTTP', () => {
  it('answers 200, 400 or 413, never fails inside, and raises nothing unless a failure is in the body', async () => {
    await fc.assert(
      fc.asyncProperty(body, async (text) => {
        // A fresh receiver per body: a window filled by earlier bodies must not be blamed on this one.
        const server = await startWebhookServer([NUMBER]);
        try {
          const status = await server.post(text);
          expect([200, 400, 413]).toContain(status);
          await new Promise((r) => setTimeout(r, 2));
          await server.ingest.flush();
          expect(server.lines.filter((l) => / ERROR /.test(l))).toEqual([]);
          const raised = server.observations.filter((o) => o.state !== 'healthy');
          if (raised.length > 0) expect(mentionsFailure(JSON.parse(text))).toBe(true);
        } finally {
          await server.close();
        }
      }),
      { seed: 20240902, numRuns: 250 },
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  }, 30_000);
});
