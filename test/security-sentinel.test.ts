import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodingsOf } from './support/encodings.js';
import { type ProcessBot, startWorld, until, type World } from './support/e2e.js';

const KEY = 'sentinel-d360-key-0123456789abcdefXYZ';
const ENCODED = encodingsOf(KEY);
let world: World;
let bot: ProcessBot;

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

beforeAll(async () => {
  world = await startWorld();
  world.d360.script(KEY, { status: 502, text: hostileBody(), contentType: 'application/json' });
  // The real process: its stdout and stderr are where a log line would leak the key.
  bot = await world.process({
    env: {
      D360_API_KEY: KEY,
      WA_NUMBER_NAME: 'Support line',
      D360_BASE_URL: world.d360.url,
      POLL_SCHEDULE: '* * * * * *',
      INCIDENT_OPEN_AFTER: '1',
      D360_TIMEOUT_MS: '2000',
    },
  });
  await until(() => JSON.stringify(world.slack.cards()).includes('Ready-to-paste ticket'), 'the card with the ticket', {
    context: bot.output,
  });
  // A few more polls, so that every record write and card update has happened with this answer.
  const polls = world.d360.requestsFor(KEY).length;
  await until(() => world.d360.requestsFor(KEY).length > polls + 3, 'four more polls', { context: bot.output });
  await bot.stop();
});
afterAll(() => world?.close());

describe('a 360dialog answer that carries the API key in every encoding', () => {
  it('reaches Slack with the evidence, but without the key', () => {
    const sent = JSON.stringify(world.slack.calls);
    expect(sent).toMatch(/Bad gateway for key \[redacted\]/);
    for (const [name, spelled] of Object.entries(ENCODED)) expect(sent, name).not.toContain(spelled);
  });

  it('leaves the key in no log line', () => {
    for (const [name, spelled] of Object.entries(ENCODED)) expect(bot.output(), name).not.toContain(spelled);
  });

  it('leaves the key in no byte of the store (database and write-ahead log)', () => {
    const files = readdirSync(world.dir).filter((f) => f.startsWith('store.sqlite'));
    expect(files).toContain('store.sqlite');
    for (const file of files) {
      const path = join(world.dir, file);
      if (!existsSync(path)) continue;
      const bytes = readFileSync(path).toString('latin1');
      for (const [name, spelled] of Object.entries(ENCODED)) expect(bytes, `${file}: ${name}`).not.toContain(spelled);
    }
  });
});
