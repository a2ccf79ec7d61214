import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classify } from '../src/d360/classify.js';
import { createD360Client } from '../src/d360/client.js';
import type { Observation } from '../src/core/observation.js';
import type { WaNumber } from '../src/config/numbers.js';
import { type FakeD360, HEALTHY_CLOUD, type Step, startFakeD360 } from './fakes/d360.js';
import { testNumber } from './support/numbers.js';

let fake: FakeD360;
const client = createD360Client({ timeoutMs: 300, retries: 2 });
let seq = 0;

beforeAll(async () => {
  fake = await startFakeD360();
});
afterAll(() => fake.close());

/** Scripts a fresh key on the fake, polls it through the real client and classifies the answer. */
async function observe(api: WaNumber['api'], ...steps: Step[]): Promise<Observation> {
  const key = `key-${api}-${++seq}-secretvalue`;
  fake.script(key, ...steps);
  const number = testNumber(key, fake.url, api);
  return classify(number, await client.health(number), Date.now());
}
const ids = (o: Observation) => o.findings.map((f) => f.entryId);

const entity = (entity_type: string, can_send_message: string, extra: object = {}) => ({
  entity_type,
  id: '1',
  can_send_message,
  ...extra,
});
const cloudHealth = (overall: string, ...entities: object[]) => ({
  json: { id: '1', health_status: { can_send_message: overall, entities } },
});
const meta = (httpCode: number, developerMessage: string) => ({ meta: { httpCode, developerMessage, success: false } });
const metaSnake = (http_code: number, developer_message: string) => ({ meta: { success: false, http_code, developer_message } });

describe('Cloud health_status', () => {
  it('is healthy when every entity is AVAILABLE', async () => {
    const o = await observe('cloud', { json: HEALTHY_CLOUD });
    expect(o.state).toBe('healthy');
    expect(o.findings).toEqual([]);
    expect(o.cachedUpToMs).toBeUndefined();
  });

  it('is down when the WABA is BLOCKED for payment (141006)', async () => {
    const o = await observe(
      'cloud',
      cloudHealth(
        'BLOCKED',
        entity('PHONE_NUMBER', 'AVAILABLE'),
        entity('WABA', 'BLOCKED', { errors: [{ error_code: 141006, error_description: 'Payment method issue' }] }),
      ),
    );
    expect(o.state).toBe('down');
    expect(ids(o)).toEqual(['health-141006']);
  });

  it('treats a BUSINESS LIMITED for verification (141010) as a warning, not an outage', async () => {
    const o = await observe(
      'cloud',
      cloudHealth(
        'LIMITED',
        entity('PHONE_NUMBER', 'AVAILABLE'),
        entity('BUSINESS', 'LIMITED', { errors: [{ error_code: 141010, error_description: 'not verified' }] }),
      ),
    );
    expect(o.state).toBe('degraded');
    expect(ids(o)).toEqual(['health-141010']);
  });

  it('ignores SIP calling errors that make the overall verdict BLOCKED while messages flow', async () => {
    const o = await observe(
      'cloud',
      cloudHealth(
        'BLOCKED',
        entity('PHONE_NUMBER', 'AVAILABLE', {
          can_receive_call_sip: 'BLOCKED',
          errors: [{ error_code: 138024, error_description: 'SIP off' }],
        }),
        entity('APP', 'AVAILABLE'),
      ),
    );
    expect(o.state).toBe('healthy');
  });

  it('reports a LIMITED entity without errors with its additional_info', async () => {
    const o = await observe(
      'cloud',
      cloudHealth('LIMITED', entity('PHONE_NUMBER', 'LIMITED', { additional_info: ['Messaging limit tier reduced'] })),
    );
    expect(o.state).toBe('degraded');
    expect(ids(o)).toEqual(['health-limited']);
    expect(o.findings[0]?.detail).toMatch(/Messaging limit tier reduced/);
  });

  it('keeps an undocumented BLOCKED error code visible', async () => {
    const o = await observe(
      'cloud',
      cloudHealth('BLOCKED', entity('PHONE_NUMBER', 'BLOCKED', { errors: [{ error_code: 141999, error_description: 'Something new' }] })),
    );
    expect(o.state).toBe('down');
    expect(ids(o)).toEqual(['health-blocked']);
    expect(o.summary).toMatch(/141999/);
  });

  it('never calls an unknown can_send_message value healthy', async () => {
    const o = await observe('cloud', cloudHealth('MAYBE', entity('PHONE_NUMBER', 'MAYBE')));
    expect(o.state).toBe('unknown');
    expect(o.blindSpot?.kind).toBe('garbage');
  });

  it('never calls an answer without health_status healthy', async () => {
    expect((await observe('cloud', { json: { id: '1' } })).state).toBe('unknown');
  });
});

describe('On-Premise /v1/health', () => {
  it('is healthy when connected, and says the answer may be 5 minutes old', async () => {
    const o = await observe('onprem', {
      json: { health: { gateway_status: 'connected' }, meta: { api_status: 'stable', version: 'v2.41.3' } },
    });
    expect(o.state).toBe('healthy');
    expect(o.cachedUpToMs).toBe(5 * 60_000);
  });

  it.each([
    ['connecting', 'healthy', 'gateway-connecting'],
    ['disconnected', 'down', 'gateway-disconnected'],
    ['uninitialized', 'degraded', 'gateway-uninitialized'],
    ['unregistered', 'down', 'gateway-unregistered'],
  ])('classifies a single node %s as %s', async (status, state, id) => {
    const o = await observe('onprem', { json: { health: { gateway_status: status } } });
    expect(o.state).toBe(state);
    expect(ids(o)).toEqual([id]);
  });

  it('is healthy in high availability when one Coreapp holds the connection and the rest stand by', async () => {
    const o = await observe('onprem', {
      json: {
        health: {
          'host1:master': { gateway_status: 'disconnected', role: 'primary_master' },
          'host2:core1': { gateway_status: 'connected', role: 'coreapp' },
          'host3:core2': { gateway_status: 'disconnected', role: 'coreapp' },
        },
      },
    });
    expect(o.state).toBe('healthy');
  });

  it('is down in high availability when no node is connected', async () => {
    const o = await observe('onprem', {
      json: {
        health: {
          'host1:master': { gateway_status: 'disconnected', role: 'primary_master' },
          'host2:core1': { gateway_status: 'disconnected', role: 'coreapp' },
        },
      },
    });
    expect(o.state).toBe('down');
    expect(o.summary).toMatch(/no node is connected/);
  });

  it('is degraded in multiconnect when one shard of two is disconnected', async () => {
    const o = await observe('onprem', {
      json: {
        health: {
          'host1:master': { gateway_status: 'connected', role: 'primary_master' },
          'host2:shard1': { gateway_status: 'connected', role: 'coreapp' },
          'host3:shard2': { gateway_status: 'disconnected', role: 'coreapp' },
        },
      },
    });
    expect(o.state).toBe('degraded');
    expect(o.findings[0]?.detail).toMatch(/1 of 2 shards/);
  });

  it('never calls an unknown gateway_status healthy', async () => {
    expect((await observe('onprem', { json: { health: { gateway_status: 'sleeping' } } })).state).toBe('unknown');
  });
});

describe('error answers', () => {
  it('reads 401 in the camelCase meta shape, even with httpCode 404 inside', async () => {
    const o = await observe('cloud', { status: 401, json: meta(404, 'Invalid api_key or token expired') });
    expect(ids(o)).toEqual(['360dialog-401']);
    expect(o.state).toBe('down');
  });

  it('reads the Cloud {"error": "…"} shape', async () => {
    const o = await observe('cloud', { status: 401, json: { error: 'invalid or missing D360-API-KEY' } });
    expect(ids(o)).toEqual(['360dialog-401']);
    expect(o.summary).toMatch(/invalid or missing/);
  });

  it('reads 403 URL blocked', async () => {
    expect(ids(await observe('cloud', { status: 403, json: meta(403, 'This URL /health_status is blocked.') }))).toEqual(['360dialog-403']);
  });

  it('tells 400 disabled from 400 call limit from 400 lack of payment by the message, in both meta spellings', async () => {
    expect(ids(await observe('cloud', { status: 400, json: meta(400, 'Your WhatsApp for Business API has been disabled.') }))).toEqual([
      '360dialog-400-disabled',
    ]);
    expect(
      ids(
        await observe('cloud', {
          status: 400,
          json: metaSnake(400, 'You have exceeded the limit of 1 request every 5 seconds. Try again later.'),
        }),
      ),
    ).toEqual(['360dialog-400-call-limit']);
    expect(ids(await observe('cloud', { status: 400, json: meta(400, 'Messages cannot be sent: invoices are overdue') }))).toEqual([
      '360dialog-400-payment',
    ]);
  });

  it('calls a 400 that matches nothing unknown, not healthy', async () => {
    const o = await observe('cloud', { status: 400, json: meta(400, 'Something else entirely') });
    expect(o.state).toBe('unknown');
    expect(o.blindSpot?.kind).toBe('unexpected-status');
  });

  it('reads 500, 502 and the non-standard 555 (snake_case)', async () => {
    expect(ids(await observe('cloud', { status: 500, json: meta(500, 'Internal server error') }))).toEqual(['360dialog-500']);
    expect(ids(await observe('cloud', { status: 502, text: 'Bad gateway' }))).toEqual(['360dialog-502']);
    expect(ids(await observe('onprem', { status: 555, json: metaSnake(555, 'Internal server error') }))).toEqual(['360dialog-555']);
  });

  it('prefers the code in errors[] over the bare status: 1014, 1016, 2001, 1011', async () => {
    const errors = (code: number, title: string) => ({
      status: 500,
      json: { errors: [{ code, title }], meta: { api_status: 'stable', version: 'v2' } },
    });
    expect(ids(await observe('onprem', errors(1014, 'Connection timed out. Please check if wacore is running')))).toEqual(['onprem-1014']);
    expect(ids(await observe('onprem', errors(1016, 'System overloaded')))).toEqual(['onprem-1016-api']);
    expect(ids(await observe('onprem', { ...errors(2001, 'Template missing'), status: 404 }))).toEqual(['onprem-2001']);
    expect(ids(await observe('onprem', { ...errors(1011, 'Service not ready'), status: 200 }))).toEqual(['onprem-1011']);
  });

  it("reads Meta's error object (131031 account locked, sent with 403)", async () => {
    const o = await observe('cloud', {
      status: 403,
      json: { error: { message: '(#131031) Account has been locked', type: 'OAuthException', code: 131031, fbtrace_id: 'A' } },
    });
    expect(ids(o)).toEqual(['cloud-131031']);
  });

  it('reads an HTML 503 page as a restart', async () => {
    const html = '<html><head><title>503 Service Temporarily Unavailable</title></head><body>nginx</body></html>';
    const o = await observe('onprem', { status: 503, text: html, contentType: 'text/html' });
    expect(ids(o)).toEqual(['360dialog-555']);
    expect(o.summary).toMatch(/503 Service Temporarily Unavailable/);
  });

  it.each([
    ['an empty body', { text: '' }],
    ['JSON cut short', { text: '{"health_status": {"can_send_message": "AVAI', contentType: 'application/json' }],
    ['a 404 from a wrong base URL', { status: 404, text: 'Not Found' }],
  ])('calls %s unknown', async (_name, step) => {
    expect((await observe('cloud', step)).state).toBe('unknown');
  });
});

describe('no answer at all', () => {
  // The fake never answers: only the client's own timeout can end the call (the test's timeout guards a hang).
  it('gives up on a hang after the timeout and says so', async () => {
    const o = await observe('cloud', { hang: true });
    expect(o.state).toBe('unknown');
    expect(o.blindSpot?.kind).toBe('timeout');
  });

  it('reports a refused connection', async () => {
    const number = testNumber('k-refused-secret', 'http://127.0.0.1:1');
    const o = classify(number, await client.health(number), Date.now());
    expect(o.blindSpot?.kind).toBe('refused');
  });

  it('reports a DNS failure', async () => {
    const number = testNumber('k-dns-secret', 'http://no-such-host.invalid');
    const o = classify(number, await client.health(number), Date.now());
    expect(o.blindSpot?.kind).toBe('dns');
  });

  it('reports a connection reset', async () => {
    expect((await observe('cloud', { reset: true })).blindSpot?.kind).toBe('reset');
  });

  it('retries a passing 5xx and sees the recovery', async () => {
    const o = await observe('cloud', { status: 503, text: 'busy' }, { json: HEALTHY_CLOUD });
    expect(o.state).toBe('healthy');
  });
});

describe('secrecy', () => {
  it('sends the key only in the D360-API-KEY header and never shows it in what it reports', async () => {
    const key = 'k-echo-supersecret-123';
    fake.script(key, { status: 401, json: meta(401, `Invalid api_key ${key}`) });
    const number = testNumber(key, fake.url);
    const o = classify(number, await client.health(number), Date.now());
    expect(fake.requestsFor(key)[0]?.path).toBe('/health_status');
    expect(JSON.stringify(o)).not.toContain(key);
    expect(o.summary).toMatch(/\[redacted\]/);
    expect(String(number.apiKey)).toBe('[redacted]');
  });
});
