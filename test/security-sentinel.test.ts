import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeD360, startFakeD360 } from './fakes/d360.js';
import { type FakeSlack, startFakeSlack } from './fakes/slack-api.js';
import { type BotProcess, freePort, startBot } from './support/bot-process.js';
import { encodingsOf } from './support/encodings.js';

const KEY = 'sentinel-d360-key-0123456789abcdefXYZ';
const ENCODED = encodingsOf(KEY);
let slack: FakeSlack;
let d360: FakeD360;
let bot: BotProcess;
let dir: string;

/**
 * A 502 (an outage that says "escalate now", so the card carries the ready-to-paste ticket with the
 * answer as evidence) whose body spells the key every way: the JSON \u escapes are written raw into
 * the text, as an upstream serialiser would, so only parsing decodes them.
 */
function hostileBody(): string {
  const spelled = Object.entries(ENCODED).filter(([name]) => name !== 'jsonEscapes');
  const fields = spelled.map(([name, text]) => `"${name}":${JSON.stringify(`${name} ${text}`)}`).join(',');
  const message = `Bad gateway for key ${ENCODED.jsonEscapes} (${ENCODED.hexLower}, ${ENCODED.base64})`;
  return `{"meta":{"httpCode":502,"success":false,"developerMessage":"${message}"},"echo":{${fields}}}`;
}

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
  d360.script(KEY, { status: 502, text: hostileBody(), contentType: 'application/json' });
  dir = mkdtempSync(join(tmpdir(), 'wa-sentinel-'));
  bot = startBot(
    {
      SLACK_BOT_TOKEN: 'xoxb-sentinel-fake',
      SLACK_SIGNING_SECRET: 'sentinel-signing-secret',
      SLACK_INCIDENT_CHANNEL: 'C0INCIDENTS',
      SLACK_API_URL: slack.apiUrl,
      PORT: String(await freePort()),
      D360_API_KEY: KEY,
      WA_NUMBER_NAME: 'Support line',
      D360_BASE_URL: d360.url,
      POLL_SCHEDULE: '* * * * * *',
      INCIDENT_OPEN_AFTER: '1',
      STORE_URL: `sqlite://${join(dir, 'store.sqlite')}`,
      D360_TIMEOUT_MS: '2000',
      LOG_LEVEL: 'debug',
    },
    dir,
  );
  await bot.waitFor(/watching 1 number/);
  await until(() => JSON.stringify(slack.cards()).includes('Ready-to-paste ticket'), 20_000);
  // A few more polls, so that every record write and card update has happened with this answer.
  const polls = d360.requestsFor(KEY).length;
  await until(() => d360.requestsFor(KEY).length > polls + 3, 10_000);
  await bot.stop();
}, 60_000);
afterAll(async () => {
  await bot.stop();
  await slack.close();
  await d360.close();
});

describe('a 360dialog answer that carries the API key in every encoding', () => {
  it('reaches Slack with the evidence, but without the key', () => {
    const sent = JSON.stringify(slack.calls);
    expect(sent).toMatch(/Bad gateway for key \[redacted\]/);
    for (const [name, spelled] of Object.entries(ENCODED)) expect(sent, name).not.toContain(spelled);
  });

  it('leaves the key in no log line', () => {
    for (const [name, spelled] of Object.entries(ENCODED)) expect(bot.output(), name).not.toContain(spelled);
  });

  it('leaves the key in no byte of the store (database and write-ahead log)', () => {
    const files = readdirSync(dir).filter((f) => f.startsWith('store.sqlite'));
    expect(files).toContain('store.sqlite');
    for (const file of files) {
      const path = join(dir, file);
      if (!existsSync(path)) continue;
      const bytes = readFileSync(path).toString('latin1');
      for (const [name, spelled] of Object.entries(ENCODED)) expect(bytes, `${file}: ${name}`).not.toContain(spelled);
    }
  });
});
