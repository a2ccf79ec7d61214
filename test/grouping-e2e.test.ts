import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeD360, HEALTHY_CLOUD, startFakeD360 } from './fakes/d360.js';
import { type FakeSlack, startFakeSlack } from './fakes/slack-api.js';
import { type BotProcess, freePort, startBot } from './support/bot-process.js';

const meta = (status: number, message: string) => ({
  status,
  json: { meta: { httpCode: status, developerMessage: message, success: false } },
});
const ERROR_500 = meta(500, 'Internal server error');
const ERROR_502 = meta(502, 'Bad gateway');
const ERROR_401 = meta(401, 'Invalid api_key');

let slack: FakeSlack;
let d360: FakeD360;
let dir: string;
const bots: BotProcess[] = [];
const keyOf = (i: number) => `group-e2e-key-${i}-0123456789`;

beforeEach(async () => {
  slack = await startFakeSlack();
  d360 = await startFakeD360();
  dir = mkdtempSync(join(tmpdir(), 'wa-group-'));
});
afterEach(async () => {
  for (const bot of bots.splice(0)) await bot.stop();
  await slack.close();
  await d360.close();
});

async function launch(count: number): Promise<BotProcess> {
  const entries = Array.from({ length: count }, (_, i) => `  - name: Line ${i}\n    apiKeyEnv: D360_KEY_${i}\n    baseUrl: ${d360.url}\n`);
  writeFileSync(join(dir, 'numbers.yml'), `numbers:\n${entries.join('')}`);
  const keys = Object.fromEntries(Array.from({ length: count }, (_, i) => [`D360_KEY_${i}`, keyOf(i)]));
  const bot = startBot(
    {
      SLACK_BOT_TOKEN: 'xoxb-test-group-fake-token',
      SLACK_SIGNING_SECRET: 'group-signing-secret-0123',
      SLACK_INCIDENT_CHANNEL: 'C0INCIDENTS',
      SLACK_API_URL: slack.apiUrl,
      PORT: String(await freePort()),
      POLL_SCHEDULE: '*/2 * * * * *',
      POLL_CONCURRENCY: '32',
      STORE_URL: `sqlite://${join(dir, 'store.sqlite')}`,
      D360_TIMEOUT_MS: '2000',
      ...keys,
    },
    dir,
  );
  bots.push(bot);
  await bot.waitFor(new RegExp(`watching ${count} number`));
  return bot;
}

/** Top-level messages with blocks: cards (group or own), not notices. */
const cards = () => slack.cards().filter((m) => m.blocks.length > 0);

describe('a platform outage, with the real process', () => {
  it('tells 200 numbers answering 500 as one group card, and resolves it in place', async () => {
    for (let i = 0; i < 200; i += 1) d360.script(keyOf(i), ERROR_500);
    await launch(200);
    await expect.poll(() => cards().length, { timeout: 30_000 }).toBe(1);
    const detected = Date.now();
    // Members join as their answers come in: the count reaches every number.
    await expect.poll(() => cards()[0]?.text, { timeout: 20_000 }).toMatch(/500 .* on 200 of 200 numbers/);
    expect(JSON.stringify(cards()[0]?.blocks)).toMatch(/contact 360dialog support as an emergency/);
    await new Promise((r) => setTimeout(r, 5000));
    expect(slack.cards().length).toBeLessThanOrEqual(3);

    for (let i = 0; i < 200; i += 1) d360.script(keyOf(i), { json: HEALTHY_CLOUD });
    await expect.poll(() => cards()[0]?.text, { timeout: 30_000 }).toMatch(/recovered on all numbers/);
    expect(slack.cards().length).toBeLessThanOrEqual(3);
    expect(Date.now() - detected).toBeLessThan(60_000);
    await expect.poll(() => slack.thread(cards()[0]?.ts ?? '').some((m) => /Recovered/.test(m.text)), { timeout: 10_000 }).toBe(true);
  }, 90_000);

  it('gives a mixed fleet one group card and their own cards to the numbers with other problems', async () => {
    for (let i = 0; i < 20; i += 1) d360.script(keyOf(i), i < 18 ? ERROR_502 : ERROR_401);
    await launch(20);
    await expect.poll(() => cards().length, { timeout: 30_000 }).toBe(3);
    await new Promise((r) => setTimeout(r, 4000));
    const texts = cards().map((c) => c.text);
    expect(texts.filter((t) => /502 .* on 18 of 20 numbers/.test(t))).toHaveLength(1);
    expect(texts.filter((t) => /Line 1[89]/.test(t))).toHaveLength(2);
    expect(cards()).toHaveLength(3);
  }, 60_000);
});
