import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readStartConfig } from '../src/config/config.js';
import type { WaNumber } from '../src/config/numbers.js';
import type { Incident } from '../src/core/records.js';
import { cardContext } from '../src/slack/views/card-context.js';
import { incidentBlocks } from '../src/slack/views/incident-blocks.js';
import { oncallLine, withOncall } from '../src/slack/views/oncall.js';
import { threadReplyText } from '../src/slack/views/thread-reply.js';
import { type FakeD360, startFakeD360 } from './fakes/d360.js';
import { type FakeSlack, startFakeSlack } from './fakes/slack-api.js';
import { startTestBot, type TestBot } from './support/bot.js';

let slack: FakeSlack;
let d360: FakeD360;
let bot: TestBot;
const KEY = 'oncall-broken-key-0123456789';
const T0 = Date.UTC(2026, 10, 25, 8);
const PINGS = '<!subteam^S0SUPPORT> <@U0LEAD>';

beforeAll(async () => {
  slack = await startFakeSlack();
  d360 = await startFakeD360();
  d360.script(KEY, { status: 401, json: { meta: { httpCode: 401, developerMessage: 'Invalid api_key', success: false } } });
  const numbersYaml = [
    'numbers:',
    '  - name: Support line',
    '    apiKeyEnv: D360_KEY_SUPPORT',
    '    oncall: [S0SUPPORT]',
    `    baseUrl: ${d360.url}`,
  ].join('\n');
  bot = await startTestBot(slack, { numbersYaml, env: { D360_KEY_SUPPORT: KEY, SLACK_ONCALL: 'U0LEAD' }, channelIntervalMs: 20 });
});
afterAll(async () => {
  await bot.stop();
  await slack.close();
  await d360.close();
});

const incident = (extra: Partial<Incident> = {}): Incident => ({
  id: 'Support line#1',
  number: 'Support line',
  status: 'open',
  openedAt: T0,
  relapses: 0,
  conditions: [{ key: '360dialog-401', code: '401', title: 'Invalid key', severity: 'critical', firstSeen: T0, lastSeen: T0, count: 1 }],
  escalations: [],
  ...extra,
});
const number: WaNumber = {
  name: 'Support line',
  api: 'cloud' as const,
  apiKeyEnv: 'K',
  baseUrl: 'https://x.invalid',
  oncall: ['S0SUPPORT', 'U0LEAD'],
  apiKey: 'K' as never,
};

const only = (n: WaNumber) => new Map([[n.name, n]]);

describe('on-call mentions', () => {
  it('the card post names SLACK_ONCALL and the number’s oncall; an edit never does', async () => {
    await bot.bot.monitor.runPass();
    await expect.poll(() => slack.callsTo('chat.postMessage').length).toBeGreaterThan(0);
    const post = slack.callsTo('chat.postMessage')[0]?.body ?? {};
    expect(String(post.text)).toMatch(/^<!subteam\^S0SUPPORT> <@U0LEAD> /);
    expect(JSON.stringify(post.blocks)).toContain(`${PINGS} on call`);
    await bot.bot.monitor.recheck('Support line', 'U0OPERATOR');
    await expect.poll(() => slack.callsTo('chat.update').length).toBeGreaterThan(0);
    for (const call of slack.callsTo('chat.update')) expect(JSON.stringify(call.body)).not.toMatch(/subteam|<@U0LEAD>/);
  });

  it('the escalation reply names them; other replies and muted incidents do not', () => {
    const ctx = cardContext(incident(), only(number), T0);
    expect(oncallLine(ctx)).toBe(PINGS);
    expect(threadReplyText([{ kind: 'escalated', reason: '401 after a key change' }], oncallLine(ctx))).toMatch(
      /^<!subteam\^S0SUPPORT> <@U0LEAD> :rotating_light:/,
    );
    const muted = cardContext(incident({ mutedUntil: T0 + 60_000, mutedBy: 'U0OPS' }), only(number), T0);
    expect(oncallLine(muted)).toBe('');
    expect(withOncall(incidentBlocks(muted), muted).text).not.toMatch(/subteam/);
  });

  it('pings the members’ people on a group card, and those on call for every number on "monitoring degraded"', () => {
    const fleet = new Map([
      ['A', { ...number, name: 'A', oncall: ['S0ALPHA', 'U0LEAD'] }],
      ['B', { ...number, name: 'B', oncall: ['S0BETA', 'U0LEAD'] }],
      ['C', { ...number, name: 'C', oncall: ['S0GAMMA', 'U0LEAD'] }],
    ]);
    const group = { channel: 'C0X', members: { B: T0, A: T0 + 1 }, watched: 3, peak: 2 };
    const groupCtx = cardContext(incident({ id: 'group:500#1', number: 'group:500', group }), fleet, T0);
    expect(oncallLine(groupCtx)).toBe('<!subteam^S0BETA> <@U0LEAD> <!subteam^S0ALPHA>');
    const degraded = cardContext(incident({ id: 'monitoring#1', number: 'monitoring' }), fleet, T0);
    expect(oncallLine(degraded)).toBe('<@U0LEAD>');
  });

  it('drops anything that is not an id, so no configuration pings @channel', () => {
    const ctx = cardContext(incident(), only({ ...number, oncall: ['!channel', 'here', 'U0OK'] }), T0);
    expect(oncallLine(ctx)).toBe('<@U0OK>');
  });

  it('refuses bad ids at start, naming the variable or the entry', () => {
    const problems = (env: Record<string, string>, yaml?: string) => {
      try {
        readStartConfig(
          { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1', SLACK_INCIDENT_CHANNEL: 'C0X', ...env },
          { readFile: () => yaml },
        );
        return '';
      } catch (error) {
        return String(error);
      }
    };
    expect(problems({ SLACK_ONCALL: 'U0LEAD, @channel' })).toMatch(/SLACK_ONCALL has "@channel": use Slack user-group ids/);
    const yaml = 'numbers:\n  - name: A\n    apiKeyEnv: K\n    oncall: [here]\n';
    expect(problems({ K: 'key-0123456789' }, yaml)).toMatch(/entry 1 \("A"\) oncall has "here"/);
  });
});
