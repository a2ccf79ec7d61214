import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeD360, HEALTHY_CLOUD, startFakeD360 } from './fakes/d360.js';
import { type FakeSlack, startFakeSlack } from './fakes/slack-api.js';
import { type BotProcess, freePort, startBot } from './support/bot-process.js';
import { visibleText } from './support/block-kit.js';
import { webhookFixture } from './support/webhook-fixtures.js';

const SECRET = 'signal-shared-secret-0123456789';
const KEYS = { US: 'us-signal-key-0123456789', DE: 'de-signal-key-0123456789' };
let slack: FakeSlack;
let d360: FakeD360;
let bot: BotProcess;
let url: string;

beforeAll(async () => {
  slack = await startFakeSlack();
  d360 = await startFakeD360();
  // Both numbers sit under the WABA of HEALTHY_CLOUD's entities: the bot learns it from their health answers.
  d360.script(KEYS.US, { json: HEALTHY_CLOUD });
  d360.script(KEYS.DE, { json: { ...HEALTHY_CLOUD, id: '222222222222222' } });
  const dir = mkdtempSync(join(tmpdir(), 'wa-signals-'));
  const numbers = ['numbers:', '  - name: US line', '    phone: "+1 555-078-3881"', '    apiKeyEnv: KEY_US'];
  numbers.push('  - name: DE line', '    phone: "+49 30 1234567"', '    apiKeyEnv: KEY_DE', '');
  writeFileSync(join(dir, 'numbers.yml'), numbers.join('\n'));
  const port = await freePort();
  bot = startBot(
    {
      SLACK_BOT_TOKEN: 'xoxb-test-signal-fake',
      SLACK_SIGNING_SECRET: 'signal-e2e-signing-secret',
      SLACK_INCIDENT_CHANNEL: 'C0INCIDENTS',
      SLACK_API_URL: slack.apiUrl,
      PORT: String(port),
      KEY_US: KEYS.US,
      KEY_DE: KEYS.DE,
      D360_BASE_URL: d360.url,
      POLL_SCHEDULE: '*/2 * * * * *',
      STORE_URL: `sqlite://${join(dir, 'store.sqlite')}`,
      WEBHOOK_SECRET: SECRET,
    },
    dir,
  );
  await bot.waitFor(/webhooks accepted at POST \/webhooks\/360dialog/);
  url = `http://127.0.0.1:${port}/webhooks/360dialog`;
  while (d360.requestsFor(KEYS.US).length < 2 || d360.requestsFor(KEYS.DE).length < 2) await new Promise((r) => setTimeout(r, 50));
}, 30_000);
afterAll(async () => {
  await bot.stop();
  await slack.close();
  await d360.close();
});

const send = async (name: string, phoneDigits?: string) => {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-webhook-secret': SECRET },
    body: webhookFixture(`waba/${name}.json`, phoneDigits ? { phoneDigits } : {}),
  });
  expect(res.status).toBe(200);
};
const cardsOf = (name: string) => slack.cards().filter((c) => c.text.includes(name));
const cardText = (name: string) => visibleText({ blocks: cardsOf(name)[0]?.blocks });
const POLL = { timeout: 15_000, interval: 100 };

describe('account signals through the real receiver', () => {
  it('posts a quality flag as a warning at once, ignores its redelivery, and resolves on UNFLAGGED', async () => {
    await send('quality-flagged');
    await expect.poll(() => cardsOf('US line').length, POLL).toBe(1);
    expect(cardText('US line')).toMatch(/Quality flagged/);
    // A warning looks like one: orange "degraded", not the red "down" of an incident.
    expect(cardText('US line')).toMatch(/🟠 US line is degraded/);
    await send('quality-flagged');
    await send('quality-unflagged');
    await expect.poll(() => cardText('US line'), POLL).toMatch(/Resolved after/);
    // Applied in order: by the time UNFLAGGED resolved the card, the redelivery had been seen and dropped.
    expect(cardText('US line')).not.toMatch(/seen 2 times/);
    const metrics = await (await fetch(url.replace('/webhooks/360dialog', '/metrics'))).text();
    expect(metrics).toMatch(/^wa_health_webhook_events_total\{result="signal_skipped"\} 1$/m);
    expect(cardsOf('US line')).toHaveLength(1);
    expect(cardsOf('DE line')).toHaveLength(0);
  }, 30_000);

  it('reads a lowered limit from the post-February-2026 field alone, and clears it on UPGRADE', async () => {
    await send('limit-downgrade-2026', '49301234567');
    await expect.poll(() => cardsOf('DE line').length, POLL).toBe(1);
    await expect.poll(() => cardText('DE line'), POLL).toMatch(/Messaging limit lowered[\s\S]*TIER_250/);
    await send('limit-upgrade-2026', '49301234567');
    await expect.poll(() => cardText('DE line'), POLL).toMatch(/Resolved after/);
  }, 30_000);

  it('puts a paused template (WABA only) on each number of the WABA, adds a disable in place, and resolves on approval', async () => {
    await send('template-paused');
    for (const name of ['US line', 'DE line']) await expect.poll(() => cardText(name), POLL).toMatch(/Template paused[\s\S]*order_ready/);
    await send('template-disabled');
    await expect.poll(() => cardText('US line'), POLL).toMatch(/Template disabled/);
    await send('template-approved');
    for (const name of ['US line', 'DE line']) await expect.poll(() => cardText(name), POLL).toMatch(/Resolved after/);
    // Reopened in place within the relapse window: still one card per number.
    expect(cardsOf('US line')).toHaveLength(1);
    expect(cardsOf('DE line')).toHaveLength(1);
  }, 40_000);

  it('escalates an account ban now and resolves it on REINSTATE; a RED template is critical until GREEN', async () => {
    await send('account-disabled');
    await expect.poll(() => cardText('US line'), POLL).toMatch(/Account banned[\s\S]*Escalate to 360dialog support now/);
    expect(cardText('US line')).toMatch(/🔴 US line is down/);
    await send('account-reinstated');
    await expect.poll(() => cardText('US line'), POLL).toMatch(/Resolved after/);
    await send('template-quality-red');
    await expect.poll(() => cardText('DE line'), POLL).toMatch(/Template quality RED[\s\S]*weekly_offer/);
    await send('template-quality-green');
    await expect.poll(() => cardText('DE line'), POLL).toMatch(/Resolved after/);
  }, 40_000);

  it('warns on account alerts, restrictions and a falling business limit', async () => {
    await send('account-alert');
    await expect.poll(() => cardText('US line'), POLL).toMatch(/Account alert from Meta/);
    await send('capability-10k');
    await send('capability-2k');
    await expect.poll(() => cardText('DE line'), POLL).toMatch(/TIER_10K → TIER_2K/);
    await send('account-restricted');
    await expect.poll(() => cardText('US line'), POLL).toMatch(/Account restricted/);
    expect(bot.child.exitCode).toBeNull();
  }, 40_000);
});
