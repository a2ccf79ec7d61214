import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HEALTHY_CLOUD } from './fakes/d360.js';
import { type FakeChannel, type FakePartnerApi, startFakePartnerApi } from './fakes/partner-api.js';
import type { PostedMessage } from './fakes/slack-api.js';
import { visibleText } from './support/block-kit.js';
import { type InProcessBot, startWorld, until, type World } from './support/e2e.js';

/**
 * Issue 23, point 3: Partner API channels in no numbers.yml entry whose quality rating or messaging limit drops
 * get one warning per listing in SLACK_INCIDENT_CHANNEL, edited in place as they recover — through the fake
 * Partner API and the fake Slack, with the bot built as main.ts builds it.
 */
const PARTNER_KEY = 'partner-warn-key-0123456789';
const yaml = ['numbers:', '  - { name: Sales, phone: "+49 151 1000007", apiKeyEnv: KEY_SALES }', ''].join('\n');
let world: World;
let partner: FakePartnerApi;
let bot: InProcessBot;

const start = async () => {
  bot = await world.inProcess(
    {
      numbersYaml: yaml,
      env: {
        KEY_SALES: 'sales-warn-key-0123456789',
        D360_BASE_URL: world.d360.url,
        D360_PARTNER_API_KEY: PARTNER_KEY,
        D360_PARTNER_ID: 'warnPA',
        D360_PARTNER_BASE_URL: partner.url,
      },
    },
    { channelIntervalMs: 20 },
  );
  // The first listing runs as the bot starts leading.
  await bot.waitFor(/Partner API lists 30 channel\(s\)/);
  await bot.settled();
};
/** One listing as PARTNER_SCHEDULE runs it, and the tick that sends a configured number's new card, delivered to the end. */
const listing = async () => {
  await bot.bot.partner?.list();
  await bot.bot.tick();
  await bot.settled();
};
const warnings = (): PostedMessage[] => world.slack.cards().filter((m) => m.text.startsWith('Partner API'));
const channel = (i: number): FakeChannel => {
  const c = partner.channels[i];
  if (!c) throw new Error(`the fake has no channel ${i}`);
  return c;
};
const shown = (m: PostedMessage | undefined) => visibleText({ blocks: m?.blocks });

beforeAll(async () => {
  world = await startWorld();
  partner = await startFakePartnerApi('warnPA', PARTNER_KEY, 30);
  world.d360.script('sales-warn-key-0123456789', { json: HEALTHY_CLOUD });
  await start();
});
afterAll(async () => {
  await world?.close();
  await partner?.close();
});

describe('Partner API warnings for channels not in numbers.yml', () => {
  it('posts nothing when a listing shows no change', async () => {
    await listing();
    await listing();
    expect(warnings()).toEqual([]);
  });

  it('posts one warning in the incident channel naming every channel that dropped, even after Slack said "slow down"', async () => {
    world.slack.script('chat.postMessage', { status: 429, headers: { 'retry-after': '1' }, body: { ok: false, error: 'ratelimited' } });
    channel(3).current_quality_rating = 'RED';
    channel(5).current_limit = 'TIER_2K';
    // Sales is in numbers.yml: its drop is its own card, not part of the warning.
    channel(7).current_quality_rating = 'YELLOW';
    await listing();
    expect(warnings()).toHaveLength(1);
    const [warning] = warnings();
    expect(warning?.channel).toBe('C0INCIDENTS');
    expect(shown(warning)).toMatch(/Line 3.*quality rating GREEN → RED/);
    expect(shown(warning)).toMatch(/Line 5.*messaging limit TIER_10K → TIER_2K/);
    expect(shown(warning)).not.toMatch(/Line 7/);
    expect(world.slack.callsTo('chat.postMessage').length).toBeGreaterThanOrEqual(2);
  });

  it('counts the warning as no open incident on /metrics', async () => {
    const metrics = await (await fetch(`${bot.url}/metrics`)).text();
    const open = [...metrics.matchAll(/^wa_health_open_incidents\{[^}]*\} (\d+)$/gm)].reduce((sum, m) => sum + Number(m[1]), 0);
    // Sales's own card (its quality dropped too) is the one open incident; the warning is none, of any severity.
    expect(open).toBe(1);
  });

  it('edits that warning in place as each channel recovers', async () => {
    const [before] = warnings();
    channel(3).current_quality_rating = 'GREEN';
    await listing();
    await until(() => (warnings()[0]?.updates ?? 0) >= 1, 'the warning edited', { context: bot.output });
    expect(warnings()).toHaveLength(1);
    expect(warnings()[0]?.ts).toBe(before?.ts);
    expect(shown(warnings()[0])).toMatch(/1 drop\(s\)/);
    expect(shown(warnings()[0])).toMatch(/Line 3.*back to GREEN/);
    expect(shown(warnings()[0])).toMatch(/Line 5.*TIER_10K → TIER_2K/);
  });

  it('after a restart neither posts the open warning again nor forgets it: the recovery edits the same message', async () => {
    const [before] = warnings();
    await bot.stop();
    await start();
    await listing();
    expect(warnings()).toHaveLength(1);
    channel(5).current_limit = 'TIER_10K';
    await listing();
    await until(() => (warnings()[0]?.updates ?? 0) >= 2, 'the warning edited after the restart', { context: bot.output });
    expect(warnings()).toHaveLength(1);
    expect(warnings()[0]?.ts).toBe(before?.ts);
    expect(shown(warnings()[0])).toMatch(/every drop of this listing has recovered/);
  });

  it('posts a new warning for a later listing that shows a new drop', async () => {
    channel(11).current_quality_rating = 'YELLOW';
    await listing();
    expect(warnings()).toHaveLength(2);
    expect(shown(warnings()[1])).toMatch(/Line 11.*GREEN → YELLOW/);
    expect(bot.output()).not.toContain(PARTNER_KEY);
  });
});
