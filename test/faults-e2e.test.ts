import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStore } from '../src/store/kv.js';
import { type FakeD360, HEALTHY_CLOUD, startFakeD360 } from './fakes/d360.js';
import { type FakeSlack, type PostedMessage, startFakeSlack } from './fakes/slack-api.js';
import { type BotProcess, freePort, startBot } from './support/bot-process.js';

const NUMBERS = 5;
const keyOf = (i: number) => `faults-e2e-key-${i}-0123456789`;
const INVALID_KEY = { status: 401, json: { meta: { httpCode: 401, developerMessage: 'Invalid api_key', success: false } } };

let slack: FakeSlack;
let d360: FakeD360;
let dir: string;
const bots: BotProcess[] = [];

beforeEach(async () => {
  slack = await startFakeSlack();
  d360 = await startFakeD360();
  dir = mkdtempSync(join(tmpdir(), 'wa-faults-'));
  const entries = Array.from(
    { length: NUMBERS },
    (_, i) => `  - name: Line ${i}\n    apiKeyEnv: D360_KEY_${i}\n    baseUrl: ${d360.url}\n`,
  );
  writeFileSync(join(dir, 'numbers.yml'), `numbers:\n${entries.join('')}`);
  for (let i = 0; i < NUMBERS; i += 1) d360.script(keyOf(i), INVALID_KEY);
});
afterEach(async () => {
  for (const bot of bots.splice(0)) await bot.stop();
  await slack.close();
  await d360.close();
});

async function launch(): Promise<{ bot: BotProcess; url: string }> {
  const port = await freePort();
  const keys = Object.fromEntries(Array.from({ length: NUMBERS }, (_, i) => [`D360_KEY_${i}`, keyOf(i)]));
  const bot = startBot(
    {
      SLACK_BOT_TOKEN: 'xoxb-test-faults-fake-token',
      SLACK_SIGNING_SECRET: 'faults-signing-secret-0123',
      SLACK_INCIDENT_CHANNEL: 'C0INCIDENTS',
      SLACK_API_URL: slack.apiUrl,
      PORT: String(port),
      POLL_SCHEDULE: '* * * * * *',
      STORE_URL: `sqlite://${join(dir, 'store.sqlite')}`,
      D360_TIMEOUT_MS: '2000',
      LOG_LEVEL: 'debug',
      // One card per number here: these tests count cards per incident, not groups.
      GROUP_MIN_NUMBERS: '1000',
      ...keys,
    },
    dir,
  );
  bots.push(bot);
  await bot.waitFor(/watching 5 number/);
  return { bot, url: `http://127.0.0.1:${port}` };
}

const incidentOf = (m: PostedMessage) => String(m.metadata?.event_payload.incident_id ?? '');
const readyz = async (url: string) => {
  const res = await fetch(`${url}/readyz`);
  return { status: res.status, body: (await res.json()) as { reasons?: string[] } };
};

describe('faults, with the real process', () => {
  it('keeps every card while Slack refuses the channel, says so on /readyz, and delivers once it accepts', async () => {
    slack.refuse('C0INCIDENTS', 'not_in_channel');
    slack.outage('conversations.join', { body: { ok: false, error: 'method_not_supported_for_channel_type' } });
    const { bot, url } = await launch();
    await bot.waitFor(/ERROR .*Slack refuses channel C0INCIDENTS: not_in_channel — invite the bot/);
    await expect
      .poll(() => readyz(url), { timeout: 5000 })
      .toEqual({
        status: 503,
        body: expect.objectContaining({ reasons: [expect.stringContaining('not_in_channel')] }),
      });
    slack.refuse('C0INCIDENTS');
    await expect.poll(() => slack.cards().length, { timeout: 20_000 }).toBe(NUMBERS);
    await expect.poll(() => readyz(url).then((r) => r.status), { timeout: 10_000 }).toBe(200);
    expect(bot.output().match(/ERROR .*Slack refuses channel/g)).toHaveLength(1);
  }, 60_000);

  it('leaves no duplicate card, no repeated reply and no stale card across kill -9 during a slow Slack', async () => {
    slack.outage('chat.postMessage', { lateMs: 2000 });
    slack.outage('chat.update', { lateMs: 2000 });
    // Kill at varied moments: before, during and after calls that Slack takes but answers late.
    for (const after of [900, 1700, 2600, 1200, 3100, 2100]) {
      const { bot } = await launch();
      await new Promise((r) => setTimeout(r, after));
      await bot.kill9();
    }
    slack.outage('chat.postMessage');
    slack.outage('chat.update');
    for (let i = 0; i < NUMBERS; i += 1) d360.script(keyOf(i), { json: HEALTHY_CLOUD });
    await launch();
    await expect.poll(() => slack.cards().filter((c) => /recovered/.test(c.text)).length, { timeout: 30_000 }).toBe(NUMBERS);

    const cards = slack.cards();
    const perIncident = new Map<string, number>();
    for (const card of cards) perIncident.set(incidentOf(card), (perIncident.get(incidentOf(card)) ?? 0) + 1);
    expect([...perIncident.values()]).toEqual(Array(NUMBERS).fill(1));
    // Every reply went out once: the metadata carries the outbox sequence number.
    const replies = slack.messages.filter((m) => m.threadTs !== undefined).map((m) => `${incidentOf(m)}/${m.metadata?.event_payload.seq}`);
    expect(new Set(replies).size).toBe(replies.length);
  }, 120_000);

  it('stops within 10 s on SIGTERM while Slack hangs, and delivers after the restart', async () => {
    slack.outage('chat.postMessage', { delayMs: 60_000 });
    const { bot } = await launch();
    await expect.poll(() => slack.callsTo('chat.postMessage').length, { timeout: 10_000 }).toBeGreaterThan(0);
    const before = Date.now();
    await bot.stop();
    expect(Date.now() - before).toBeLessThan(10_000);
    slack.outage('chat.postMessage');
    await launch();
    await expect.poll(() => slack.cards().length, { timeout: 20_000 }).toBe(NUMBERS);
    await new Promise((r) => setTimeout(r, 1500));
    expect(slack.cards()).toHaveLength(NUMBERS);
  }, 60_000);
});

describe('the store under a running bot, with the real process', () => {
  it('says on /readyz and in the log when the store file is deleted under it', async () => {
    const { bot, url } = await launch();
    await expect.poll(() => readyz(url).then((r) => r.status), { timeout: 10_000 }).toBe(200);
    for (const suffix of ['', '-wal', '-shm']) rmSync(join(dir, `store.sqlite${suffix}`), { force: true });
    await expect
      .poll(() => readyz(url), { timeout: 5000 })
      .toEqual({
        status: 503,
        body: expect.objectContaining({ reasons: [expect.stringMatching(/store file .*store\.sqlite was deleted under the running bot/)] }),
      });
    await bot.waitFor(/ERROR .*store file .* was deleted/);
  }, 60_000);

  it('starts past a malformed record, naming it, and still watches the others', async () => {
    const kv = await createStore(`sqlite://${join(dir, 'store.sqlite')}`);
    await kv.set('number:Line 0', { not: 'a record' });
    await kv.set('number:Line 1', { number: 'Line 1', outbox: 'nonsense' });
    await kv.close();
    const { bot } = await launch();
    await bot.waitFor(/ERROR .*store record "Line 0" is malformed: skipped/);
    await expect.poll(() => slack.cards().length, { timeout: 20_000 }).toBeGreaterThanOrEqual(3);
  }, 60_000);
});
