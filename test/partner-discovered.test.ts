import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FleetSnapshot } from '../src/monitor/fleet.js';
import { discoveredBlocks } from '../src/slack/views/discovered-blocks.js';
import { dashboard } from '../src/slack/views/status-blocks.js';
import { type FakeD360, HEALTHY_CLOUD, startFakeD360 } from './fakes/d360.js';
import { type FakePartnerApi, startFakePartnerApi } from './fakes/partner-api.js';
import { type FakeSlack, startFakeSlack } from './fakes/slack-api.js';
import { commandForm, postSigned } from './fakes/slack-signer.js';
import { blockKitProblems, visibleText } from './support/block-kit.js';
import { startTestBot, type TestBot } from './support/bot.js';
import { SIGNING_SECRET } from './support/slack-app.js';

const PARTNER_KEY = 'discovered-partner-key-0123456789';
const SALES_KEY = 'discovered-sales-key-0123456789';
let slack: FakeSlack;
let d360: FakeD360;
let partner: FakePartnerApi;
let bot: TestBot;

beforeAll(async () => {
  slack = await startFakeSlack();
  d360 = await startFakeD360();
  partner = await startFakePartnerApi('discPA', PARTNER_KEY, 250);
  d360.script(SALES_KEY, { json: HEALTHY_CLOUD });
  const numbersYaml = ['numbers:', `  - { name: Sales, phone: "+49 151 1000007", apiKeyEnv: KEY_SALES, baseUrl: "${d360.url}" }`].join(
    '\n',
  );
  bot = await startTestBot(slack, {
    numbersYaml,
    env: {
      KEY_SALES: SALES_KEY,
      D360_PARTNER_API_KEY: PARTNER_KEY,
      D360_PARTNER_ID: 'discPA',
      D360_PARTNER_BASE_URL: partner.url,
      PARTNER_SCHEDULE: '0 0 1 1 *',
    },
    channelIntervalMs: 20,
  });
  while (!bot.logs.some((l) => l.includes('Partner API lists 250 channel(s)'))) await new Promise((r) => setTimeout(r, 50));
});
afterAll(async () => {
  await bot.stop();
  await slack.close();
  await d360.close();
  await partner.close();
});

let asked = 0;
/** /wa-status as Slack sends it: acked at once, answered through the response_url. */
async function status(): Promise<string> {
  const id = `status-${++asked}`;
  const form = commandForm({ command: '/wa-status', text: '', responseUrl: slack.responseUrl(id) });
  expect((await postSigned(`${bot.url}/slack/events`, SIGNING_SECRET, form)).status).toBe(200);
  await expect.poll(() => slack.responses(id)).toHaveLength(1);
  const body = slack.responses(id)[0] as { text: string; blocks: unknown[] };
  expect(blockKitProblems(body)).toEqual([]);
  return visibleText(body);
}

describe('channels the Partner API lists that numbers.yml does not name', () => {
  it('are shown in /wa-status, with their quality and limit changes as warnings and no card of their own', async () => {
    const line5 = partner.channels[5];
    if (!line5) throw new Error('fake has too few channels');
    line5.current_quality_rating = 'RED';
    line5.current_limit = 'TIER_1K';
    await bot.bot.partner?.list();
    const text = await status();
    expect(text).toContain('*Discovered by the Partner API* (not in numbers.yml): 249, 1 with warnings');
    expect(text).toContain(
      '⚠️ *Line 5* (+49 151 1000005) · ready · quality RED · limit TIER_1K — ' +
        'quality rating GREEN → RED; messaging limit TIER_10K → TIER_1K',
    );
    // Sales is configured: a number of the fleet, not a discovered one.
    expect(text).not.toMatch(/✅ Line 7\b/);
    expect(bot.logs.some((l) => l.includes('Line 5 (+49 151 1000005), not in numbers.yml'))).toBe(true);
    // No card of its own: the one Partner API warning of this listing (test/partner-warnings-e2e.test.ts).
    await expect.poll(() => slack.cards().map((c) => c.text)).toEqual(['Partner API: 2 drop(s) on channels not in numbers.yml']);

    line5.current_quality_rating = 'GREEN';
    line5.current_limit = 'TIER_10K';
    await bot.bot.partner?.list();
    expect(await status()).toContain('*Discovered by the Partner API* (not in numbers.yml): 249\n');
    expect(partner.keyCreations()).toEqual([]);
  }, 30_000);

  it("tells a configured number's warning apart from an incident in /wa-status", async () => {
    const sales = partner.channels[7];
    if (!sales) throw new Error('fake has too few channels');
    sales.current_quality_rating = 'YELLOW';
    await bot.bot.partner?.list();
    await expect.poll(status, { interval: 500 }).toMatch(/⚠️ \*Sales\* \(\+49 151 1000007\) `YELLOW`/);
  }, 30_000);
});

describe('the discovered section', () => {
  it('stays within Block Kit limits beside 10,000 numbers, and escapes what the Partner API names', () => {
    const discovered = Array.from({ length: 5_000 }, (_, i) => ({
      name: i === 0 ? '<!channel> *x* <https://evil.example|y>' : `Line ${i}`,
      phone: `+49 151 ${1_000_000 + i}`,
      warnings: i % 10 === 0 ? ['quality rating GREEN → YELLOW'] : [],
    }));
    const entries = Array.from({ length: 10_000 }, (_, i) => ({
      name: `N${i}`,
      state: 'healthy' as const,
      conditions: [],
      escalations: [],
    }));
    const snapshot: FleetSnapshot = {
      at: 0,
      entries,
      counts: { open: 0, acknowledged: 0, muted: 0, healthy: 10_000, unchecked: 0 },
      discovered,
    };
    const message = dashboard(snapshot);
    expect(blockKitProblems(message)).toEqual([]);
    expect(message.blocks.length).toBeLessThanOrEqual(50);
    const text = visibleText(message);
    expect(text).toContain('*Discovered by the Partner API* (not in numbers.yml): 5000, 500 with warnings');
    expect(text).not.toContain('<!channel>');
    expect(discoveredBlocks(discovered, 0)).toEqual([]);
  });
});
