import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeD360, HEALTHY_CLOUD, startFakeD360 } from './fakes/d360.js';
import { type FakeSlack, startFakeSlack } from './fakes/slack-api.js';
import { commandForm, postSigned } from './fakes/slack-signer.js';
import { blockKitProblems } from './support/block-kit.js';
import { startTestBot, type TestBot } from './support/bot.js';
import { SIGNING_SECRET } from './support/slack-app.js';

let slack: FakeSlack;
let d360: FakeD360;
let bot: TestBot;
const BROKEN = 'status-broken-key-0123456789';
const FINE = 'status-fine-key-0123456789';

beforeAll(async () => {
  slack = await startFakeSlack();
  d360 = await startFakeD360();
  d360.script(BROKEN, { status: 401, json: { meta: { httpCode: 401, developerMessage: 'Invalid api_key', success: false } } });
  d360.script(FINE, { status: 200, json: HEALTHY_CLOUD });
  const numbersYaml = [
    'numbers:',
    `  - { name: Support line, phone: "+49 30 1234567", apiKeyEnv: D360_KEY_SUPPORT, baseUrl: "${d360.url}" }`,
    `  - { name: Sales line, apiKeyEnv: D360_KEY_SALES, baseUrl: "${d360.url}" }`,
  ].join('\n');
  bot = await startTestBot(slack, { numbersYaml, env: { D360_KEY_SUPPORT: BROKEN, D360_KEY_SALES: FINE }, channelIntervalMs: 20 });
});
afterAll(async () => {
  await bot.stop();
  await slack.close();
  await d360.close();
});

let asked = 0;
/** Asks as Slack would: acked at once (empty), then answered through its response_url. */
async function status(text: string): Promise<{ text: string; blocks: unknown[] }> {
  const id = `status-${++asked}`;
  const form = commandForm({ command: '/wa-status', text, responseUrl: slack.responseUrl(id) });
  const res = await postSigned(`${bot.url}/slack/events`, SIGNING_SECRET, form);
  expect(res.status).toBe(200);
  expect(await res.text()).toBe('');
  await expect.poll(() => slack.responses(id)).toHaveLength(1);
  const body = slack.responses(id)[0] as { text: string; blocks: unknown[]; response_type: string };
  expect(body.response_type).toBe('ephemeral');
  expect(blockKitProblems(body)).toEqual([]);
  return body;
}

describe('/wa-status through the real receiver', () => {
  it('acks at once, then answers: counts, the open incident first with a link to its card, the healthy one by name', async () => {
    await bot.bot.monitor.runPass();
    await expect.poll(() => slack.cards().length).toBe(1);
    const card = slack.cards()[0];
    // The snapshot is cached for a few seconds: wait until it shows the card.
    await expect
      .poll(async () => JSON.stringify(await status('')), { interval: 500 })
      .toContain(`https://slack.com/archives/C0INCIDENTS/p${card?.ts.replace('.', '')}`);
    const answer = JSON.stringify(await status(''));
    expect(answer).toMatch(/1 open/);
    expect(answer).toMatch(/1 healthy/);
    expect(answer.indexOf('Support line')).toBeLessThan(answer.indexOf('Sales line'));
    expect(answer).toMatch(/last check/);
  });

  it('shows one number in detail, by name or by phone', async () => {
    for (const query of ['support line', '+49 30 1234567']) {
      const answer = JSON.stringify(await status(query));
      expect(answer).toMatch(/Open conditions/);
      expect(answer).toMatch(/401/);
      expect(answer).toMatch(/Recent history/);
    }
    expect(JSON.stringify(await status('<!channel>'))).toMatch(/No watched number is called &lt;!channel&gt;/);
  });
});
