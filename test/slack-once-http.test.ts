import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FakeSlack, PostedMessage } from './fakes/slack-api.js';
import { cardClick, commandForm, postSigned } from './fakes/slack-signer.js';
import type { TestBot } from './support/bot.js';
import { startBrokenLineBot } from './support/broken-line.js';
import { SIGNING_SECRET } from './support/slack-app.js';

let slack: FakeSlack;
let bot: TestBot;
let stop: () => Promise<void>;

beforeAll(async () => {
  ({ slack, bot, stop } = await startBrokenLineBot('once-http-key-0123456789'));
});
afterAll(() => stop());

const skipped = (key: string) => bot.logs.some((l) => l.includes(`skipped a delivery Slack made again (${key})`));
const thread = (card: PostedMessage) =>
  slack
    .thread(card.ts)
    .map((m) => m.text)
    .join('\n');

it('acts once on a click delivered twice (the same trigger_id), and acks both deliveries', async () => {
  await bot.bot.runPass();
  await expect.poll(() => slack.cards().length).toBe(1);
  const card = slack.cards()[0] as PostedMessage;
  const click = cardClick(card, 'incident_mute', { user: 'U0DAVE', responseUrl: slack.responseUrl('mute-twice') });
  expect((await postSigned(`${bot.url}/slack/events`, SIGNING_SECRET, click)).status).toBe(200);
  expect((await postSigned(`${bot.url}/slack/events`, SIGNING_SECRET, click)).status).toBe(200);
  const trigger = JSON.parse(new URLSearchParams(click).get('payload') ?? '{}').trigger_id;
  await expect.poll(() => skipped(`trigger:${trigger}`)).toBe(true);
  await expect.poll(() => thread(card)).toMatch(/Muted .*by <@U0DAVE>/);
  expect(thread(card).match(/by <@U0DAVE>/g)).toHaveLength(1);
});

it('answers a command delivered twice once, through its response_url', async () => {
  const form = commandForm({ command: '/wa-unmute', text: 'Support line', responseUrl: slack.responseUrl('unmute-twice') });
  expect((await postSigned(`${bot.url}/slack/events`, SIGNING_SECRET, form)).status).toBe(200);
  expect((await postSigned(`${bot.url}/slack/events`, SIGNING_SECRET, form)).status).toBe(200);
  await expect.poll(() => skipped(`trigger:${new URLSearchParams(form).get('trigger_id')}`)).toBe(true);
  await expect.poll(() => slack.responses('unmute-twice')).toHaveLength(1);
  expect(JSON.stringify(slack.responses('unmute-twice'))).toMatch(/out of maintenance|neither muted/);
});
