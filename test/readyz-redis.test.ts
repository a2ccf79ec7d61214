import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeSlack, startFakeSlack } from './fakes/slack-api.js';
import { startTestBot, type TestBot } from './support/bot.js';
import { type RedisServer, redisMissing, startRedis } from './support/redis-server.js';

describe.skipIf(redisMissing() !== undefined)('readiness of a replica on Redis', () => {
  let redis: RedisServer;
  let slack: FakeSlack;
  let bot: TestBot | undefined;
  beforeAll(async () => {
    [redis, slack] = await Promise.all([startRedis(), startFakeSlack()]);
  });
  afterAll(async () => {
    await bot?.stop();
    await Promise.all([slack?.close(), redis?.stop()]);
  });

  const ready = async () => (await fetch(`${bot?.url}/readyz`)).status;

  it('is ready while Redis answers, not ready within 10 s of Redis going away (logged), and ready again after', async () => {
    bot = await startTestBot(slack, { env: { STORE_URL: redis.url } });
    expect(await ready()).toBe(200);
    await redis.stop();
    await expect.poll(ready).toBe(503);
    expect(bot.logs.join('\n')).toMatch(/store redis:\/\/127\.0\.0\.1:\d+ is unavailable/);
    redis = await startRedis(redis.port);
    await expect.poll(ready).toBe(200);
    expect(bot.logs.join('\n')).toMatch(/answers again/);
  }, 40_000);
});
