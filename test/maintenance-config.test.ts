import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activeWindow, parseMaintenance } from '../src/config/maintenance.js';
import { type FakeD360, startFakeD360 } from './fakes/d360.js';
import { type FakeSlack, startFakeSlack } from './fakes/slack-api.js';
import { startTestBot, type TestBot } from './support/bot.js';

const H = 3_600_000;
// A Monday, 08:00 UTC.
const MON = Date.UTC(2026, 10, 30, 8);

describe('numbers.yml maintenance windows', () => {
  it('reads one-off and recurring windows, and says which entry is wrong and how', () => {
    const problems: string[] = [];
    const windows = parseMaintenance(
      [
        { start: '2026-11-30T07:00:00Z', end: '2026-11-30T09:00:00Z', reason: 'migration' },
        { every: 'daily', at: '02:00', for: '1h' },
        { every: 'weekly', at: '07:30', for: '2h', day: 'mon', reason: 'weekly deploy' },
        { every: 'hourly', at: '7', for: 'soon' },
        { start: 'yesterday' },
      ],
      'numbers.yml entry 1 ("A")',
      problems,
    );
    expect(windows).toHaveLength(3);
    expect(problems).toEqual([
      'numbers.yml entry 1 ("A") maintenance entry 4 has every "hourly": use daily or weekly.',
      'numbers.yml entry 1 ("A") maintenance entry 4 needs at: "HH:MM" (UTC).',
      'numbers.yml entry 1 ("A") maintenance entry 4 needs for: a duration like 30m, 2h or 1d (at most 7 days).',
      'numbers.yml entry 1 ("A") maintenance entry 5 needs start and end as ISO times, end after start (like 2026-12-01T02:00:00Z).',
    ]);
    expect(activeWindow(windows, MON)).toEqual({ until: MON + 1.5 * H, reason: 'weekly deploy' });
    expect(activeWindow(windows, MON - 5.5 * H)).toEqual({ until: MON - 5 * H });
    expect(activeWindow(windows, MON + 2 * H)).toBeUndefined();
    // A weekly window is not there on Tuesday.
    expect(activeWindow(windows.slice(2), MON + 24 * H)).toBeUndefined();
  });
});

describe('a number in a numbers.yml window', () => {
  let slack: FakeSlack;
  let d360: FakeD360;
  let bot: TestBot;
  const KEY = 'window-broken-key-0123456789';
  beforeAll(async () => {
    slack = await startFakeSlack();
    d360 = await startFakeD360();
    d360.script(KEY, { status: 401, json: { meta: { httpCode: 401, developerMessage: 'Invalid api_key', success: false } } });
    const start = new Date(Date.now() - H).toISOString();
    const end = new Date(Date.now() + H).toISOString();
    const numbersYaml = [
      'numbers:',
      '  - name: Support line',
      '    apiKeyEnv: D360_KEY_SUPPORT',
      '    oncall: [U0LEAD]',
      `    baseUrl: ${d360.url}`,
      `    maintenance: [{ start: "${start}", end: "${end}", reason: "carrier <!here> swap" }]`,
    ].join('\n');
    bot = await startTestBot(slack, { numbersYaml, env: { D360_KEY_SUPPORT: KEY }, channelIntervalMs: 20 });
  });
  afterAll(async () => {
    await bot.stop();
    await slack.close();
    await d360.close();
  });

  it('is still polled and carded, pings nobody, and the card says it is in maintenance and why', async () => {
    await bot.bot.runPass();
    await expect.poll(() => slack.cards().length).toBe(1);
    const card = JSON.stringify(slack.callsTo('chat.postMessage')[0]?.body);
    expect(card).toMatch(/In maintenance\* until .* by numbers.yml: carrier &lt;!here&gt; swap/);
    expect(card).not.toMatch(/<@U0LEAD>|<!here>/);
  });
});
