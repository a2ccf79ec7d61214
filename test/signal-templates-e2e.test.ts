import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeD360, HEALTHY_CLOUD, startFakeD360 } from './fakes/d360.js';
import { type FakeSlack, startFakeSlack } from './fakes/slack-api.js';
import { visibleText } from './support/block-kit.js';
import { startTestBot, type TestBot } from './support/bot.js';
import { webhookFixture } from './support/webhook-fixtures.js';

const SECRET = 'templates-shared-secret-0123456789';
const KEY = 'templates-key-0123456789';
let slack: FakeSlack;
let d360: FakeD360;
let bot: TestBot;

beforeAll(async () => {
  slack = await startFakeSlack();
  d360 = await startFakeD360();
  d360.script(KEY, { json: HEALTHY_CLOUD });
  const numbersYaml = ['numbers:', `  - { name: US line, phone: "+1 555-078-3881", apiKeyEnv: KEY_US, baseUrl: "${d360.url}" }`].join('\n');
  bot = await startTestBot(slack, { numbersYaml, env: { KEY_US: KEY, WEBHOOK_SECRET: SECRET }, channelIntervalMs: 20 });
  // Two healthy answers: the card resolves once no condition is left.
  await bot.bot.runPass();
  await bot.bot.runPass();
});
afterAll(async () => {
  await bot.stop();
  await slack.close();
  await d360.close();
});

const send = async (name: string) => {
  const res = await fetch(`${bot.url}/webhooks/360dialog`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-webhook-secret': SECRET },
    body: webhookFixture(`waba/${name}.json`),
  });
  expect(res.status).toBe(200);
};
const card = () => visibleText({ blocks: slack.cards()[0]?.blocks });
/** The card after a tick: a new card waits for the tick's grouping (the schedule runs one every 30 s). */
const cardAfterTick = async () => {
  await bot.bot.monitor.tick();
  return card();
};
const POLL = { interval: 100 };

describe('two templates paused through the real receiver', () => {
  it("names each template on the card, and an approval of one leaves the other's pause open", async () => {
    await send('template-paused');
    await send('template-paused-invoice');
    await expect.poll(cardAfterTick, POLL).toMatch(/Template paused for low quality: invoice_due \(de\)/);
    expect(card()).toMatch(/Template paused for low quality: order_ready \(en_US\)/);
    await send('template-approved-invoice');
    await expect.poll(cardAfterTick, POLL).toMatch(/invoice_due \(de\) — _earlier, not seen now_/);
    expect(card()).not.toMatch(/order_ready \(en_US\) — _earlier/);
    expect(card()).not.toMatch(/Resolved after/);
    await send('template-approved');
    await expect.poll(cardAfterTick, POLL).toMatch(/Resolved after/);
    expect(slack.cards()).toHaveLength(1);
  }, 30_000);
});
