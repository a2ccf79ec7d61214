import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readStatusPage } from '../src/d360/status-page.js';
import { type FakeD360, startFakeD360 } from './fakes/d360.js';
import { type FakeSlack, startFakeSlack } from './fakes/slack-api.js';
import { ALL_CLEAR, CLOUD_API_DEGRADED, type FakeStatusPage, startFakeStatusPage } from './fakes/status-page.js';
import { startTestBot, type TestBot } from './support/bot.js';

describe("reading 360dialog's status page", () => {
  it('reads a Statuspage v2 summary: broken relevant components and open incidents', () => {
    expect(readStatusPage(ALL_CLEAR)).toEqual({ kind: 'read' });
    expect(readStatusPage(CLOUD_API_DEGRADED)).toEqual({
      kind: 'read',
      report: {
        summary: 'Cloud API degraded performance; Elevated error rates on message sending',
        since: Date.parse('2026-11-30T14:02:00Z'),
      },
    });
  });

  it('reads an Instatus summary', () => {
    expect(readStatusPage({ page: { status: 'UP' }, activeIncidents: [] })).toEqual({ kind: 'read' });
    const down = {
      page: { status: 'HASISSUES' },
      activeIncidents: [{ name: 'API outage', started: '2026-11-30T14:02:00Z', impact: 'MAJOROUTAGE' }],
    };
    expect(readStatusPage(down)).toMatchObject({ kind: 'read', report: { summary: 'API outage (majoroutage)' } });
  });

  it('calls anything else unreadable, and never throws', () => {
    for (const body of [null, 'x', [], { whatever: 1 }, 42]) expect(readStatusPage(body).kind).toBe('unreadable');
  });
});

describe('the status page on the cards, with the bot built as main.ts builds it', () => {
  let slack: FakeSlack;
  let d360: FakeD360;
  let status: FakeStatusPage;
  let bot: TestBot;
  const KEY = 'status-key-0123456789';

  beforeAll(async () => {
    slack = await startFakeSlack();
    d360 = await startFakeD360();
    status = await startFakeStatusPage();
    status.answer = 503;
    d360.script(KEY, { status: 401, json: { meta: { httpCode: 401, developerMessage: 'Invalid api_key', success: false } } });
    const numbersYaml = `numbers:\n  - name: Support line\n    apiKeyEnv: D360_KEY_SUPPORT\n    baseUrl: ${d360.url}\n`;
    bot = await startTestBot(slack, {
      numbersYaml,
      env: { D360_KEY_SUPPORT: KEY, D360_STATUS_URL: status.url, D360_STATUS_SCHEDULE: '* * * * * *' },
      channelIntervalMs: 20,
    });
    await bot.bot.monitor.runPass();
  });
  afterAll(async () => {
    await bot.stop();
    await slack.close();
    await d360.close();
    await status.close();
  });

  const card = () => JSON.stringify(slack.cards()[0]?.blocks ?? []);
  const thread = () => slack.thread(slack.cards()[0]?.ts ?? '').map((m) => m.text);

  it('logs an unreadable page once and changes nothing', async () => {
    await expect.poll(() => slack.cards().length).toBe(1);
    // Three more reads on its every-second schedule: the first two fully handled before the third began.
    const reads = status.answered;
    await expect.poll(() => status.answered).toBeGreaterThanOrEqual(reads + 3);
    expect(bot.logs.filter((l) => /status page cannot be read/.test(l))).toHaveLength(1);
    expect(card()).not.toMatch(/already knows/);
  });

  it('shows a reported problem on the open card and says 360dialog already knows', async () => {
    status.answer = CLOUD_API_DEGRADED;
    await expect.poll(card).toMatch(/360dialog already knows:\* their status page reports Cloud API degraded performance/);
    await expect.poll(thread).toContainEqual(expect.stringMatching(/status page reports: Cloud API degraded/));
  });

  it('notes in place when the page is clear again', async () => {
    status.answer = ALL_CLEAR;
    await expect.poll(card).not.toMatch(/already knows/);
    await expect.poll(thread).toContainEqual(expect.stringMatching(/no longer reports a problem/));
    expect(slack.cards()).toHaveLength(1);
  });
});
