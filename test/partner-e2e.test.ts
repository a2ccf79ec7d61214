import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HEALTHY_CLOUD } from './fakes/d360.js';
import { type FakePartnerApi, startFakePartnerApi } from './fakes/partner-api.js';
import { visibleText } from './support/block-kit.js';
import { type InProcessBot, startWorld, until, type World } from './support/e2e.js';

const PARTNER_KEY = 'partner-e2e-key-0123456789';
let world: World;
let partner: FakePartnerApi;
let bot: InProcessBot;

beforeAll(async () => {
  world = await startWorld();
  partner = await startFakePartnerApi('e2ePA', PARTNER_KEY, 250);
  world.d360.script('sales-key-0123456789', { json: HEALTHY_CLOUD });
  const yaml = ['clients:', '  Acme: { channel: C0ACME00001 }', 'numbers:'];
  yaml.push('  - { name: Sales, phone: "+49 151 1000007", apiKeyEnv: KEY_SALES, client: Acme }', '');
  bot = await world.inProcess(
    {
      numbersYaml: yaml.join('\n'),
      env: {
        KEY_SALES: 'sales-key-0123456789',
        D360_BASE_URL: world.d360.url,
        D360_PARTNER_API_KEY: PARTNER_KEY,
        D360_PARTNER_ID: 'e2ePA',
        D360_PARTNER_BASE_URL: partner.url,
      },
    },
    { channelIntervalMs: 20 },
  );
  // The first listing runs as the bot starts leading.
  await bot.waitFor(/Partner API lists 250 channel\(s\)/);
});
afterAll(async () => {
  await world?.close();
  await partner?.close();
});

describe('Partner API discovery in the running bot', () => {
  it("warns in the client's channel when a number's quality rating drops between listings, and never creates a key", async () => {
    const sales = partner.channels[7];
    if (!sales) throw new Error('fake has too few channels');
    sales.current_quality_rating = 'YELLOW';
    // Listings as PARTNER_SCHEDULE runs them, each followed by the tick that sends a new card.
    await until(
      async () => {
        await bot.bot.partner?.list();
        await bot.bot.tick();
        await bot.settled();
        return world.slack.cards().some((c) => c.text.includes('Sales'));
      },
      'a card for Sales',
      { context: bot.output },
    );
    expect(world.slack.cards().filter((c) => c.text.includes('Sales'))).toHaveLength(1);
    const card = world.slack.cards().find((c) => c.text.includes('Sales'));
    expect(card?.channel).toBe('C0ACME00001');
    expect(visibleText({ blocks: card?.blocks })).toMatch(/Quality rating YELLOW/);
    expect(partner.keyCreations()).toEqual([]);
    // Two listings at least (one at the start, one after the change), each in pages.
    expect(partner.requests.length).toBeGreaterThanOrEqual(6);
    expect(bot.output()).not.toContain(PARTNER_KEY);
  });
});
