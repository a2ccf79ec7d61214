import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HEALTHY_CLOUD } from './fakes/d360.js';
import type { PostedMessage } from './fakes/slack-api.js';
import { cardClick, postSigned } from './fakes/slack-signer.js';
import { blockKitProblems, visibleText } from './support/block-kit.js';
import { startWorld, until, type World } from './support/e2e.js';
import { BOT_TOKEN, SIGNING_SECRET as SECRET } from './support/slack-app.js';

const API_KEY = 'e2e-d360-key-must-stay-secret-42';
const INVALID_KEY = {
  status: 401,
  json: { meta: { httpCode: 401, developerMessage: 'Invalid api_key or token expired', success: false } },
};

let world: World;
beforeEach(async () => {
  world = await startWorld();
});
afterEach(() => world.close());

/** The real process with the single-number shortcut, polling every second on its own schedule. */
const launch = () =>
  world.process({
    env: { D360_API_KEY: API_KEY, WA_NUMBER_NAME: 'Support line', D360_BASE_URL: world.d360.url, POLL_SCHEDULE: '* * * * * *' },
  });

/** A click on the posted card's own button, as Slack sends it. */
const click = (card: PostedMessage, actionId: string, user = 'U0OPERATOR') =>
  cardClick(card, actionId, { user, responseUrl: world.slack.responseUrl('click') });

describe('incidents end to end, with the real process', () => {
  it('posts one card for a 401, re-checks it on a click, resolves it in place, and never leaks the key', async () => {
    world.d360.script(API_KEY, INVALID_KEY);
    const bot = await launch();
    const { url } = bot;

    await expect.poll(() => world.slack.cards().length).toBe(1);
    const card = world.slack.cards()[0] as PostedMessage;
    expect(card.channel).toBe('C0INCIDENTS');
    expect(blockKitProblems({ text: card.text, blocks: card.blocks })).toEqual([]);
    expect(card.text).toMatch(/Support line/);
    expect(visibleText({ blocks: card.blocks })).toMatch(/401/);

    // More polls see the same 401, and what they queued has gone out: still one card.
    const polls = world.d360.requestsFor(API_KEY).length;
    await until(() => world.d360.requestsFor(API_KEY).length >= polls + 2, 'two more polls');
    await bot.settled();
    expect(world.slack.cards()).toHaveLength(1);

    const updatesBefore = card.updates;
    const res = await postSigned(`${url}/slack/events`, SECRET, click(card, 'incident_recheck'));
    expect(res.status).toBe(200);
    await expect.poll(() => JSON.stringify(world.slack.cards()[0]?.blocks)).toMatch(/re-checked by <@U0OPERATOR>/);
    expect(world.slack.cards()[0]?.updates).toBeGreaterThan(updatesBefore);

    world.d360.script(API_KEY, { json: HEALTHY_CLOUD });
    await expect.poll(() => world.slack.cards()[0]?.text).toMatch(/recovered/);
    expect(world.slack.cards()).toHaveLength(1);
    await expect.poll(() => world.slack.thread(card.ts).some((m) => /Recovered/.test(m.text))).toBe(true);
    const lastCard = world.slack.cards()[0] as PostedMessage;
    expect((lastCard.blocks as Array<{ type: string }>).some((b) => b.type === 'actions')).toBe(false);

    const sentToSlack = JSON.stringify(world.slack.calls) + JSON.stringify(world.slack.messages);
    expect(sentToSlack).not.toContain(API_KEY);
    expect(bot.output()).not.toContain(API_KEY);
    expect(bot.output()).not.toContain(BOT_TOKEN);
    expect(bot.output()).not.toContain(SECRET);
  });

  it('survives kill -9 mid-incident while Slack answers 503: exactly one card, and the resolution edits it', async () => {
    world.d360.script(API_KEY, INVALID_KEY);
    world.slack.outage('chat.postMessage', { status: 503, body: 'Service Unavailable' });
    const first = await launch();
    await expect.poll(() => world.slack.callsTo('chat.postMessage').length).toBeGreaterThan(0);
    await first.kill9();
    expect(world.slack.cards()).toHaveLength(0);

    world.slack.outage('chat.postMessage');
    const second = await launch();
    await second.waitFor(/resuming 1 undelivered Slack update/);
    await expect.poll(() => world.slack.cards().length).toBe(1);
    const card = world.slack.cards()[0] as PostedMessage;

    world.d360.script(API_KEY, { json: HEALTHY_CLOUD });
    await expect.poll(() => world.slack.cards()[0]?.text).toMatch(/recovered/);
    expect(world.slack.cards()).toHaveLength(1);
    expect(world.slack.cards()[0]?.ts).toBe(card.ts);
    expect(world.slack.callsTo('chat.update').every((c) => c.body.ts === card.ts)).toBe(true);
  });
});
