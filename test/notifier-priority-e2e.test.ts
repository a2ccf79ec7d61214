import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeD360, HEALTHY_CLOUD, startFakeD360 } from './fakes/d360.js';
import { type FakeSlack, startFakeSlack } from './fakes/slack-api.js';
import { startTestBot, type TestBot } from './support/bot.js';

/**
 * The monitor tells the notifier what each change is worth: with a channel backed up by edits, a new
 * incident's card goes first. Through the whole bot — poll, engine, monitor, notifier — not hints by hand.
 */
const INVALID = { status: 401, json: { meta: { httpCode: 401, developerMessage: 'Invalid api_key', success: false } } };
const NAMES = Array.from({ length: 11 }, (_, i) => `Line ${String(i).padStart(2, '0')}`);
const key = (i: number) => `priority-key-${i}-0123456789`;
let slack: FakeSlack;
let d360: FakeD360;
let bot: TestBot;

beforeAll(async () => {
  slack = await startFakeSlack();
  d360 = await startFakeD360();
  for (const i of NAMES.keys()) d360.script(key(i), i < 10 ? INVALID : { json: HEALTHY_CLOUD });
  const numbersYaml = [
    'numbers:',
    ...NAMES.flatMap((name, i) => [`  - name: ${name}`, `    apiKeyEnv: KEY_${i}`, `    baseUrl: ${d360.url}`]),
  ].join('\n');
  const env = Object.fromEntries(NAMES.map((_, i) => [`KEY_${i}`, key(i)]));
  // Ten cards at once would be grouped; this test is about one channel's queue, so grouping is off.
  bot = await startTestBot(slack, { numbersYaml, env: { ...env, GROUP_MIN_NUMBERS: '1000' }, channelIntervalMs: 250 });
}, 30_000);
afterAll(async () => {
  await bot.stop();
  await slack.close();
  await d360.close();
});

describe('a backed-up channel', () => {
  it('posts a new incident’s card before the edits still queued for older ones', async () => {
    await bot.bot.runPass();
    await bot.bot.runPass();
    await expect.poll(() => slack.cards().length, { interval: 100 }).toBe(10);
    // Ten acknowledgements: an edit and a reply each, at one call per 250 ms.
    for (const name of NAMES.slice(0, 10)) await bot.bot.monitor.acknowledge(name, 'U0ALICE');
    d360.script(key(10), INVALID);
    await bot.bot.runPass();
    await bot.bot.runPass();
    await expect.poll(() => slack.cards().length, { interval: 50 }).toBe(11);
    const editsFirst = slack.callsTo('chat.update').length;
    expect(editsFirst).toBeLessThan(8);
    // Nothing was dropped for it: every edit still arrives.
    await expect.poll(() => slack.callsTo('chat.update').length, { interval: 200 }).toBeGreaterThanOrEqual(10);
  }, 90_000);
});
