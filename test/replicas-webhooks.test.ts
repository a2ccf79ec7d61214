import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeD360, HEALTHY_CLOUD, startFakeD360 } from './fakes/d360.js';
import { type FakeSlack, startFakeSlack } from './fakes/slack-api.js';
import { launch, type Replica } from './support/bot-process.js';
import { type RedisServer, redisMissing, startRedis } from './support/redis-server.js';
import { webhookFixture } from './support/webhook-fixtures.js';

const SECRET = 'replicas-webhook-secret-0123456789';
const KEYS = { US: 'replicas-us-key-0123456789', DE: 'replicas-de-key-0123456789' };
/** Known only by the phone number ids the leader learns from its polls: the numbers have no phone in numbers.yml. */
const IDS = { US: HEALTHY_CLOUD.id, DE: '222222222222222' };

describe.skipIf(redisMissing() !== undefined)('webhooks received by any of two replicas on Redis, as real processes', () => {
  let redis: RedisServer;
  let slack: FakeSlack;
  let d360: FakeD360;
  let replicas: Replica[] = [];
  beforeAll(async () => {
    [redis, slack, d360] = await Promise.all([startRedis(), startFakeSlack(), startFakeD360()]);
    d360.script(KEYS.US, { json: HEALTHY_CLOUD });
    d360.script(KEYS.DE, { json: { ...HEALTHY_CLOUD, id: IDS.DE } });
    const env = {
      SLACK_BOT_TOKEN: 'xoxb-test-replicas-webhooks',
      SLACK_SIGNING_SECRET: 'replicas-webhooks-signing-secret',
      SLACK_INCIDENT_CHANNEL: 'C0INCIDENTS',
      SLACK_API_URL: slack.apiUrl,
      KEY_US: KEYS.US,
      KEY_DE: KEYS.DE,
      D360_BASE_URL: d360.url,
      POLL_SCHEDULE: '*/2 * * * * *',
      STORE_URL: redis.url,
      LEASE_TTL_SECONDS: '3',
      WEBHOOK_SECRET: SECRET,
    };
    const numbersYaml = 'numbers:\n  - name: US line\n    apiKeyEnv: KEY_US\n  - name: DE line\n    apiKeyEnv: KEY_DE\n';
    replicas = await Promise.all([1, 2].map(() => launch(env, { numbersYaml })));
    // The leader's first polls teach Redis both numbers' phone number ids.
    for (let tries = 0; redis.cli('HLEN', 'wa-health-wh:phone-ids') !== '2'; tries++) {
      if (tries > 300) throw new Error('the leader never stored the phone number ids it learnt');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }, 90_000);
  afterAll(async () => {
    await Promise.all(replicas.map((r) => r.bot.stop()));
    await Promise.all([slack?.close(), d360?.close(), redis?.stop()]);
  });

  const post = (replica: Replica, body: string) =>
    fetch(`${replica.url}/webhooks/360dialog`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-webhook-secret': SECRET },
      body,
    });
  const cardsFor = (name: string) => slack.cards().filter((c) => c.text.includes(name));
  const counted = async (replica: Replica, result: string) => {
    const metrics = await (await fetch(`${replica.url}/metrics`)).text();
    return Number(new RegExp(`^wa_health_webhook_events_total\\{result="${result}"\\} (\\d+)$`, 'm').exec(metrics)?.[1] ?? 0);
  };
  const total = async (result: string) => (await Promise.all(replicas.map((r) => counted(r, result)))).reduce((a, b) => a + b, 0);

  it('counts an event delivered to both replicas once, on whichever replica gets it second', async () => {
    const [a, b] = replicas as [Replica, Replica];
    const payloads = Array.from({ length: 25 }, (_, i) =>
      webhookFixture('cloud-131047.json', { wamid: `wamid.BOTH${i}`, phoneNumberId: IDS.US }),
    );
    for (const body of payloads) expect((await post(a, body)).status).toBe(200);
    for (const body of payloads) expect((await post(b, body)).status).toBe(200);
    await expect.poll(() => total('duplicate'), { timeout: 15_000 }).toBe(25);
    expect(await total('counted')).toBe(25);
    await expect.poll(() => cardsFor('US line').length, { timeout: 15_000 }).toBe(1);
    await expect.poll(() => JSON.stringify(cardsFor('US line')[0]?.blocks), { timeout: 15_000 }).toMatch(/131047/);
  }, 60_000);

  it('adds up failures split across the replicas: neither alone crosses the threshold, together they open one card', async () => {
    const [a, b] = replicas as [Replica, Replica];
    // 3 failed of 18 on each replica: under the 5 failures a share needs; 6 of 36 together, over 10 %.
    for (const [replica, tag] of [
      [a, 'A'],
      [b, 'B'],
    ] as const) {
      for (let i = 0; i < 15; i++)
        await post(replica, webhookFixture('cloud-delivered.json', { wamid: `wamid.OK${tag}${i}`, phoneNumberId: IDS.DE }));
      for (let i = 0; i < 3; i++)
        await post(replica, webhookFixture('cloud-131047.json', { wamid: `wamid.SPLIT${tag}${i}`, phoneNumberId: IDS.DE }));
    }
    await expect.poll(() => cardsFor('DE line').length, { timeout: 20_000 }).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(cardsFor('DE line')).toHaveLength(1);
    expect(JSON.stringify(cardsFor('DE line')[0]?.blocks)).toMatch(/131047/);
  }, 60_000);
});
