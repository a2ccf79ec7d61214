import { afterEach, describe, expect, it } from 'vitest';
import { type FakeSlack, startFakeSlack } from './fakes/slack-api.js';
import { type FakeSocketMode, startFakeSocketMode } from './fakes/socket-mode.js';
import { type RedisServer, redisMissing, startRedis } from './support/redis-server.js';
import { homeOpenedPayload, type SocketBot, startSocketBot } from './support/socket-bot.js';

let slack: FakeSlack;
let socket: FakeSocketMode;
let redis: RedisServer | undefined;
const bots: SocketBot[] = [];

afterEach(async () => {
  await Promise.all(bots.splice(0).map((b) => b.bot.stop()));
  await Promise.all([socket?.close(), slack?.close(), redis?.stop()]);
  redis = undefined;
});

const publishes = (user: string) => slack.callsTo('views.publish').filter((c) => c.body.user_id === user);

describe('an event Slack delivers twice acts once', { timeout: 90_000 }, () => {
  it('across a restart: the redelivery after the bot came back publishes nothing more', async () => {
    [slack, socket] = await Promise.all([startFakeSlack(), startFakeSocketMode()]);
    const first = await startSocketBot(slack, socket);
    const event = homeOpenedPayload('Ev0RESTART', 'U0RESTART');
    await socket.send('events_api', event);
    await expect.poll(() => publishes('U0RESTART').length).toBe(1);
    await first.bot.stop();
    // The same working directory: the same SQLite store, as a restarted container would have.
    const again = await startSocketBot(slack, socket, { cwd: first.cwd });
    bots.push(again);
    await socket.connection(2);
    await socket.send('events_api', event, { retryAttempt: 1, retryReason: 'timeout' });
    await again.bot.waitFor(/skipped a delivery Slack made again \(event:Ev0RESTART\)/);
    expect(publishes('U0RESTART')).toHaveLength(1);
  });

  it.skipIf(redisMissing() !== undefined)(
    'across replicas: the redelivery on another replica’s connection publishes nothing more',
    async () => {
      [slack, socket, redis] = await Promise.all([startFakeSlack(), startFakeSocketMode(), startRedis()]);
      const env = { STORE_URL: redis.url, LEASE_TTL_SECONDS: '3' };
      const one = await startSocketBot(slack, socket, { env });
      bots.push(one);
      const onOne = await socket.connection(1);
      const two = await startSocketBot(slack, socket, { env });
      bots.push(two);
      const onTwo = await socket.connection(2);
      const event = homeOpenedPayload('Ev0REPLICAS', 'U0REPLICAS');
      await socket.send('events_api', event, { on: onOne });
      await expect.poll(() => publishes('U0REPLICAS').length).toBe(1);
      await socket.send('events_api', event, { on: onTwo, retryAttempt: 1, retryReason: 'timeout' });
      await two.bot.waitFor(/skipped a delivery Slack made again \(event:Ev0REPLICAS\)/);
      expect(publishes('U0REPLICAS')).toHaveLength(1);
    },
  );
});
