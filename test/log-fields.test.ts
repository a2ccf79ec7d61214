import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Bot, createBot } from '../src/bot.js';
import { readStartConfig } from '../src/config/config.js';
import { createLogger } from '../src/telemetry/log.js';
import { type FakeD360, startFakeD360 } from './fakes/d360.js';
import { type FakeSlack, startFakeSlack } from './fakes/slack-api.js';
import { BOT_TOKEN, SIGNING_SECRET } from './support/slack-app.js';

const SUPPORT_KEY = 'log-fields-support-key-0123456789';
const SALES_KEY = 'log-fields-sales-key-0123456789';
let slack: FakeSlack;
let d360: FakeD360;
let bot: Bot;
const lines: string[] = [];

interface Entry {
  readonly level: string;
  readonly msg: string;
  readonly number?: string;
  readonly incident?: string;
  readonly channel?: string;
  readonly code?: string;
}
/** A loaded machine delivers later, never differently. */
const WAIT = { timeout: 5000 };
const entries = () => lines.map((line) => JSON.parse(line) as Entry);

beforeAll(async () => {
  slack = await startFakeSlack();
  d360 = await startFakeD360();
  const invalid = { status: 401, json: { meta: { httpCode: 401, developerMessage: 'Invalid api_key', success: false } } };
  d360.script(SUPPORT_KEY, invalid);
  d360.script(SALES_KEY, invalid);
  // Sales posts to its own channel, which refuses the bot and cannot be joined: a held channel.
  slack.refuse('C0SALES', 'not_in_channel');
  slack.outage('conversations.join', { body: { ok: false, error: 'method_not_supported_for_channel_type' } });
  const numbersYaml = [
    'numbers:',
    `  - { name: Support line, apiKeyEnv: D360_KEY_SUPPORT, baseUrl: "${d360.url}" }`,
    `  - { name: Sales line, apiKeyEnv: D360_KEY_SALES, baseUrl: "${d360.url}", channel: C0SALES }`,
  ].join('\n');
  const env = {
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_INCIDENT_CHANNEL: 'C0INCIDENTS',
    SLACK_API_URL: slack.apiUrl,
    PORT: '0',
    STORE_URL: 'memory://log-fields',
    POLL_SCHEDULE: '0 0 1 1 *',
    D360_STATUS_URL: 'off',
    INCIDENT_OPEN_AFTER: '1',
    D360_KEY_SUPPORT: SUPPORT_KEY,
    D360_KEY_SALES: SALES_KEY,
  };
  const config = readStartConfig(env, { readFile: () => numbersYaml });
  const logger = createLogger({ format: 'json', level: 'debug', secrets: config.secrets, write: (line) => lines.push(line) });
  bot = await createBot(config, { logger, channelIntervalMs: 20 });
  await bot.start();
}, 30_000);
afterAll(async () => {
  await bot?.stop();
  await slack?.close();
  await d360?.close();
});

describe('JSON lines of a real bot: a number breaking, a card delivered, a channel refused', () => {
  it('names the number and the code of a poll that found a problem in fields of their own', async () => {
    await bot.runPass();
    await expect.poll(() => entries().some((e) => e.number === 'Support line' && e.code === '401'), WAIT).toBe(true);
  });

  it('names the number, the incident and the channel of a delivered card', async () => {
    // Its card, not the notice about C0SALES, which has no blocks.
    const cards = () => slack.cards().filter((c) => c.channel === 'C0INCIDENTS' && c.blocks.length > 0);
    await expect.poll(() => cards().length, WAIT).toBe(1);
    const incident = cards()[0]?.metadata?.event_payload.incident_id;
    await expect
      .poll(() => entries().find((e) => e.incident === incident && /delivered/.test(e.msg)), WAIT)
      .toMatchObject({ number: 'Support line', incident: expect.stringMatching(/^Support line#\d+$/), channel: 'C0INCIDENTS' });
  });

  it('names the channel and Slack’s error of a refusal, and the number and incident it held back', async () => {
    await expect
      .poll(() => entries().find((e) => e.level === 'error' && e.channel === 'C0SALES'), WAIT)
      .toMatchObject({ code: 'not_in_channel', msg: expect.stringMatching(/Slack refuses channel C0SALES/) });
    await expect
      .poll(() => entries().find((e) => e.number === 'Sales line' && e.code === 'not_in_channel'), WAIT)
      .toMatchObject({
        incident: expect.stringMatching(/^Sales line#\d+$/),
        channel: 'C0SALES',
      });
  });

  it('keeps the fields out of the message text, and every line one object', () => {
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
    const delivered = entries().find((e) => /delivered/.test(e.msg));
    expect(delivered?.msg).not.toMatch(/"channel"|"incident"/);
  });
});
