import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeD360, type FakeD360 } from './fakes/d360.js';
import { type FakeSlack, startFakeSlack } from './fakes/slack-api.js';
import { commandForm, postSigned } from './fakes/slack-signer.js';
import { startTestBot, type TestBot } from './support/bot.js';
import { SIGNING_SECRET } from './support/slack-app.js';

/** No lone surrogate: with the `u` flag a pair is one code point, and only a lone half is of category Cs. */
const isWellFormed = (s: string) => !/\p{Cs}/u.test(s);

const KEY = 'clip-e2e-broken-key-0123456789';
// 202 UTF-16 units: cut by unit at 79 (an 80-character limit with its "…") this ends in a lone high surrogate.
const NAME = `xy${'👍🏽'.repeat(50)}`;
let slack: FakeSlack;
let d360: FakeD360;
let bot: TestBot;

beforeAll(async () => {
  slack = await startFakeSlack();
  d360 = await startFakeD360();
  d360.script(KEY, { status: 401, json: { meta: { httpCode: 401, developerMessage: 'Invalid api_key', success: false } } });
  const numbersYaml = ['numbers:', `  - { name: "${NAME}", apiKeyEnv: D360_KEY_EMOJI, baseUrl: "${d360.url}" }`].join('\n');
  bot = await startTestBot(slack, { numbersYaml, env: { D360_KEY_EMOJI: KEY }, channelIntervalMs: 20 });
  await bot.bot.monitor.runPass();
}, 30_000);
afterAll(async () => {
  await bot?.stop();
  await slack?.close();
  await d360?.close();
});

/** Every string inside a Slack payload. */
const stringsOf = (value: unknown): string[] =>
  typeof value === 'string'
    ? [value]
    : Array.isArray(value)
      ? value.flatMap(stringsOf)
      : typeof value === 'object' && value !== null
        ? Object.values(value).flatMap(stringsOf)
        : [];

/**
 * Whole graphemes only: no lone surrogate, no replacement character, no thumb without its skin tone or the reverse,
 * and the name's run of thumbs ends in plain text — a lone surrogate that an encoder joins to what follows becomes
 * another emoji (🐦, once the form encoding had its way with a cut thumb).
 */
function expectWholeEmoji(payload: unknown): void {
  const strings = stringsOf(payload);
  expect(strings.join(' ')).toContain('👍🏽');
  for (const s of strings) {
    expect(isWellFormed(s), JSON.stringify(s)).toBe(true);
    expect(s).not.toContain('\uFFFD');
    expect(s.replaceAll('👍🏽', ''), s).not.toMatch(/👍|🏽/u);
    for (const [, after] of s.matchAll(/xy(?:👍🏽)*(.?)/gu)) expect(after, s).not.toMatch(/\p{Extended_Pictographic}/u);
  }
}

/** The command's answer: in the ack, or posted to its response_url when the ack carried none. */
async function answer(command: string, text: string): Promise<unknown> {
  const id = `${command}-${Math.random()}`;
  const res = await postSigned(
    `${bot.url}/slack/events`,
    SIGNING_SECRET,
    commandForm({ command, text, responseUrl: slack.responseUrl(id) }),
  );
  expect(res.status).toBe(200);
  const raw = await res.text();
  if (raw.trim() !== '') return JSON.parse(raw);
  await expect.poll(() => slack.responses(id).length).toBeGreaterThan(0);
  return slack.responses(id);
}

describe('a number named with 200 characters of emoji', () => {
  it('keeps every emoji whole in the card Slack receives through form encoding', async () => {
    await expect.poll(() => slack.cards().length).toBe(1);
    const card = slack.cards()[0];
    expectWholeEmoji({ text: card?.text, blocks: card?.blocks });
  });

  it('keeps every emoji whole in /wa-status: the overview and the number in detail', async () => {
    // The snapshot is cached for a few seconds: wait until it shows the incident.
    await expect.poll(async () => JSON.stringify(await answer('/wa-status', '')), { timeout: 10_000, interval: 500 }).toMatch(/1 open/);
    expectWholeEmoji(await answer('/wa-status', ''));
    expectWholeEmoji(await answer('/wa-status', NAME));
  });

  it('keeps every emoji whole in the answer to /wa-mute', async () => {
    const muted = await answer('/wa-mute', `${NAME} 1h`);
    expect(JSON.stringify(muted)).toMatch(/muted|maintenance/i);
    expectWholeEmoji(muted);
  });
});
