import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HEALTHY_CLOUD } from './fakes/d360.js';
import { type InProcessBot, leads, startWorld, until, type World } from './support/e2e.js';
import { type RedisServer, redisMissing, startRedis } from './support/redis-server.js';
import { webhookFixture } from './support/webhook-fixtures.js';

const SECRET = 'replicas-webhook-secret-0123456789';
const KEYS = { US: 'replicas-us-key-0123456789', DE: 'replicas-de-key-0123456789' };
/** Known only by the phone number ids the leader learns from its polls: the numbers have no phone in numbers.yml. */
const IDS = { US: HEALTHY_CLOUD.id, DE: '222222222222222' };

type Replica = InProcessBot;

describe.skipIf(redisMissing() !== undefined)('webhooks received by any of two replicas on Redis', () => {
  let redis: RedisServer;
  let world: World;
  const replicas: Replica[] = [];
  /** The replica holding the lease: it polls and ticks (the test runs its passes and ticks, as its schedules would). */
  let leader: Replica;
  beforeAll(async () => {
    [redis, world] = await Promise.all([startRedis(), startWorld()]);
    world.d360.script(KEYS.US, { json: HEALTHY_CLOUD });
    world.d360.script(KEYS.DE, { json: { ...HEALTHY_CLOUD, id: IDS.DE } });
    const setup = {
      numbersYaml: 'numbers:\n  - name: US line\n    apiKeyEnv: KEY_US\n  - name: DE line\n    apiKeyEnv: KEY_DE\n',
      env: {
        KEY_US: KEYS.US,
        KEY_DE: KEYS.DE,
        D360_BASE_URL: world.d360.url,
        STORE_URL: redis.url,
        LEASE_TTL_SECONDS: '3',
        WEBHOOK_SECRET: SECRET,
      },
    };
    // Two bots in one test process: each its own store connections, lease and HTTP port, as two replicas have.
    // One after the other: on a loaded machine two bots connecting at once can miss the store's connect deadline.
    for (let i = 0; i < 2; i++) replicas.push(await world.inProcess(setup, { channelIntervalMs: 20 }));
    leader = await until(() => replicas.find(leads), 'one replica leads');
    // The leader's first pass teaches Redis both numbers' phone number ids.
    await leader.bot.runPass();
    await until(() => redis.cli('HLEN', 'wa-health-wh:phone-ids') === '2', 'the leader stores the phone number ids it learnt');
  });
  afterAll(async () => {
    await world?.close();
    await redis?.stop();
  });

  const post = (replica: Replica, body: string) =>
    fetch(`${replica.url}/webhooks/360dialog`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-webhook-secret': SECRET },
      body,
    });
  const cardsFor = (name: string) => world.slack.cards().filter((c) => c.text.includes(name));
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
    await until(async () => (await total('duplicate')) === 25, '25 duplicates counted');
    expect(await total('counted')).toBe(25);
    // The leader's tick looks at the shared windows and sends the new card.
    await leader.tickUntil('a card for US line', () => cardsFor('US line').length === 1);
    expect(JSON.stringify(cardsFor('US line')[0]?.blocks)).toMatch(/131047/);
  });

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
    await leader.tickUntil('a card for DE line', () => cardsFor('DE line').length === 1);
    // Another tick, delivered to the end: the windows counted once, so still one card.
    await leader.bot.tick();
    await leader.settled();
    expect(cardsFor('DE line')).toHaveLength(1);
    expect(JSON.stringify(cardsFor('DE line')[0]?.blocks)).toMatch(/131047/);
  });
});
