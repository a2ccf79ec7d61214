import type { webApi } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHomeViewers } from '../src/slack/events/app-home.js';
import { createLogger } from '../src/telemetry/log.js';
import type { Monitor } from '../src/monitor/service.js';
import type { FakeSlack } from './fakes/slack-api.js';
import { signatureHeaders } from './fakes/slack-signer.js';
import { blockKitProblems } from './support/block-kit.js';
import type { TestBot } from './support/bot.js';
import { startBrokenLineBot } from './support/broken-line.js';
import { SIGNING_SECRET } from './support/slack-app.js';

let slack: FakeSlack;
let bot: TestBot;
const KEY = 'home-broken-key-0123456789';

let stop: () => Promise<void>;

beforeAll(async () => {
  ({ slack, bot, stop } = await startBrokenLineBot(KEY));
});
afterAll(() => stop());

/** An Events API callback, signed as Slack signs it (JSON body). */
async function homeOpened(user: string, tab = 'home'): Promise<Response> {
  const body = JSON.stringify({
    token: 'deprecated',
    team_id: 'T0FAKE',
    api_app_id: 'A0FAKE',
    type: 'event_callback',
    event_id: `Ev${user}${tab}`,
    event_time: Math.floor(Date.now() / 1000),
    event: { type: 'app_home_opened', user, channel: 'D0HOME', tab, event_ts: `${Date.now() / 1000}` },
  });
  return fetch(`${bot.url}/slack/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...signatureHeaders(SIGNING_SECRET, body) },
    body,
  });
}

describe('App Home', () => {
  it('publishes the fleet dashboard with a Re-check button and a link to the card when the Home tab opens', async () => {
    await bot.bot.runPass();
    await expect.poll(() => slack.cards().length).toBe(1);
    const card = slack.cards()[0];
    // The /wa-status snapshot is cached a few seconds: open until the tab shows the card.
    await expect
      .poll(
        async () => {
          expect((await homeOpened('U0VIEWER')).status).toBe(200);
          await expect.poll(() => slack.callsTo('views.publish').length).toBeGreaterThan(0);
          return JSON.stringify(slack.callsTo('views.publish').at(-1)?.body);
        },
        { interval: 500 },
      )
      .toContain(`https://slack.com/archives/C0INCIDENTS/p${card?.ts.replace('.', '')}`);
    const call = slack.callsTo('views.publish').at(-1)?.body as { user_id: string; view: string | { type: string; blocks: unknown[] } };
    expect(call.user_id).toBe('U0VIEWER');
    const view = typeof call.view === 'string' ? JSON.parse(call.view) : call.view;
    expect(view.type).toBe('home');
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    expect(blockKitProblems({ text: 'home', blocks: view.blocks.slice(0, 50) })).toEqual([]);
    expect(JSON.stringify(view.blocks)).toMatch(/"action_id":"wa_health_recheck[^"]*"[^}]*|Re-check/);
  });

  it('ignores the Messages tab', async () => {
    const before = slack.callsTo('views.publish').length;
    expect((await homeOpened('U0OTHER', 'messages')).status).toBe(200);
    expect(slack.callsTo('views.publish').length).toBe(before);
  });
});

describe('App Home refreshes', () => {
  it('republishes after a pass at most once a minute per viewer', async () => {
    const published: string[] = [];
    const client = { views: { publish: async (args: { user_id: string }) => void published.push(args.user_id) } };
    const snapshot = { at: 0, entries: [], counts: { open: 0, acknowledged: 0, muted: 0, healthy: 0, unchecked: 0 } };
    const monitor = { fleet: async () => snapshot } as unknown as Monitor;
    let now = 1_000_000;
    const home = createHomeViewers({ monitor, logger: createLogger({ level: 'error', secrets: [], write: () => {} }) }, () => now);
    await home.opened(client as unknown as webApi.WebClient, 'U0A');
    await home.refresh();
    expect(published).toEqual(['U0A']);
    now += 61_000;
    await home.refresh();
    await home.refresh();
    expect(published).toEqual(['U0A', 'U0A']);
  });
});
