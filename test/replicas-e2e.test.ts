import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type D360Request, HEALTHY_CLOUD } from './fakes/d360.js';
import type { FakeSlack, PostedMessage } from './fakes/slack-api.js';
import { cardClick, postSigned } from './fakes/slack-signer.js';
import { leads, type ProcessBot, startWorld, until, type World } from './support/e2e.js';
import { type RedisServer, redisMissing, startRedis } from './support/redis-server.js';
import { SIGNING_SECRET as SECRET } from './support/slack-app.js';

type Replica = ProcessBot;
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
  let world: World;
  let replicas: Replica[] = [];
  beforeAll(async () => {
    [redis, world] = await Promise.all([startRedis(), startWorld()]);
  });
  afterAll(async () => {
    await world?.close();
    await redis?.stop();
  });

  /** One replica as `npm start` runs it: the same variables and numbers.yml as its siblings, its own port. */
  const fleet = names.map((name, i) => ({ name, keyEnv: `D360_KEY_${i + 1}`, key: keyOf(i) }));
  const launch = () =>
    world.process({
      numbers: fleet,
      env: { POLL_SCHEDULE: `*/${SCHEDULE_MS / 1000} * * * * *`, STORE_URL: redis.url, LEASE_TTL_SECONDS: '5', D360_TIMEOUT_MS: '2000' },
    });
  const cardsOf = (name: string) => world.slack.cards().filter((c) => c.text.includes(name));
  const leaders = () => replicas.filter((r) => r.alive() && leads(r));

  /** Lets the replicas poll for a few passes, then reads how often each number was asked. */
  async function pollsOverAFewPasses() {
    world.d360.resetStats();
    await until(() => pollShape(world.d360.requests).passes >= 4, 'four scheduled passes');
    // The pass of the current slot may be under way: only the slots before it are counted.
    const cutoff = Math.floor(Date.now() / SCHEDULE_MS) * SCHEDULE_MS;
    const shape = pollShape(world.d360.requests.filter((r) => r.at < cutoff));
    expect(shape.passes).toBeGreaterThanOrEqual(3);
    return shape;
  }

  it('polls each of 20 numbers once per tick, posts one card per incident, serves clicks on followers, fails over on kill -9', async () => {
    world.d360.fallback = { json: HEALTHY_CLOUD };
    world.d360.script(keyOf(0), INVALID_KEY);
    world.d360.script(keyOf(1), INVALID_KEY);
    replicas = await Promise.all([1, 2, 3].map(() => launch()));
    await until(() => world.slack.cards().length === 2, 'two cards');

    // One leader among three (a replica starved of CPU may say it lost the lease a moment after another
    // took it); every number asked once per scheduled pass, by it alone.
    await until(() => leaders().length === 1, 'one leader among three');
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
    expect((await postSigned(`${f1.url}/slack/events`, SECRET, click(world.slack, recheckCard, 'incident_recheck'))).status).toBe(200);
    expect((await postSigned(`${f2.url}/slack/events`, SECRET, click(world.slack, ackCard, 'incident_ack'))).status).toBe(200);
    await until(() => /re-checked by <@U0OPERATOR>/.test(JSON.stringify(cardsOf(names[0] as string)[0]?.blocks)), 'the re-check shown');
    await until(() => /Acknowledged\* by <@U0OPERATOR>/.test(JSON.stringify(cardsOf(names[1] as string)[0]?.blocks)), 'the ack shown');

    // A third number breaks; the leader is killed as soon as its incident can open, card posted or not.
    world.d360.resetStats();
    world.d360.script(keyOf(2), INVALID_KEY);
    await until(() => world.d360.requestsFor(keyOf(2)).length >= 2, 'the third number polled twice');
    await leader.kill9();
    // A follower takes over once the 5 s lease runs out (5 s: a replica starved of CPU for a second or two still renews).
    await until(() => leaders().length === 1, 'a follower leads');
    await until(() => cardsOf(names[2] as string).length === 1, 'a card for the third number');

    // Under the new leader: still once per tick, no card twice, none lost; the old cards still edited.
    const after = await pollsOverAFewPasses();
    expect(after.twice).toEqual([]);
    expect(after.spread).toBeLessThanOrEqual(1);
    world.d360.script(keyOf(0), { json: HEALTHY_CLOUD });
    await until(() => /recovered/.test(cardsOf(names[0] as string)[0]?.text ?? ''), 'the first card says recovered');
    expect(
      world.slack
        .cards()
        .map((c) => names.find((n) => c.text.includes(n)))
        .sort(),
    ).toEqual(names.slice(0, 3));
  });
});
