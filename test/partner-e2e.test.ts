import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeD360, HEALTHY_CLOUD, startFakeD360 } from './fakes/d360.js';
import { type FakePartnerApi, startFakePartnerApi } from './fakes/partner-api.js';
import { type FakeSlack, startFakeSlack } from './fakes/slack-api.js';
import { type BotProcess, freePort, startBot } from './support/bot-process.js';
import { visibleText } from './support/block-kit.js';

const PARTNER_KEY = 'partner-e2e-key-0123456789';
let slack: FakeSlack;
let d360: FakeD360;
let partner: FakePartnerApi;
let bot: BotProcess;

beforeAll(async () => {
  slack = await startFakeSlack();
  d360 = await startFakeD360();
  partner = await startFakePartnerApi('e2ePA', PARTNER_KEY, 250);
  d360.script('sales-key-0123456789', { json: HEALTHY_CLOUD });
  const dir = mkdtempSync(join(tmpdir(), 'wa-partner-'));
  const yaml = ['clients:', '  Acme: { channel: C0ACME00001 }', 'numbers:'];
  yaml.push('  - { name: Sales, phone: "+49 151 1000007", apiKeyEnv: KEY_SALES, client: Acme }', '');
  writeFileSync(join(dir, 'numbers.yml'), yaml.join('\n'));
  bot = startBot(
    {
      SLACK_BOT_TOKEN: 'xoxb-test-partner-fake',
      SLACK_SIGNING_SECRET: 'partner-e2e-signing-secret',
      SLACK_INCIDENT_CHANNEL: 'C0INCIDENTS',
      SLACK_API_URL: slack.apiUrl,
      PORT: String(await freePort()),
      KEY_SALES: 'sales-key-0123456789',
      D360_BASE_URL: d360.url,
      POLL_SCHEDULE: '*/2 * * * * *',
      STORE_URL: `sqlite://${join(dir, 'store.sqlite')}`,
      D360_PARTNER_API_KEY: PARTNER_KEY,
      D360_PARTNER_ID: 'e2ePA',
      D360_PARTNER_BASE_URL: partner.url,
      PARTNER_SCHEDULE: '*/2 * * * * *',
    },
    dir,
  );
  await bot.waitFor(/Partner API lists 250 channel\(s\)/);
}, 30_000);
afterAll(async () => {
  await bot.stop();
  await slack.close();
  await d360.close();
  await partner.close();
});

describe('Partner API discovery in the running bot', () => {
  it("warns in the client's channel when a number's quality rating drops between listings, and never creates a key", async () => {
    const sales = partner.channels[7];
    if (!sales) throw new Error('fake has too few channels');
    sales.current_quality_rating = 'YELLOW';
    await expect.poll(() => slack.cards().filter((c) => c.text.includes('Sales')).length, { timeout: 15_000 }).toBe(1);
    const card = slack.cards().find((c) => c.text.includes('Sales'));
    expect(card?.channel).toBe('C0ACME00001');
    expect(visibleText({ blocks: card?.blocks })).toMatch(/Quality rating YELLOW/);
    expect(partner.keyCreations()).toEqual([]);
    expect(partner.requests.length).toBeGreaterThanOrEqual(6);
    expect(bot.output()).not.toContain(PARTNER_KEY);
  }, 30_000);
});
