import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ProcessBot, startWorld, until, type World } from './support/e2e.js';
import { BOT_TOKEN, SIGNING_SECRET } from './support/slack-app.js';

const KEY = 'sentinel-json-d360-key-0123456789XYZ';
const SENTINELS = [KEY, BOT_TOKEN, SIGNING_SECRET];
let world: World;
let bot: ProcessBot;

beforeAll(async () => {
  world = await startWorld();
  // A 502 that echoes the key: the answer reaches the card as evidence, and must reach no log line.
  const message = `Bad gateway for key ${KEY}`;
  world.d360.script(KEY, { status: 502, json: { meta: { httpCode: 502, success: false, developerMessage: message } } });
  // The real process: what it prints on stdout and stderr is the subject here.
  bot = await world.process({
    env: {
      D360_API_KEY: KEY,
      WA_NUMBER_NAME: 'Support line',
      D360_BASE_URL: world.d360.url,
      POLL_SCHEDULE: '* * * * * *',
      INCIDENT_OPEN_AFTER: '1',
      D360_TIMEOUT_MS: '2000',
      LOG_FORMAT: 'json',
    },
  });
  // An unsigned request: Bolt's own receiver refuses it and says so in its log.
  await fetch(`${bot.url}/slack/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-slack-request-timestamp': String(Math.floor(Date.now() / 1000)) },
    body: JSON.stringify({ type: 'event_callback', token: BOT_TOKEN }),
  });
  await until(() => world.slack.cards().length > 0, 'a card', { context: bot.output });
  const polls = world.d360.requestsFor(KEY).length;
  await until(() => world.d360.requestsFor(KEY).length > polls + 2, 'three more polls', { context: bot.output });
  await bot.stop();
});
afterAll(() => world?.close());

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
