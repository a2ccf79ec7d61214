import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classify } from '../src/d360/classify.js';
import type { HealthAnswer } from '../src/d360/client.js';
import { HEALTHY_CLOUD } from './fakes/d360.js';
import { brokenText, mutated } from './support/mutate.js';
import { testNumber } from './support/numbers.js';

const KEY = 'fuzz-key-0123456789abcdef';
const CLOUD = testNumber(KEY, 'http://127.0.0.1:9', 'cloud');
const ONPREM = testNumber(KEY, 'http://127.0.0.1:9', 'onprem');

/** Well-formed answers of every kind 360dialog gives, healthy and not: the seeds the mutations start from. */
const EXAMPLES: readonly unknown[] = [
  HEALTHY_CLOUD,
  {
    health_status: {
      can_send_message: 'BLOCKED',
      entities: [{ entity_type: 'WABA', can_send_message: 'BLOCKED', errors: [{ error_code: 141006, error_description: 'Payment' }] }],
    },
  },
  {
    health_status: {
      can_send_message: 'LIMITED',
      entities: [{ entity_type: 'BUSINESS', can_send_message: 'LIMITED', additional_info: ['verify'] }],
    },
  },
  {
    health_status: {
      can_send_message: 'BLOCKED',
      entities: [
        { entity_type: 'PHONE_NUMBER', can_send_message: 'AVAILABLE' },
        { entity_type: 'FLOW', can_send_message: 'BLOCKED', errors: [{ error_code: 141002, error_description: 'x' }] },
      ],
    },
  },
  { health: { gateway_status: 'connected' } },
  { health: { 'host:a': { gateway_status: 'unregistered', role: 'primary_master' }, 'host:b': { errors: [{ code: 1011, title: 'x' }] } } },
  {
    health: {
      'host:a': { gateway_status: 'connected', role: 'primary_master' },
      'host:b': { gateway_status: 'disconnected', role: 'coreapp' },
    },
  },
  { meta: { httpCode: 401, developerMessage: 'Invalid api_key', success: false } },
  { meta: { http_code: 400, developer_message: 'Phone number is disabled', success: false } },
  { error: { message: 'Rate limit', code: 131031, error_data: { details: 'x' }, fbtrace_id: 'A' } },
  { errors: [{ code: 1014, title: 'Internal error', details: 'x' }], meta: {} },
  { error: 'WhatsApp for Business API not available' },
];

const body = fc.oneof(
  mutated(EXAMPLES).map((v) => JSON.stringify(v)),
  brokenText(EXAMPLES),
  fc.json({ maxDepth: 4 }),
  fc.string({ maxLength: 200 }),
  fc.constantFrom(
    '',
    '<!doctype html><title>503</title>',
    'null',
    '[]',
    '{"health_status":{"toString":1}}',
    // String() throws on an object whose toString is not a function.
    '{"health_status":{"entities":[{"can_send_message":"BLOCKED",' +
      '"errors":[{"error_code":{"toString":1},"error_description":{"toString":1}}]}]}}',
  ),
);
const status = fc.oneof(
  fc.constantFrom(200, 201, 204, 301, 400, 401, 403, 404, 429, 500, 502, 503, 555),
  fc.integer({ min: 100, max: 599 }),
);
const answer: fc.Arbitrary<HealthAnswer> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc
      .record({ status, body, contentType: fc.constantFrom('application/json', 'text/html', '') })
      .map((a) => ({ kind: 'http' as const, durationMs: 1, ...a })),
  },
  fc.constant({ kind: 'too-large', limitBytes: 1024 * 1024, durationMs: 1 } as const),
  fc.constant({ kind: 'redirect', status: 302, origin: 'http://127.0.0.1:1', durationMs: 1 } as const),
  fc.constant({ kind: 'failed', reason: 'timeout', message: 'timeout', durationMs: 1 } as const),
);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The oracle, written apart from the classifier: what an answer must look like to be allowed to read "healthy". */
function looksHealthy(a: HealthAnswer, api: 'cloud' | 'onprem'): boolean {
  if (a.kind !== 'http' || a.status < 200 || a.status > 299) return false;
  let v: unknown;
  try {
    v = JSON.parse(a.body);
  } catch {
    return false;
  }
  if (!isObject(v) || (Array.isArray(v.errors) && v.errors.length > 0)) return false;
  if (api === 'onprem') return isObject(v.health);
  const hs = v.health_status;
  if (!isObject(hs)) return false;
  const entities = Array.isArray(hs.entities) ? hs.entities : [];
  if (!entities.every(isObject)) return false;
  // Only the number's own entities decide; a template, a Flow or a type Meta adds later must not be BLOCKED or LIMITED.
  const ours = entities.filter((e) => ['PHONE_NUMBER', 'WABA', 'BUSINESS', 'APP'].includes(String(e.entity_type)));
  const others = entities.filter((e) => !ours.includes(e));
  if (others.some((e) => ['LIMITED', 'BLOCKED'].includes(String(e.can_send_message)))) return false;
  if (ours.length === 0) return hs.can_send_message === 'AVAILABLE';
  return ours.every((e) => ['AVAILABLE', 'LIMITED', 'BLOCKED'].includes(String(e.can_send_message)));
}

describe('classify, fuzzed (seeded)', () => {
  it('never throws, never quotes the key, and is healthy only for a well-formed healthy answer', () => {
    fc.assert(
      fc.property(answer, fc.boolean(), (a, cloud) => {
        const number = cloud ? CLOUD : ONPREM;
        const o = classify(number, a, 1_700_000_000_000);
        expect(['healthy', 'degraded', 'down', 'unknown']).toContain(o.state);
        if (o.state === 'healthy') expect(looksHealthy(a, number.api)).toBe(true);
        expect(JSON.stringify(o)).not.toContain(KEY);
      }),
      { seed: 20240901, numRuns: 3000 },
    );
  });

  it('reads the key spelled inside any body as redacted', () => {
    fc.assert(
      fc.property(
        mutated(EXAMPLES),
        fc.constantFrom(KEY, Buffer.from(KEY).toString('hex'), Buffer.from(KEY).toString('base64')),
        (v, spelled) => {
          const text = JSON.stringify({ ...(isObject(v) ? v : { v }), echo: spelled });
          const o = classify(CLOUD, { kind: 'http', status: 502, contentType: 'application/json', body: text, durationMs: 1 }, 0);
          expect(JSON.stringify(o)).not.toContain(spelled);
        },
      ),
      { seed: 7, numRuns: 300 },
    );
  });
});
