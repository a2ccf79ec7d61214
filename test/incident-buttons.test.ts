import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createD360Client } from '../src/d360/client.js';
import { createLogger } from '../src/telemetry/log.js';
import { createPoller } from '../src/monitor/poller.js';
import type { NumberRecord } from '../src/core/records.js';
import { MONITORING } from '../src/config/numbers.js';
import { createMonitor } from '../src/monitor/service.js';
import { createNotifier } from '../src/slack/notifier.js';
import { createStore } from '../src/store/kv.js';
import { createRecordStore } from '../src/store/record-store.js';
import { type FakeD360, startFakeD360 } from './fakes/d360.js';
import { type FakeSlack, type PostedMessage, startFakeSlack } from './fakes/slack-api.js';
import { cardClick, postSigned } from './fakes/slack-signer.js';
import { type TestBot, startTestBot } from './support/bot.js';
import { SIGNING_SECRET } from './support/slack-app.js';
import { testNumber } from './support/numbers.js';

let slack: FakeSlack;
let d360: FakeD360;
let bot: TestBot;
const quiet = createLogger({ level: 'error', write: () => {} });
const KEY = 'buttons-key-0123456789';
const number = { name: 'Legacy line', apiKey: { reveal: () => KEY } };

beforeAll(async () => {
  slack = await startFakeSlack();
  d360 = await startFakeD360();
  d360.script(KEY, {
    status: 401,
    json: { meta: { httpCode: 401, developerMessage: 'Invalid api_key', success: false } },
  });
  const numbersYaml = `numbers:\n  - name: Legacy line\n    api: onprem\n    apiKeyEnv: D360_KEY_LEGACY\n    baseUrl: ${d360.url}\n`;
  bot = await startTestBot(slack, { numbersYaml, env: { D360_KEY_LEGACY: KEY }, channelIntervalMs: 20 });
  await bot.bot.monitor.runPass();
});
afterAll(async () => {
  await bot.stop();
  await slack.close();
  await d360.close();
});

const card = () => slack.cards()[0] as PostedMessage;
async function press(actionId: string, user: string, responseId: string) {
  const body = cardClick(card(), actionId, { user, responseUrl: slack.responseUrl(responseId) });
  const res = await postSigned(`${bot.url}/slack/events`, SIGNING_SECRET, body);
  expect(res.status).toBe(200);
}

describe('the buttons on an incident card', () => {
  it('start from one card for the 401', async () => {
    await expect.poll(() => slack.cards().length).toBe(1);
  });

  it('re-checks now, names who asked, and notes that On-Premise health may be 5 minutes old', async () => {
    await press('incident_recheck', 'U0ALICE', 'recheck-1');
    await expect.poll(() => JSON.stringify(card().blocks)).toMatch(/re-checked by <@U0ALICE>/);
    expect(JSON.stringify(card().blocks)).toMatch(/caches On-Premise health for up to 5 min, so an answer may be that old/);
    expect(d360.requestsFor(number.apiKey.reveal())).toHaveLength(2);
  });

  it('refuses a second re-check within 30 seconds, privately, without polling', async () => {
    await press('incident_recheck', 'U0BOB', 'recheck-2');
    await expect
      .poll(() => slack.responses('recheck-2'))
      .toEqual([expect.objectContaining({ response_type: 'ephemeral', text: expect.stringMatching(/try again in \d+ s/) })]);
    expect(d360.requestsFor(number.apiKey.reveal())).toHaveLength(2);
  });

  it('acknowledges: the card shows who, the button goes, the thread says so', async () => {
    await press('incident_ack', 'U0CAROL', 'ack');
    await expect.poll(() => JSON.stringify(card().blocks)).toMatch(/\*Acknowledged\* by <@U0CAROL>/);
    expect(JSON.stringify(card().blocks)).not.toMatch(/incident_ack/);
    await expect.poll(() => slack.thread(card().ts).some((m) => /Acknowledged by <@U0CAROL>/.test(m.text))).toBe(true);
  });

  it('mutes for an hour: the card says until when, and the Mute button goes', async () => {
    await press('incident_mute', 'U0DAVE', 'mute');
    await expect.poll(() => JSON.stringify(card().blocks)).toMatch(/\*Muted\* until .* by <@U0DAVE>/);
    expect(JSON.stringify(card().blocks)).not.toMatch(/incident_mute/);
  });

  it('keeps one card through all of it', () => {
    expect(slack.cards()).toHaveLength(1);
  });
});

describe('monitoring degraded', () => {
  it('posts one "monitoring degraded" card, not one per number, when most numbers give no answer', async () => {
    const fakeSlack = await startFakeSlack();
    const store = createRecordStore<NumberRecord>(await createStore('memory://'), 'number');
    const numbers = Array.from({ length: 5 }, (_, i) =>
      testNumber(`storm-key-${i}-0123456789`, 'http://127.0.0.1:1', 'cloud', `Line ${i}`),
    );
    const n = createNotifier({
      token: 'xoxb-test-fake',
      apiUrl: fakeSlack.apiUrl,
      records: store,
      numbers,
      defaultChannel: 'C0INCIDENTS',
      logger: quiet,
      channelIntervalMs: 10,
    });
    const poller = createPoller({ numbers, client: createD360Client({ timeoutMs: 500, retries: 0 }), concurrency: 5 });
    const m = createMonitor({ poller, records: store, logger: quiet, onChange: (name) => n.notify(name) });
    await n.start();
    await m.runPass();
    await m.runPass();
    await m.runPass();
    await expect.poll(() => fakeSlack.cards().length).toBe(1);
    expect(fakeSlack.cards()[0]?.text).toMatch(/Monitoring/);
    // Said once, in words: not "monitoring Monitoring degraded", not "this code is not in the catalog".
    const card = `${fakeSlack.cards()[0]?.text} ${JSON.stringify(fakeSlack.cards()[0]?.blocks)}`;
    expect(card).not.toMatch(/monitoring Monitoring|\*monitoring\*|not in the catalog|for this number/i);
    expect(card).toMatch(/most numbers at once/);
    expect(JSON.stringify(fakeSlack.cards()[0]?.blocks)).toMatch(/5 of 5 numbers gave no answer/);
    for (const line of numbers) expect((await store.get(line.name))?.incident).toBeUndefined();
    expect((await store.get(MONITORING))?.incident?.status).toBe('open');
    await n.stop();
    await fakeSlack.close();
  });
});
