import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type D360Request, type FakeD360, HEALTHY_CLOUD, startFakeD360 } from './fakes/d360.js';
import { type FakeSlack, type PostedMessage, startFakeSlack } from './fakes/slack-api.js';
import { cardClick, postSigned } from './fakes/slack-signer.js';
import { launch, type Replica } from './support/bot-process.js';
import { type RedisServer, redisMissing, startRedis } from './support/redis-server.js';

const SECRET = 'replicas-signing-secret-0123';
const BOT_TOKEN = 'xoxb-test-replicas-fake-token';
const INVALID_KEY = {
  status: 401,
  json: { meta: { httpCode: 401, developerMessage: 'Invalid api_key or token expired', success: false } },
};
const COUNT = 20;
const names = Array.from({ length: COUNT }, (_, i) => `Line ${String(i + 1).padStart(2, '0')}`);
const keyOf = (i: number) => `replicas-d360-key-${String(i + 1).padStart(2, '0')}-0123456789`;
/** Every other second: a pass of 20 numbers on loopback ends long before the next one starts. */
const SCHEDULE_MS = 2000;

/** A Re-check or Acknowledge click on a card, as Slack sends it. */
const click = (slack: FakeSlack, card: PostedMessage, actionId: 'incident_recheck' | 'incident_ack') =>
  cardClick(card, actionId, { responseUrl: slack.responseUrl('click') });

/**
 * Polls of each number grouped by schedule slot: a number asked twice in one slot was polled by two
 * replicas (or twice by one); the spread of totals across numbers shows one left out.
 */
function pollShape(requests: readonly D360Request[]) {
  const twice: string[] = [];
  const slotCounts: number[] = [];
  const totals = names.map((_, i) => {
    const mine = requests.filter((r) => r.key === keyOf(i));
    const slots = new Set(mine.map((r) => Math.floor(r.at / SCHEDULE_MS)));
    if (slots.size !== mine.length) twice.push(names[i] as string);
    slotCounts.push(slots.size);
    return mine.length;
  });
  return { twice, spread: Math.max(...totals) - Math.min(...totals), passes: Math.min(...slotCounts) };
}

describe.skipIf(redisMissing() !== undefined)('three replicas on one Redis, as real processes', () => {
  let redis: RedisServer;
  let slack: FakeSlack;
  let d360: FakeD360;
  let replicas: Replica[] = [];
  beforeAll(async () => {
    [redis, slack, d360] = await Promise.all([startRedis(), startFakeSlack(), startFakeD360()]);
  });
  afterAll(async () => {
    await Promise.all(replicas.map((r) => r.bot.stop()));
    await Promise.all([slack?.close(), d360?.close(), redis?.stop()]);
  });

  const env = () => ({
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_INCIDENT_CHANNEL: 'C0INCIDENTS',
    SLACK_API_URL: slack.apiUrl,
    POLL_SCHEDULE: `*/${SCHEDULE_MS / 1000} * * * * *`,
    STORE_URL: redis.url,
    LEASE_TTL_SECONDS: '3',
    D360_TIMEOUT_MS: '2000',
    LOG_LEVEL: 'debug',
    ...Object.fromEntries(names.map((_, i) => [`D360_KEY_${i + 1}`, keyOf(i)])),
  });
  const numbersYaml = () =>
    `numbers:\n${names.map((name, i) => `  - name: ${name}\n    apiKeyEnv: D360_KEY_${i + 1}\n    baseUrl: ${d360.url}\n`).join('')}`;
  const cardsOf = (name: string) => slack.cards().filter((c) => c.text.includes(name));
  const leaders = () => replicas.filter((r) => r.bot.child.exitCode === null && r.leads());

  /** Lets the replicas poll for a few passes, then reads how often each number was asked. */
  async function pollsOverAFewPasses() {
    d360.resetStats();
    await expect.poll(() => pollShape(d360.requests).passes, { timeout: 30_000 }).toBeGreaterThanOrEqual(4);
    // The pass of the current slot may be under way: only the slots before it are counted.
    const cutoff = Math.floor(Date.now() / SCHEDULE_MS) * SCHEDULE_MS;
    const shape = pollShape(d360.requests.filter((r) => r.at < cutoff));
    expect(shape.passes).toBeGreaterThanOrEqual(3);
    return shape;
  }

  it('polls each of 20 numbers once per tick, posts one card per incident, serves clicks on followers, fails over on kill -9', async () => {
    d360.fallback = { json: HEALTHY_CLOUD };
    d360.script(keyOf(0), INVALID_KEY);
    d360.script(keyOf(1), INVALID_KEY);
    replicas = await Promise.all([1, 2, 3].map(() => launch(env(), { numbersYaml: numbersYaml() })));
    await expect.poll(() => slack.cards().length, { timeout: 30_000 }).toBe(2);

    // One leader among three; every number asked once per scheduled pass, by it alone.
    expect(leaders()).toHaveLength(1);
    const before = await pollsOverAFewPasses();
    expect(before.twice).toEqual([]);
    expect(before.spread).toBeLessThanOrEqual(1);
    expect(cardsOf(names[0] as string)).toHaveLength(1);
    expect(cardsOf(names[1] as string)).toHaveLength(1);

    // Clicks on the two followers reach the cards through the leader's notifier.
    const [leader] = leaders() as [Replica];
    const [f1, f2] = replicas.filter((r) => r !== leader) as [Replica, Replica];
    const recheckCard = cardsOf(names[0] as string)[0] as PostedMessage;
    const ackCard = cardsOf(names[1] as string)[0] as PostedMessage;
    expect((await postSigned(`${f1.url}/slack/events`, SECRET, click(slack, recheckCard, 'incident_recheck'))).status).toBe(200);
    expect((await postSigned(`${f2.url}/slack/events`, SECRET, click(slack, ackCard, 'incident_ack'))).status).toBe(200);
    await expect
      .poll(() => JSON.stringify(cardsOf(names[0] as string)[0]?.blocks), { timeout: 15_000 })
      .toMatch(/re-checked by <@U0OPERATOR>/);
    await expect
      .poll(() => JSON.stringify(cardsOf(names[1] as string)[0]?.blocks), { timeout: 15_000 })
      .toMatch(/Acknowledged\* by <@U0OPERATOR>/);

    // A third number breaks; the leader is killed as soon as its incident can open, card posted or not.
    d360.resetStats();
    d360.script(keyOf(2), INVALID_KEY);
    await expect.poll(() => d360.requestsFor(keyOf(2)).length, { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
    await leader.bot.kill9();
    // A follower takes over once the 3 s lease runs out (the bound here is generous, not a timing claim).
    await expect.poll(() => leaders().length, { timeout: 20_000 }).toBe(1);
    await expect.poll(() => cardsOf(names[2] as string).length, { timeout: 20_000 }).toBe(1);

    // Under the new leader: still once per tick, no card twice, none lost; the old cards still edited.
    const after = await pollsOverAFewPasses();
    expect(after.twice).toEqual([]);
    expect(after.spread).toBeLessThanOrEqual(1);
    d360.script(keyOf(0), { json: HEALTHY_CLOUD });
    await expect.poll(() => cardsOf(names[0] as string)[0]?.text, { timeout: 20_000 }).toMatch(/recovered/);
    expect(
      slack
        .cards()
        .map((c) => names.find((n) => c.text.includes(n)))
        .sort(),
    ).toEqual(names.slice(0, 3));
  }, 180_000);
});
