import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeSlack, startFakeSlack } from './fakes/slack-api.js';
import { startTestBot, type TestBot } from './support/bot.js';
import { type RedisServer, redisMissing, startRedis } from './support/redis-server.js';

/** The clients connected to this server, redis-cli's own (the one asking) left out. */
function clients(redis: RedisServer): string[] {
  return redis
    .cli('CLIENT', 'LIST')
    .split('\n')
    .filter((line) => line.trim() !== '' && !/ cmd=client\|list /.test(line));
}

describe.skipIf(redisMissing() !== undefined)('connections a replica opens to Redis', () => {
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

  it('opens two, whatever it serves: one for commands (store, webhook windows, lease) and one for pub/sub', async () => {
    bot = await startTestBot(slack, { env: { STORE_URL: redis.url, WEBHOOK_SECRET: 'connections-webhook-secret-0123456789' } });
    const open = clients(redis);
    expect(open).toHaveLength(2);
    // Named, so an operator reading CLIENT LIST knows whose they are.
    expect(open.map((line) => /\bname=(\S*)/.exec(line)?.[1]).sort()).toEqual(['wa-health', 'wa-health-pubsub']);
    await bot.stop();
    bot = undefined;
    await expect.poll(() => clients(redis).length).toBe(0);
  }, 20_000);
});
