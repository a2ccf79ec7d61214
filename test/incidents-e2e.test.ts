import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeD360, HEALTHY_CLOUD, startFakeD360 } from './fakes/d360.js';
import { type FakeSlack, type PostedMessage, startFakeSlack } from './fakes/slack-api.js';
import { cardClick, postSigned } from './fakes/slack-signer.js';
import { blockKitProblems, visibleText } from './support/block-kit.js';
import { type BotProcess, freePort, startBot } from './support/bot-process.js';

const SECRET = 'e2e-signing-secret-0123';
const BOT_TOKEN = 'xoxb-test-e2e-fake-token';
const API_KEY = 'e2e-d360-key-must-stay-secret-42';
const INVALID_KEY = {
  status: 401,
  json: { meta: { httpCode: 401, developerMessage: 'Invalid api_key or token expired', success: false } },
};

let slack: FakeSlack;
let d360: FakeD360;
let dir: string;
const bots: BotProcess[] = [];

beforeEach(async () => {
  slack = await startFakeSlack();
  d360 = await startFakeD360();
  dir = mkdtempSync(join(tmpdir(), 'wa-e2e-'));
});
afterEach(async () => {
  for (const bot of bots.splice(0)) await bot.stop();
  await slack.close();
  await d360.close();
});

async function launch(): Promise<{ bot: BotProcess; url: string }> {
  const port = await freePort();
  const bot = startBot(
    {
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_INCIDENT_CHANNEL: 'C0INCIDENTS',
      SLACK_API_URL: slack.apiUrl,
      PORT: String(port),
      D360_API_KEY: API_KEY,
      WA_NUMBER_NAME: 'Support line',
      D360_BASE_URL: d360.url,
      POLL_SCHEDULE: '* * * * * *',
      STORE_URL: `sqlite://${join(dir, 'store.sqlite')}`,
      D360_TIMEOUT_MS: '2000',
      LOG_LEVEL: 'debug',
    },
    dir,
  );
  bots.push(bot);
  await bot.waitFor(/watching 1 number/);
  return { bot, url: `http://127.0.0.1:${port}` };
}

/** A click on the posted card's own button, as Slack sends it. */
const click = (card: PostedMessage, actionId: string, user = 'U0OPERATOR') =>
  cardClick(card, actionId, { user, responseUrl: slack.responseUrl('click') });

describe('incidents end to end, with the real process', () => {
  it('posts one card for a 401, re-checks it on a click, resolves it in place, and never leaks the key', async () => {
    d360.script(API_KEY, INVALID_KEY);
    const { bot, url } = await launch();

    await expect.poll(() => slack.cards().length, { timeout: 10_000 }).toBe(1);
    const card = slack.cards()[0] as PostedMessage;
    expect(card.channel).toBe('C0INCIDENTS');
    expect(blockKitProblems({ text: card.text, blocks: card.blocks })).toEqual([]);
    expect(card.text).toMatch(/Support line/);
    expect(visibleText({ blocks: card.blocks })).toMatch(/401/);

    // More polls see the same 401: still one card.
    await new Promise((r) => setTimeout(r, 2500));
    expect(slack.cards()).toHaveLength(1);

    const updatesBefore = card.updates;
    const res = await postSigned(`${url}/slack/events`, SECRET, click(card, 'incident_recheck'));
    expect(res.status).toBe(200);
    await expect.poll(() => JSON.stringify(slack.cards()[0]?.blocks), { timeout: 10_000 }).toMatch(/re-checked by <@U0OPERATOR>/);
    expect(slack.cards()[0]?.updates).toBeGreaterThan(updatesBefore);

    d360.script(API_KEY, { json: HEALTHY_CLOUD });
    await expect.poll(() => slack.cards()[0]?.text, { timeout: 10_000 }).toMatch(/recovered/);
    expect(slack.cards()).toHaveLength(1);
    await expect.poll(() => slack.thread(card.ts).some((m) => /Recovered/.test(m.text))).toBe(true);
    const lastCard = slack.cards()[0] as PostedMessage;
    expect((lastCard.blocks as Array<{ type: string }>).some((b) => b.type === 'actions')).toBe(false);

    const sentToSlack = JSON.stringify(slack.calls) + JSON.stringify(slack.messages);
    expect(sentToSlack).not.toContain(API_KEY);
    expect(bot.output()).not.toContain(API_KEY);
    expect(bot.output()).not.toContain(BOT_TOKEN);
    expect(bot.output()).not.toContain(SECRET);
  }, 60_000);

  it('survives kill -9 mid-incident while Slack answers 503: exactly one card, and the resolution edits it', async () => {
    d360.script(API_KEY, INVALID_KEY);
    slack.outage('chat.postMessage', { status: 503, body: 'Service Unavailable' });
    const first = await launch();
    await expect.poll(() => slack.callsTo('chat.postMessage').length, { timeout: 10_000 }).toBeGreaterThan(0);
    await first.bot.kill9();
    expect(slack.cards()).toHaveLength(0);

    slack.outage('chat.postMessage');
    const second = await launch();
    await second.bot.waitFor(/resuming 1 undelivered Slack update/);
    await expect.poll(() => slack.cards().length, { timeout: 10_000 }).toBe(1);
    const card = slack.cards()[0] as PostedMessage;

    d360.script(API_KEY, { json: HEALTHY_CLOUD });
    await expect.poll(() => slack.cards()[0]?.text, { timeout: 20_000 }).toMatch(/recovered/);
    expect(slack.cards()).toHaveLength(1);
    expect(slack.cards()[0]?.ts).toBe(card.ts);
    expect(slack.callsTo('chat.update').every((c) => c.body.ts === card.ts)).toBe(true);
  }, 60_000);
});
