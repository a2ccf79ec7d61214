import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeD360, HEALTHY_CLOUD, startFakeD360 } from './fakes/d360.js';
import { type FakeSlack, startFakeSlack } from './fakes/slack-api.js';
import { launch, type Replica } from './support/bot-process.js';
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
  let slack: FakeSlack;
  let d360: FakeD360;
  let replicas: Replica[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'wa-redis-aof-'));
  beforeEach(async () => {
    // Appended and fsynced: a Redis killed and restarted still holds the records, as in production.
    [redis, slack, d360] = await Promise.all([
      startRedis(undefined, { dir: mkdtempSync(join(dir, 'run-')) }),
      startFakeSlack(),
      startFakeD360(),
    ]);
  });
  afterEach(async () => {
    await Promise.all(replicas.map((r) => r.bot.stop()));
    redis.resume();
    await Promise.all([slack?.close(), d360?.close(), redis?.stop()]);
  });

  const start = async () => {
    const env = {
      SLACK_BOT_TOKEN: 'xoxb-test-outage-fake-token',
      SLACK_SIGNING_SECRET: 'outage-signing-secret-0123',
      SLACK_INCIDENT_CHANNEL: 'C0INCIDENTS',
      SLACK_API_URL: slack.apiUrl,
      POLL_SCHEDULE: '* * * * * *',
      STORE_URL: redis.url,
      LEASE_TTL_SECONDS: '3',
      D360_TIMEOUT_MS: '2000',
      ...Object.fromEntries(names.map((_, i) => [`D360_KEY_${i}`, keyOf(i)])),
    };
    const entry = (n: string, i: number) => `  - name: ${n}\n    apiKeyEnv: D360_KEY_${i}\n    baseUrl: ${d360.url}\n`;
    const numbersYaml = `numbers:\n${names.map(entry).join('')}`;
    d360.fallback = { json: HEALTHY_CLOUD };
    d360.script(keyOf(0), INVALID_KEY);
    replicas = await Promise.all([1, 2, 3].map(() => launch(env, { numbersYaml })));
    await expect.poll(() => slack.cards().length, { timeout: 30_000 }).toBe(1);
    for (const r of replicas) expect(await r.ready()).toBe(200);
  };

  /** Not ready on every replica (said in each log), none crashed; afterwards ready, polling and delivering, nothing twice. */
  async function livesThrough(outage: { begin: () => Promise<void> | void; end: () => Promise<void> | void }) {
    await start();
    const begun = Date.now();
    await outage.begin();
    for (const r of replicas) await expect.poll(() => r.ready(), { timeout: OUTAGE_MS }).toBe(503);
    for (const r of replicas) {
      await r.bot.waitFor(/store redis:\/\/127\.0\.0\.1:\d+ is unavailable/, OUTAGE_MS);
      expect(r.bot.child.exitCode).toBeNull();
    }
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, begun + OUTAGE_MS - Date.now())));
    for (const r of replicas) expect(r.bot.child.exitCode).toBeNull();
    // The leader said it stopped polling and delivering, rather than carrying on unfenced.
    expect(replicas.some((r) => /not polling or delivering any more/.test(r.bot.output()))).toBe(true);

    await outage.end();
    for (const r of replicas) await expect.poll(() => r.ready(), { timeout: 30_000 }).toBe(200);
    for (const r of replicas) await r.bot.waitFor(/answers again/, 30_000);
    d360.resetStats();
    await expect.poll(() => d360.requestsFor(keyOf(3)).length, { timeout: 30_000 }).toBeGreaterThanOrEqual(2);
    // A new incident is delivered once; the old card is neither posted again nor lost.
    d360.script(keyOf(1), INVALID_KEY);
    await expect.poll(() => slack.cards().filter((c) => c.text.includes('Line B')).length, { timeout: 30_000 }).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(
      slack
        .cards()
        .map((c) => names.find((n) => c.text.includes(n)))
        .sort(),
    ).toEqual(['Line A', 'Line B']);
    expect(replicas.filter((r) => r.leads())).toHaveLength(1);
  }

  it('hung (SIGSTOP for 10 s): every replica unready within 10 s and says why, none crashes, all recover', async () => {
    await livesThrough({ begin: () => redis.pause(), end: () => redis.resume() });
  }, 180_000);

  it('gone (killed, restarted on the same port 10 s later): the same, with the records kept by its AOF', async () => {
    const { port } = redis;
    const aof = redis.dir;
    await livesThrough({
      begin: () => redis.stop(),
      end: async () => {
        redis = await startRedis(port, { dir: aof });
      },
    });
  }, 180_000);
});
