import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HEALTHY_CLOUD } from './fakes/d360.js';
import { visibleText } from './support/block-kit.js';
import { type InProcessBot, startWorld, type World } from './support/e2e.js';
import { webhookFixture } from './support/webhook-fixtures.js';

const SECRET = 'signal-shared-secret-0123456789';
const KEYS = { US: 'us-signal-key-0123456789', DE: 'de-signal-key-0123456789' };
let world: World;
let bot: InProcessBot;
let url: string;

beforeAll(async () => {
  world = await startWorld();
  // Both numbers sit under the WABA of HEALTHY_CLOUD's entities: the bot learns it from their health answers.
  world.d360.script(KEYS.US, { json: HEALTHY_CLOUD });
  world.d360.script(KEYS.DE, { json: { ...HEALTHY_CLOUD, id: '222222222222222' } });
  const numbers = ['numbers:', '  - name: US line', '    phone: "+1 555-078-3881"', '    apiKeyEnv: KEY_US'];
  numbers.push('  - name: DE line', '    phone: "+49 30 1234567"', '    apiKeyEnv: KEY_DE', '');
  bot = await world.inProcess(
    {
      numbersYaml: numbers.join('\n'),
      env: { KEY_US: KEYS.US, KEY_DE: KEYS.DE, D360_BASE_URL: world.d360.url, WEBHOOK_SECRET: SECRET },
    },
    { channelIntervalMs: 20 },
  );
  await bot.waitFor(/webhooks accepted at POST \/webhooks\/360dialog/);
  url = `${bot.url}/webhooks/360dialog`;
  // Two passes, as the schedule would run them: the health answers teach the bot both numbers' WABA.
  await bot.bot.runPass();
  await bot.bot.runPass();
});
afterAll(() => world?.close());

/**
 * Meta's event times are whole seconds, and an event no newer than the one that cleared a condition
 * does not reopen it. Sent as fast as this test sends them, two would share a second: each event here
 * is a second after the last, as events a person causes are.
 */
let lastAt = 0;
const post = async (body: string) => {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-webhook-secret': SECRET }, body });
  expect(res.status).toBe(200);
  return body;
};
const send = (name: string, phoneDigits?: string) => {
  lastAt = Math.max(Date.now(), lastAt + 1000);
  return post(webhookFixture(`waba/${name}.json`, { at: lastAt, ...(phoneDigits ? { phoneDigits } : {}) }));
};
const cardsOf = (name: string) => world.slack.cards().filter((c) => c.text.includes(name));
const cardText = (name: string) => visibleText({ blocks: cardsOf(name)[0]?.blocks });
/** Ticks, as the schedule does, until the card of `name` shows `pattern`: a new card goes out at the next tick. */
const shows = (name: string, pattern: RegExp) => bot.tickUntil(`the card of ${name} shows ${pattern}`, () => pattern.test(cardText(name)));

describe('account signals through the real receiver, in the whole bot', () => {
  it('posts a quality flag as a warning at once, ignores its redelivery, and resolves on UNFLAGGED', async () => {
    const flagged = await send('quality-flagged');
    // A new card waits for the next tick (or pass), where grouping decides who speaks for it.
    await bot.tickUntil('a card for US line', () => cardsOf('US line').length === 1);
    expect(cardText('US line')).toMatch(/Quality flagged/);
    // A warning looks like one: orange "degraded", not the red "down" of an incident.
    expect(cardText('US line')).toMatch(/🟠 US line is degraded/);
    // A redelivery is the same body again, its event time included.
    await post(flagged);
    await send('quality-unflagged');
    await shows('US line', /Resolved after/);
    // Applied in order: by the time UNFLAGGED resolved the card, the redelivery had been seen and dropped.
    expect(cardText('US line')).not.toMatch(/seen 2 times/);
    const metrics = await (await fetch(url.replace('/webhooks/360dialog', '/metrics'))).text();
    expect(metrics).toMatch(/^wa_health_webhook_events_total\{result="signal_skipped"\} 1$/m);
    expect(cardsOf('US line')).toHaveLength(1);
    expect(cardsOf('DE line')).toHaveLength(0);
  });

  it('reads a lowered limit from the post-February-2026 field alone, and clears it on UPGRADE', async () => {
    await send('limit-downgrade-2026', '49301234567');
    await bot.tickUntil('a card for DE line', () => cardsOf('DE line').length === 1);
    await shows('DE line', /Messaging limit lowered[\s\S]*TIER_250/);
    await send('limit-upgrade-2026', '49301234567');
    await shows('DE line', /Resolved after/);
  });

  it('puts a paused template (WABA only) on each number of the WABA, adds a disable in place, and resolves on approval', async () => {
    await send('template-paused');
    for (const name of ['US line', 'DE line']) await shows(name, /Template paused[\s\S]*order_ready/);
    await send('template-disabled');
    await shows('US line', /Template disabled/);
    await send('template-approved');
    for (const name of ['US line', 'DE line']) await shows(name, /Resolved after/);
    // Reopened in place within the relapse window: still one card per number.
    expect(cardsOf('US line')).toHaveLength(1);
    expect(cardsOf('DE line')).toHaveLength(1);
  });

  it('escalates an account ban now and resolves it on REINSTATE; a RED template is critical until GREEN', async () => {
    await send('account-disabled');
    await shows('US line', /Account banned[\s\S]*Escalate to 360dialog support now/);
    expect(cardText('US line')).toMatch(/🔴 US line is down/);
    await send('account-reinstated');
    await shows('US line', /Resolved after/);
    await send('template-quality-red');
    await shows('DE line', /Template quality RED[\s\S]*weekly_offer/);
    await send('template-quality-green');
    await shows('DE line', /Resolved after/);
  });

  it('warns on a falling business limit, account alerts and restrictions', async () => {
    // The limit first: DE line's earlier DOWNGRADE (resolved above) comes back with the incident. Seen again
    // on an incident kept open by another condition, an ended condition queues no card edit (engine.ts).
    await send('capability-10k');
    await send('capability-2k');
    await shows('DE line', /TIER_10K → TIER_2K/);
    await send('account-alert');
    await shows('US line', /Account alert from Meta/);
    await send('account-restricted');
    await shows('US line', /Account restricted/);
    expect(await bot.ready()).toBe(200);
  });
});
