import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeD360, HEALTHY_CLOUD, startFakeD360 } from './fakes/d360.js';
import { type FakeSlack, startFakeSlack } from './fakes/slack-api.js';
import { type BotProcess, freePort, startBot } from './support/bot-process.js';
import { visibleText } from './support/block-kit.js';
import { webhookFixture } from './support/webhook-fixtures.js';

const SECRET = 'webhook-shared-secret-0123456789';
const KEYS = { US: 'us-line-key-0123456789', DE: 'de-line-key-0123456789' };
let slack: FakeSlack;
let d360: FakeD360;
let bot: BotProcess;
let url: string;

beforeAll(async () => {
  slack = await startFakeSlack();
  d360 = await startFakeD360();
  // Each number's health answer carries its Meta phone number id; the bot learns it for webhooks.
  d360.script(KEYS.US, { json: HEALTHY_CLOUD });
  d360.script(KEYS.DE, { json: { ...HEALTHY_CLOUD, id: '222222222222222' } });
  const dir = mkdtempSync(join(tmpdir(), 'wa-webhook-'));
  writeFileSync(
    join(dir, 'numbers.yml'),
    [
      'numbers:',
      '  - name: US line',
      '    phone: "+1 555-078-3881"',
      '    apiKeyEnv: KEY_US',
      '  - name: DE line',
      '    phone: "+49 30 1234567"',
      '    apiKeyEnv: KEY_DE',
      '',
    ].join('\n'),
  );
  const port = await freePort();
  bot = startBot(
    {
      SLACK_BOT_TOKEN: 'xoxb-test-webhook-fake',
      SLACK_SIGNING_SECRET: 'webhook-e2e-signing-secret',
      SLACK_INCIDENT_CHANNEL: 'C0INCIDENTS',
      SLACK_API_URL: slack.apiUrl,
      PORT: String(port),
      KEY_US: KEYS.US,
      KEY_DE: KEYS.DE,
      D360_BASE_URL: d360.url,
      POLL_SCHEDULE: '*/2 * * * * *',
      STORE_URL: `sqlite://${join(dir, 'store.sqlite')}`,
      WEBHOOK_SECRET: SECRET,
    },
    dir,
  );
  await bot.waitFor(/webhooks accepted at POST \/webhooks\/360dialog/);
  url = `http://127.0.0.1:${port}/webhooks/360dialog`;
  // The first health answers teach the bot each number's phone_number_id.
  while (d360.requestsFor(KEYS.US).length === 0 || d360.requestsFor(KEYS.DE).length === 0) await new Promise((r) => setTimeout(r, 50));
  await new Promise((r) => setTimeout(r, 200));
}, 30_000);
afterAll(async () => {
  await bot.stop();
  await slack.close();
  await d360.close();
});

/** POSTs as 360dialog would; `secret: null` sends no secret header at all. */
const post = (body: string, secret: string | null = SECRET, query = '') =>
  fetch(`${url}${query}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(secret !== null ? { 'x-webhook-secret': secret } : {}) },
    body,
  });

const cardFor = (name: string) => slack.cards().filter((c) => c.text.includes(name));

describe('360dialog webhooks, end to end with the real process', () => {
  it('refuses a wrong or missing secret with 401 and records nothing', async () => {
    const body = webhookFixture('cloud-131042.json');
    expect((await post(body, 'not-the-secret')).status).toBe(401);
    expect((await post(body, null)).status).toBe(401);
    await new Promise((r) => setTimeout(r, 1500));
    expect(slack.cards()).toHaveLength(0);
  });

  it('turns one Cloud 131042 payment failure into an immediate card that says to escalate', async () => {
    // Known only by its phone_number_id (learnt from the number's health answers): no phone in common.
    const res = await post(webhookFixture('cloud-131042.json', { phoneDigits: '10000000000' }));
    expect(res.status).toBe(200);
    await expect.poll(() => cardFor('US line').length, { timeout: 10_000 }).toBe(1);
    const card = cardFor('US line')[0];
    expect(visibleText({ blocks: card?.blocks })).toMatch(/131042/);
    expect(visibleText({ blocks: card?.blocks })).toMatch(/Escalate to 360dialog support now/);
  }, 20_000);

  it('turns 25 distinct 131047 failures within a minute into one card, and a redelivery changes no count', async () => {
    // An id the bot has not learnt: the display phone number decides.
    const payloads = Array.from({ length: 25 }, (_, i) =>
      webhookFixture('cloud-131047.json', { wamid: `wamid.RE${i}`, phoneDigits: '49301234567', phoneNumberId: '999999999999999' }),
    );
    for (const body of payloads) expect((await post(body)).status).toBe(200);
    await expect.poll(() => cardFor('DE line').length, { timeout: 10_000 }).toBe(1);
    await expect.poll(() => JSON.stringify(cardFor('DE line')[0]?.blocks), { timeout: 10_000 }).toMatch(/seen 25 times/);
    for (const body of payloads) expect((await post(body)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 2500));
    expect(cardFor('DE line')).toHaveLength(1);
    expect(JSON.stringify(cardFor('DE line')[0]?.blocks)).toMatch(/seen 25 times/);
    expect(JSON.stringify(cardFor('DE line')[0]?.blocks)).not.toMatch(/seen 50 times/);
  }, 30_000);

  it('answers a 5 MB body with 413 and truncated JSON with 400, and keeps serving', async () => {
    const huge = JSON.stringify({ statuses: [{ id: 'x', status: 'failed', padding: 'x'.repeat(5 * 1024 * 1024) }] });
    expect((await post(huge)).status).toBe(413);
    // Without a Content-Length the limit is enforced while reading.
    const chunked = await fetch(url, {
      method: 'POST',
      headers: { 'x-webhook-secret': SECRET },
      body: new Blob([huge]).stream(),
      duplex: 'half',
    } as RequestInit);
    expect(chunked.status).toBe(413);
    expect((await post(webhookFixture('truncated.json'))).status).toBe(400);
    expect((await post('{"statuses": [], "unknown": {"fields": true}}')).status).toBe(200);
    expect(bot.child.exitCode).toBeNull();
  });

  it('maps an On-Premise payload to a number by ?number=NAME', async () => {
    const body = webhookFixture('onprem-470.json');
    expect((await post(body, SECRET, '?number=US%20line')).status).toBe(200);
    expect(bot.output()).not.toMatch(/matches no configured number/);
  });

  it('reports itself on /healthz and /metrics', async () => {
    const base = url.replace('/webhooks/360dialog', '');
    expect(await (await fetch(`${base}/healthz`)).json()).toEqual({ status: 'ok', numbers: 2 });
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toMatch(/^wa_health_webhook_requests_total\{outcome="unauthorized"\} 2$/m);
    expect(metrics).toMatch(/^wa_health_webhook_requests_total\{outcome="too_large"\} 2$/m);
    expect(metrics).toMatch(/^wa_health_webhook_events_total\{result="duplicate"\} 25$/m);
    expect(metrics).toMatch(/^wa_health_polls_total\{state="healthy"\} \d+$/m);
    expect(metrics).toMatch(/^wa_health_slack_calls_total\{method="chat.postMessage",effect="post-card",outcome="sent"\} 2$/m);
    expect(metrics).not.toContain(SECRET);
  });
});
