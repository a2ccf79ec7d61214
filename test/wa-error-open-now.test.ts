import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeSlack } from './fakes/slack-api.js';
import { commandForm, postSigned } from './fakes/slack-signer.js';
import type { TestBot } from './support/bot.js';
import { startBrokenLineBot } from './support/broken-line.js';
import { SIGNING_SECRET } from './support/slack-app.js';

let slack: FakeSlack;
let bot: TestBot;
const KEY = 'open-now-key-0123456789';

let stop: () => Promise<void>;

beforeAll(async () => {
  ({ slack, bot, stop } = await startBrokenLineBot(KEY));
});
afterAll(() => stop());

async function ask(text: string): Promise<string> {
  const res = await postSigned(`${bot.url}/slack/events`, SIGNING_SECRET, commandForm({ text, responseUrl: slack.responseUrl(text) }));
  expect(res.status).toBe(200);
  return JSON.stringify(await res.json());
}

describe('/wa-error on a watched fleet', () => {
  it('says where the code is open now, with a link to its card', async () => {
    expect(await ask('401')).not.toMatch(/open now on/);
    await bot.bot.monitor.runPass();
    await expect.poll(() => slack.cards().length).toBe(1);
    const card = slack.cards()[0];
    const answer = await ask('401');
    expect(answer).toMatch(/open now on Support line since \d\d:\d\d/);
    expect(answer).toContain(`https://slack.com/archives/C0INCIDENTS/p${card?.ts.replace('.', '')}`);
    // Another code is not open anywhere.
    expect(await ask('131047')).not.toMatch(/open now on/);
  });
});
