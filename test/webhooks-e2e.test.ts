import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HEALTHY_CLOUD } from './fakes/d360.js';
import { visibleText } from './support/block-kit.js';
import { type InProcessBot, startWorld, until, type World } from './support/e2e.js';
import { webhookFixture } from './support/webhook-fixtures.js';

const SECRET = 'webhook-shared-secret-0123456789';
const KEYS = { US: 'us-line-key-0123456789', DE: 'de-line-key-0123456789' };
let world: World;
let bot: InProcessBot;
let url: string;

beforeAll(async () => {
  world = await startWorld();
  // Each number's health answer carries its Meta phone number id; the bot learns it for webhooks.
  world.d360.script(KEYS.US, { json: HEALTHY_CLOUD });
  world.d360.script(KEYS.DE, { json: { ...HEALTHY_CLOUD, id: '222222222222222' } });
  const numbersYaml = [
    'numbers:',
    '  - name: US line',
    '    phone: "+1 555-078-3881"',
    '    apiKeyEnv: KEY_US',
    '  - name: DE line',
    '    phone: "+49 30 1234567"',
    '    apiKeyEnv: KEY_DE',
    '',
  ].join('\n');
  bot = await world.inProcess(
    { numbersYaml, env: { KEY_US: KEYS.US, KEY_DE: KEYS.DE, D360_BASE_URL: world.d360.url, WEBHOOK_SECRET: SECRET } },
    { channelIntervalMs: 20 },
  );
  await bot.waitFor(/webhooks accepted at POST \/webhooks\/360dialog/);
  url = `${bot.url}/webhooks/360dialog`;
  // The first pass's health answers teach the bot each number's phone_number_id.
  await bot.bot.runPass();
});
afterAll(() => world?.close());

/** A counter's value on /metrics (0 while it has no series). */
async function counted(series: string): Promise<number> {
  const text = await (await fetch(`${bot.url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}
const events = (result: string) => counted(`wa_health_webhook_events_total{result="${result}"}`);

/** A tick, as the 30-second schedule runs it (webhook windows looked at, held cards released), delivered to the end. */
async function tick(): Promise<void> {
  await bot.bot.tick();
  await bot.settled();
}

/** POSTs as 360dialog would; `secret: null` sends no secret header at all. */
const post = (body: string, secret: string | null = SECRET, query = '') =>
  fetch(`${url}${query}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(secret !== null ? { 'x-webhook-secret': secret } : {}) },
    body,
  });

const cardFor = (name: string) => world.slack.cards().filter((c) => c.text.includes(name));

describe('360dialog webhooks, end to end through the whole bot', () => {
  it('refuses a wrong or missing secret with 401 and records nothing', async () => {
    const body = webhookFixture('cloud-131042.json');
    expect((await post(body, 'not-the-secret')).status).toBe(401);
    expect((await post(body, null)).status).toBe(401);
    // The tick that would have turned a counted failure into a card has run: there is none, and nothing was counted.
    await tick();
    expect(world.slack.cards()).toHaveLength(0);
    expect(await counted('wa_health_webhook_errors_total{code="131042"}')).toBe(0);
  });

  it('turns one Cloud 131042 payment failure into an immediate card that says to escalate', async () => {
    // Known only by its phone_number_id (learnt from the number's health answers): no phone in common.
    const res = await post(webhookFixture('cloud-131042.json', { phoneDigits: '10000000000' }));
    expect(res.status).toBe(200);
    await bot.tickUntil('a card for US line', () => cardFor('US line').length === 1);
    const card = cardFor('US line')[0];
    expect(visibleText({ blocks: card?.blocks })).toMatch(/131042/);
    expect(visibleText({ blocks: card?.blocks })).toMatch(/Escalate to 360dialog support now/);
  });

  it('turns 25 distinct 131047 failures within a minute into one card, and a redelivery changes no count', async () => {
    // An id the bot has not learnt: the display phone number decides.
    const payloads = Array.from({ length: 25 }, (_, i) =>
      webhookFixture('cloud-131047.json', { wamid: `wamid.RE${i}`, phoneDigits: '49301234567', phoneNumberId: '999999999999999' }),
    );
    for (const body of payloads) expect((await post(body)).status).toBe(200);
    await bot.tickUntil('one card for DE line, seen 25 times', () => /seen 25 times/.test(JSON.stringify(cardFor('DE line')[0]?.blocks)));
    for (const body of payloads) expect((await post(body)).status).toBe(200);
    // Every redelivery has been received and dropped, and a tick has looked at the windows since.
    await until(async () => (await events('duplicate')) === 25, 'the 25 redeliveries counted as duplicates');
    await tick();
    expect(cardFor('DE line')).toHaveLength(1);
    expect(JSON.stringify(cardFor('DE line')[0]?.blocks)).toMatch(/seen 25 times/);
    expect(JSON.stringify(cardFor('DE line')[0]?.blocks)).not.toMatch(/seen 50 times/);
  });

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
    expect(await bot.ready()).toBe(200);
  });

  it('maps an On-Premise payload to a number by ?number=NAME', async () => {
    const body = webhookFixture('onprem-470.json');
    const before = await counted('wa_health_webhook_errors_total{code="470"}');
    expect((await post(body, SECRET, '?number=US%20line')).status).toBe(200);
    // Answered before any work: the event has been read once its error is counted.
    await until(async () => (await counted('wa_health_webhook_errors_total{code="470"}')) > before, 'the 470 counted');
    await tick();
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
