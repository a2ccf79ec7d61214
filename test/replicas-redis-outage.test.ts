import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HEALTHY_CLOUD } from './fakes/d360.js';
import { leads, type ProcessBot, startWorld, until, type World } from './support/e2e.js';
import { type RedisServer, redisMissing, startRedis } from './support/redis-server.js';

const INVALID_KEY = {
  status: 401,
  json: { meta: { httpCode: 401, developerMessage: 'Invalid api_key or token expired', success: false } },
};
const names = ['Line A', 'Line B', 'Line C', 'Line D'];
const keyOf = (i: number) => `outage-d360-key-${i}-0123456789abcdef`;
const OUTAGE_MS = 10_000;

describe.skipIf(redisMissing() !== undefined)('three replicas through a 10 s Redis outage, as real processes', () => {
  let redis: RedisServer;
  let world: World;
  let replicas: ProcessBot[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'wa-redis-aof-'));
  beforeEach(async () => {
    // Appended and fsynced: a Redis killed and restarted still holds the records, as in production.
    [redis, world] = await Promise.all([startRedis(undefined, { dir: mkdtempSync(join(dir, 'run-')) }), startWorld()]);
  });
  afterEach(async () => {
    redis.resume();
    await world.close();
    await redis?.stop();
  });

  const start = async () => {
    const entry = (n: string, i: number) => `  - name: ${n}\n    apiKeyEnv: D360_KEY_${i}\n    baseUrl: ${world.d360.url}\n`;
    const setup = {
      numbersYaml: `numbers:\n${names.map(entry).join('')}`,
      env: {
        POLL_SCHEDULE: '* * * * * *',
        STORE_URL: redis.url,
        LEASE_TTL_SECONDS: '3',
        D360_TIMEOUT_MS: '2000',
        LOG_LEVEL: 'info',
        ...Object.fromEntries(names.map((_, i) => [`D360_KEY_${i}`, keyOf(i)])),
      },
    };
    world.d360.fallback = { json: HEALTHY_CLOUD };
    world.d360.script(keyOf(0), INVALID_KEY);
    replicas = await Promise.all([1, 2, 3].map(() => world.process(setup)));
    await until(() => world.slack.cards().length === 1, 'one card');
    for (const r of replicas) await until(async () => (await r.ready()) === 200, 'every replica ready');
  };

  /** Not ready on every replica (said in each log), none crashed; afterwards ready, polling and delivering, nothing twice. */
  async function livesThrough(outage: { begin: () => Promise<void> | void; end: () => Promise<void> | void }) {
    await start();
    const begun = Date.now();
    await outage.begin();
    for (const r of replicas) await until(async () => (await r.ready()) === 503, 'every replica unready');
    for (const r of replicas) {
      await r.waitFor(/store redis:\/\/127\.0\.0\.1:\d+ is unavailable/);
      expect(r.alive()).toBe(true);
    }
    // The outage lasts its 10 s (over three lease TTLs): the time itself is what the replicas must live through.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, begun + OUTAGE_MS - Date.now())));
    for (const r of replicas) expect(r.alive()).toBe(true);
    // The leader said it stopped polling and delivering, rather than carrying on unfenced.
    expect(replicas.some((r) => /not polling or delivering any more/.test(r.output()))).toBe(true);

    await outage.end();
    for (const r of replicas) await until(async () => (await r.ready()) === 200, 'every replica ready again');
    for (const r of replicas) await r.waitFor(/answers again/);
    world.d360.resetStats();
    await until(() => world.d360.requestsFor(keyOf(3)).length >= 2, 'polling again');
    // A new incident is delivered once; the old card is neither posted again nor lost.
    world.d360.script(keyOf(1), INVALID_KEY);
    await until(() => world.slack.cards().some((c) => c.text.includes('Line B')), 'a card for Line B');
    // Two more polls of every number, and what they queued delivered: nothing posted twice.
    const polls = world.d360.requests.length;
    await until(() => world.d360.requests.length >= polls + 2 * names.length, 'two more passes');
    await replicas[0]?.settled();
    expect(
      world.slack
        .cards()
        .map((c) => names.find((n) => c.text.includes(n)))
        .sort(),
    ).toEqual(['Line A', 'Line B']);
    expect(replicas.filter(leads)).toHaveLength(1);
  }

  it('hung (SIGSTOP for 10 s): every replica unready while it lasts and says why, none crashes, all recover', async () => {
    await livesThrough({ begin: () => redis.pause(), end: () => redis.resume() });
  });

  it('gone (killed, restarted on the same port 10 s later): the same, with the records kept by its AOF', async () => {
    const { port } = redis;
    const aof = redis.dir;
    await livesThrough({
      begin: () => redis.stop(),
      end: async () => {
        redis = await startRedis(port, { dir: aof });
      },
    });
  });
});
