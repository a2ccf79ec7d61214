import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FakeSlack, PostedMessage } from './fakes/slack-api.js';
import { cardClick, postSigned } from './fakes/slack-signer.js';
import type { TestBot } from './support/bot.js';
import { startBrokenLineBot } from './support/broken-line.js';
import { SIGNING_SECRET } from './support/slack-app.js';

let slack: FakeSlack;
let bot: TestBot;
let stop: () => Promise<void>;

beforeAll(async () => {
  ({ slack, bot, stop } = await startBrokenLineBot('recheck-names-key-0123456789'));
});
afterAll(() => stop());

/**
 * The card edit a Re-check asks for is not always the next thing Slack takes: it waits its turn in the
 * channel, for a Retry-After, or (with replicas) for the leader. A scheduled poll that lands meanwhile
 * replaces the card's last check; the name of whoever pressed Re-check must survive it.
 */
it('names who pressed Re-check even when a scheduled poll lands before the card edit is delivered', async () => {
  await bot.bot.runPass();
  await expect.poll(() => slack.cards().length).toBe(1);
  const card = slack.cards()[0] as PostedMessage;
  const edits = slack.callsTo('chat.update').length;
  slack.script('chat.update', { status: 429, headers: { 'retry-after': '1' }, body: { ok: false, error: 'ratelimited' } });
  const click = cardClick(card, 'incident_recheck', { user: 'U0ALICE', responseUrl: slack.responseUrl('recheck') });
  expect((await postSigned(`${bot.url}/slack/events`, SIGNING_SECRET, click)).status).toBe(200);
  // Slack refused the first try of the edit; the next scheduled poll lands before the retry.
  await expect.poll(() => slack.callsTo('chat.update').length).toBe(edits + 1);
  await bot.bot.runPass();
  await expect.poll(() => card.updates, { timeout: 10_000 }).toBeGreaterThan(0);
  expect(JSON.stringify(card.blocks)).toMatch(/re-checked by <@U0ALICE>/);
});
