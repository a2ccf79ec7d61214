import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeD360, startFakeD360 } from './fakes/d360.js';
import { type FakeSlack, startFakeSlack } from './fakes/slack-api.js';
import { startTestBot, type TestBot } from './support/bot.js';
import { createDeliveryClient } from '../src/slack/delivery.js';
import { createDryRunClient } from '../src/slack/dry-run-client.js';
import { createLogger } from '../src/telemetry/log.js';

let slack: FakeSlack;
let d360: FakeD360;
let bot: TestBot;
const KEY = 'dry-run-key-0123456789';

async function until(done: () => boolean): Promise<void> {
  while (!done()) await new Promise((r) => setTimeout(r, 20));
}

beforeAll(async () => {
  slack = await startFakeSlack();
  d360 = await startFakeD360();
  // A 401 opens an incident on one sight: a card to post, then (acknowledged) one to edit.
  d360.script(KEY, { status: 401, json: { meta: { httpCode: 401, developerMessage: 'Invalid api_key', success: false } } });
  const numbersYaml = `numbers:\n  - name: Main line\n    api: cloud\n    apiKeyEnv: D360_KEY_MAIN\n    baseUrl: ${d360.url}\n`;
  bot = await startTestBot(slack, { numbersYaml, env: { D360_KEY_MAIN: KEY, DRY_RUN: '1' }, channelIntervalMs: 20 });
  await bot.bot.runPass();
  await until(() => bot.logs.some((l) => /post-card of .* delivered/.test(l)));
  expect(await bot.bot.monitor.acknowledge('Main line', 'U0OPERATOR')).toBe(true);
  await until(() => bot.logs.some((l) => /update-card of .* delivered/.test(l)));
}, 30_000);
afterAll(async () => {
  await bot?.stop();
  await slack?.close();
  await d360?.close();
});

describe('DRY_RUN=1', () => {
  it('polls and runs the incident as usual, but sends Slack no change', () => {
    expect(d360.requestsFor(KEY).length).toBeGreaterThan(0);
    expect(slack.calls.map((c) => c.method)).toContain('auth.test');
    expect(slack.calls.filter((c) => /^chat\.|^conversations\.join$/.test(c.method))).toEqual([]);
  });

  it('logs a timeline canvas it would write and answers with a made-up id, sending Slack nothing', async () => {
    const real = createDeliveryClient('xoxb-dry-run-test', slack.apiUrl, createLogger({ level: 'error', write: () => {} }));
    const logs: string[] = [];
    const client = createDryRunClient(real, createLogger({ level: 'info', write: (l) => logs.push(l) }));
    const res = await client.canvases.create({
      title: 'Timeline: Main line',
      document_content: { type: 'markdown', markdown: '# Timeline' },
    });
    expect(res.canvas_id).toMatch(/^FDRYRUN/);
    await client.canvases.access.set({ canvas_id: res.canvas_id as string, access_level: 'read', channel_ids: ['C0INCIDENTS'] });
    expect(logs.filter((l) => /dry run: would call canvases\.(create|access\.set)/.test(l))).toHaveLength(2);
    expect(slack.calls.filter((c) => c.method.startsWith('canvases.'))).toEqual([]);
  });

  it('logs what would have been posted, and the edit of that same card (its made-up ts was taken)', () => {
    const said = bot.logs.filter((l) => l.includes('dry run: would call'));
    expect(said[0]).toMatch(/would call chat\.postMessage in C0INCIDENTS \[\d+ blocks\]: .*Main line/);
    const ts = /\(message (\d+\.\d{6})\)/.exec(bot.logs.find((l) => l.includes('would call chat.update')) ?? '')?.[1];
    expect(ts).toMatch(/^\d+\.\d{6}$/);
    expect(bot.logs.some((l) => l.includes('DRY_RUN=1: Slack changes are logged here, not sent'))).toBe(true);
  });
});
