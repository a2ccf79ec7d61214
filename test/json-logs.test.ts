import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeD360, startFakeD360 } from './fakes/d360.js';
import { type FakeSlack, startFakeSlack } from './fakes/slack-api.js';
import { type BotProcess, freePort, startBot } from './support/bot-process.js';

const KEY = 'sentinel-json-d360-key-0123456789XYZ';
const BOT_TOKEN = 'xoxb-sentinel-json-token-0123456789';
const SIGNING_SECRET = 'sentinel-json-signing-secret-0123';
const SENTINELS = [KEY, BOT_TOKEN, SIGNING_SECRET];
let slack: FakeSlack;
let d360: FakeD360;
let bot: BotProcess;

async function until(done: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out; bot output:\n${bot.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  slack = await startFakeSlack();
  d360 = await startFakeD360();
  // A 502 that echoes the key: the answer reaches the card as evidence, and must reach no log line.
  const message = `Bad gateway for key ${KEY}`;
  d360.script(KEY, { status: 502, json: { meta: { httpCode: 502, success: false, developerMessage: message } } });
  const dir = mkdtempSync(join(tmpdir(), 'wa-json-logs-'));
  const port = await freePort();
  bot = startBot(
    {
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_INCIDENT_CHANNEL: 'C0INCIDENTS',
      SLACK_API_URL: slack.apiUrl,
      PORT: String(port),
      D360_API_KEY: KEY,
      WA_NUMBER_NAME: 'Support line',
      D360_BASE_URL: d360.url,
      POLL_SCHEDULE: '* * * * * *',
      INCIDENT_OPEN_AFTER: '1',
      STORE_URL: `sqlite://${join(dir, 'store.sqlite')}`,
      D360_TIMEOUT_MS: '2000',
      LOG_LEVEL: 'debug',
      LOG_FORMAT: 'json',
    },
    dir,
  );
  await bot.waitFor(/watching 1 number/);
  // An unsigned request: Bolt's own receiver refuses it and says so in its log.
  await fetch(`http://127.0.0.1:${port}/slack/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-slack-request-timestamp': String(Math.floor(Date.now() / 1000)) },
    body: JSON.stringify({ type: 'event_callback', token: BOT_TOKEN }),
  });
  await until(() => slack.cards().length > 0, 20_000);
  const polls = d360.requestsFor(KEY).length;
  await until(() => d360.requestsFor(KEY).length > polls + 2, 10_000);
  await bot.stop();
}, 60_000);
afterAll(async () => {
  await bot?.stop();
  await slack?.close();
  await d360?.close();
});

const lines = () =>
  bot
    .output()
    .split('\n')
    .filter((line) => line !== '');

describe('the real bot with LOG_FORMAT=json', () => {
  it('prints nothing but JSON objects, one per line, each with level, time, msg and component', () => {
    expect(lines().length).toBeGreaterThan(5);
    for (const line of lines()) {
      const entry = JSON.parse(line) as Record<string, unknown>;
      expect(entry, line).toMatchObject({ level: expect.any(String), time: expect.any(String), msg: expect.any(String) });
      expect(typeof entry.component, line).toBe('string');
    }
  });

  it("includes Bolt's own lines and the stop, and names the number where the line is about one", () => {
    const entries = lines().map((line) => JSON.parse(line) as { component: string; msg: string; number?: string });
    expect(entries.some((e) => e.component.startsWith('wa-health-bot:slack') && /verif|signature/i.test(e.msg))).toBe(true);
    expect(entries.some((e) => e.msg === 'SIGTERM: stopping')).toBe(true);
    expect(entries.some((e) => e.number === 'Support line')).toBe(true);
  });

  it('leaves no sentinel key in any line', () => {
    for (const line of lines()) for (const sentinel of SENTINELS) expect(line).not.toContain(sentinel);
  });
});
