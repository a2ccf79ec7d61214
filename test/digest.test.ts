import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readStartConfig } from '../src/config/config.js';
import { type FakeD360, HEALTHY_CLOUD, startFakeD360 } from './fakes/d360.js';
import { type FakeSlack, startFakeSlack } from './fakes/slack-api.js';
import { blockKitProblems } from './support/block-kit.js';
import { startTestBot, type TestBot } from './support/bot.js';

let slack: FakeSlack;
let d360: FakeD360;
let bot: TestBot;
const BROKEN = 'digest-broken-key-0123456789';
const FINE = 'digest-fine-key-0123456789';

beforeAll(async () => {
  slack = await startFakeSlack();
  d360 = await startFakeD360();
  d360.script(BROKEN, { status: 401, json: { meta: { httpCode: 401, developerMessage: 'Invalid api_key', success: false } } });
  d360.script(FINE, { status: 200, json: HEALTHY_CLOUD });
  const numbersYaml = [
    'numbers:',
    `  - { name: "Support <!channel> line", apiKeyEnv: D360_KEY_SUPPORT, baseUrl: "${d360.url}" }`,
    `  - { name: Sales line, apiKeyEnv: D360_KEY_SALES, baseUrl: "${d360.url}" }`,
  ].join('\n');
  bot = await startTestBot(slack, { numbersYaml, env: { D360_KEY_SUPPORT: BROKEN, D360_KEY_SALES: FINE }, channelIntervalMs: 20 });
});
afterAll(async () => {
  await bot.stop();
  await slack.close();
  await d360.close();
});

const digests = () => slack.callsTo('chat.postMessage').filter((c) => String(c.body.text).startsWith('Digest:'));

describe('the digest', () => {
  it('tells each channel what opened since the last digest, what is still open and the longest running', async () => {
    await bot.bot.runPass();
    await expect.poll(() => slack.cards().length).toBe(1);
    // Posted, and its ts stored with the incident (a moment after Slack has it): the digest links to it.
    await expect
      .poll(async () => (await bot.bot.monitor.fleet()).entries.find((e) => e.name === 'Support <!channel> line')?.card)
      .toBeDefined();
    await bot.bot.digest();
    expect(digests()).toHaveLength(1);
    const message = digests()[0]?.body ?? {};
    expect(message.channel).toBe('C0INCIDENTS');
    expect(blockKitProblems(message)).toEqual([]);
    const text = JSON.stringify(message);
    expect(text).toMatch(/1 opened, 0 resolved; now 1 open, 0 muted/);
    expect(text).toMatch(/\*Opened\* \(1\)/);
    expect(text).toMatch(/\*Still open\* \(1\)/);
    expect(text).toMatch(/Longest running:.*Support &lt;!channel&gt; line/);
    expect(text).toContain('https://slack.com/archives/C0INCIDENTS/p');
  });

  it('the next digest covers only the time since the last: nothing newly opened', async () => {
    await bot.bot.digest();
    expect(digests()).toHaveLength(2);
    expect(JSON.stringify(digests()[1]?.body)).toMatch(/0 opened, 0 resolved; now 1 open/);
  });

  it('refuses a DIGEST_SCHEDULE that is not a cron expression', () => {
    const env = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1', SLACK_INCIDENT_CHANNEL: 'C0X', DIGEST_SCHEDULE: 'every morning' };
    expect(() => readStartConfig(env, { readFile: () => undefined })).toThrow(/DIGEST_SCHEDULE is "every morning"/);
  });
});
