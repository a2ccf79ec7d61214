import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeSlack, startFakeSlack } from './fakes/slack-api.js';
import { visibleText } from './support/block-kit.js';
import { startTestBot, type TestBot } from './support/bot.js';
import { webhookFixture } from './support/webhook-fixtures.js';

/** The same failure code arriving by webhook for most numbers of a channel at once: one group card, as for polls. */
const SECRET = 'grouping-webhook-secret-0123456789';
const NAMES = ['Line A', 'Line B', 'Line C', 'Line D', 'Line E'];
let slack: FakeSlack;
let bot: TestBot;

beforeAll(async () => {
  slack = await startFakeSlack();
  const numbersYaml = ['numbers:', ...NAMES.flatMap((name, i) => [`  - name: ${name}`, `    apiKeyEnv: KEY_${i}`])].join('\n');
  const env = Object.fromEntries(NAMES.map((_, i) => [`KEY_${i}`, `grouping-webhook-key-${i}-0123456789`]));
  bot = await startTestBot(slack, {
    numbersYaml,
    env: { ...env, WEBHOOK_SECRET: SECRET, STORE_URL: `sqlite://${join(mkdtempSync(join(tmpdir(), 'grouping-wh-')), 'store.sqlite')}` },
    channelIntervalMs: 20,
  });
}, 30_000);
afterAll(async () => {
  await bot.stop();
  await slack.close();
});

describe('webhook failures on many numbers at once', () => {
  it('open one group card for four of five numbers, not four cards', async () => {
    for (const name of NAMES.slice(0, 4)) {
      const res = await fetch(`${bot.url}/webhooks/360dialog?number=${encodeURIComponent(name)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-webhook-secret': SECRET },
        body: webhookFixture('cloud-131042.json', { wamid: `wamid.${name}` }),
      });
      expect(res.status).toBe(200);
    }
    // The ticks the schedule runs every 30 s (webhook windows flushed, then grouping) until all four show the
    // failure and a card went out; then everything queued is delivered: a second card would be there by now.
    await bot.tickUntil(
      'four numbers open',
      async () => (await bot.bot.monitor.fleet()).entries.filter((e) => e.state === 'open').length === 4,
    );
    await bot.tickUntil('a card posted', () => slack.cards().length > 0);
    await bot.bot.tick();
    await bot.settled();
    const cards = slack.cards();
    expect(cards).toHaveLength(1);
    expect(visibleText({ blocks: cards[0]?.blocks })).toMatch(/131042.*on 4 of 5 numbers/s);
    for (const name of NAMES.slice(0, 4)) expect((await bot.bot.monitor.fleet()).entries.find((e) => e.name === name)?.state).toBe('open');
  }, 60_000);
});
