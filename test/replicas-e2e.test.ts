import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeD360, HEALTHY_CLOUD, startFakeD360 } from './fakes/d360.js';
import { type FakeSlack, type PostedMessage, startFakeSlack } from './fakes/slack-api.js';
import { interactionForm, postSigned } from './fakes/slack-signer.js';
import { type BotProcess, freePort, startBot } from './support/bot-process.js';
import { type RedisServer, redisMissing, startRedis } from './support/redis-server.js';

const SECRET = 'replicas-signing-secret-0123';
const BOT_TOKEN = 'xoxb-test-replicas-fake-token';
const API_KEY = 'replicas-d360-key-0123456789';
const INVALID_KEY = {
  status: 401,
  json: { meta: { httpCode: 401, developerMessage: 'Invalid api_key or token expired', success: false } },
};

describe.skipIf(redisMissing() !== undefined)('two replicas on one Redis, as real processes', () => {
  let redis: RedisServer;
  let slack: FakeSlack;
  let d360: FakeD360;
  const bots: BotProcess[] = [];
  beforeAll(async () => {
    [redis, slack, d360] = await Promise.all([startRedis(), startFakeSlack(), startFakeD360()]);
  });
  afterAll(async () => {
    for (const bot of bots.splice(0)) await bot.stop();
    await Promise.all([slack?.close(), d360?.close(), redis?.stop()]);
  });

  async function launch(): Promise<{ bot: BotProcess; url: string }> {
    const port = await freePort();
    const env = {
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_INCIDENT_CHANNEL: 'C0INCIDENTS',
      SLACK_API_URL: slack.apiUrl,
      PORT: String(port),
      D360_API_KEY: API_KEY,
      WA_NUMBER_NAME: 'Support line',
      D360_BASE_URL: d360.url,
      POLL_SCHEDULE: '* * * * * *',
      STORE_URL: redis.url,
      D360_TIMEOUT_MS: '2000',
      LOG_LEVEL: 'debug',
    };
    const bot = startBot(env, mkdtempSync(join(tmpdir(), 'wa-replica-')));
    bots.push(bot);
    await bot.waitFor(/watching 1 number/);
    return { bot, url: `http://127.0.0.1:${port}` };
  }

  /** A Re-check click on the card, as Slack sends it. */
  function recheck(card: PostedMessage) {
    const blocks = card.blocks as Array<{ type: string; block_id?: string; elements?: Array<{ action_id: string; value?: string }> }>;
    const actions = blocks.find((b) => b.type === 'actions');
    const button = actions?.elements?.find((e) => e.action_id === 'incident_recheck');
    if (!actions || !button) throw new Error('the card has no Re-check button');
    return interactionForm({
      type: 'block_actions',
      user: { id: 'U0OPERATOR', username: 'operator', team_id: 'T0FAKE' },
      api_app_id: 'A0FAKE',
      team: { id: 'T0FAKE', domain: 'fake' },
      container: { type: 'message', message_ts: card.ts, channel_id: card.channel, is_ephemeral: false },
      channel: { id: card.channel, name: 'wa-incidents' },
      message: { ts: card.ts, text: card.text, blocks: card.blocks },
      trigger_id: '1.2.3',
      response_url: slack.responseUrl('click'),
      actions: [{ type: 'button', action_id: button.action_id, block_id: actions.block_id, value: button.value, action_ts: '1.2' }],
    });
  }

  it('posts one card, lets the follower handle a click, and fails over on kill -9 without a second card', async () => {
    d360.script(API_KEY, INVALID_KEY);
    const first = await launch();
    await first.bot.waitFor(/leading \(fencing token/);
    const second = await launch();
    await expect.poll(() => slack.cards().length, { timeout: 15_000 }).toBe(1);
    // Both replicas up for a few polls: still one leader, still one card.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(second.bot.output()).not.toMatch(/leading \(fencing token/);
    expect(slack.cards()).toHaveLength(1);

    // The click reaches the follower; the leader's notifier edits the card.
    const card = slack.cards()[0] as PostedMessage;
    const res = await postSigned(`${second.url}/slack/events`, SECRET, recheck(card));
    expect(res.status).toBe(200);
    await expect.poll(() => JSON.stringify(slack.cards()[0]?.blocks), { timeout: 15_000 }).toMatch(/re-checked by <@U0OPERATOR>/);

    // The leader dies; the follower takes over within the lease (15 s) and resolves the same card.
    await first.bot.kill9();
    await second.bot.waitFor(/leading \(fencing token/, 20_000);
    d360.script(API_KEY, { json: HEALTHY_CLOUD });
    await expect.poll(() => slack.cards()[0]?.text, { timeout: 15_000 }).toMatch(/recovered/);
    expect(slack.cards()).toHaveLength(1);
  }, 90_000);
});
