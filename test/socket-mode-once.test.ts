import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeSlack, startFakeSlack } from './fakes/slack-api.js';
import { type FakeSocketMode, startFakeSocketMode } from './fakes/socket-mode.js';
import { startTestBot, type TestBot } from './support/bot.js';
import { type RedisServer, redisMissing, startRedis } from './support/redis-server.js';
import { APP_TOKEN } from './support/slack-app.js';
import { homeOpenedPayload } from './support/socket-bot.js';

let slack: FakeSlack;
let socket: FakeSocketMode;
let redis: RedisServer | undefined;
const bots: TestBot[] = [];

afterEach(async () => {
  await Promise.all(bots.splice(0).map((b) => b.stop()));
  await Promise.all([socket?.close(), slack?.close(), redis?.stop()]);
  redis = undefined;
});

/** A whole bot in Socket Mode (as main.ts builds it), on `storeUrl`; its connection is the fake's next one. */
async function socketBot(storeUrl: string): Promise<TestBot> {
  const bot = await startTestBot(slack, { env: { SLACK_APP_TOKEN: APP_TOKEN, STORE_URL: storeUrl, LEASE_TTL_SECONDS: '3' } });
  bots.push(bot);
  return bot;
}
const publishes = (user: string) => slack.callsTo('views.publish').filter((c) => c.body.user_id === user);
const skipped = (bot: TestBot, id: string) => bot.logs.some((l) => l.includes(`skipped a delivery Slack made again (event:${id})`));

describe('an event Slack delivers twice acts once', () => {
  it('across a restart: the redelivery after the bot came back on the same store publishes nothing more', async () => {
    [slack, socket] = await Promise.all([startFakeSlack(), startFakeSocketMode()]);
    slack.socketUrl = socket.url;
    const store = `sqlite://${join(mkdtempSync(join(tmpdir(), 'wa-once-')), 'store.sqlite')}`;
    const first = await socketBot(store);
    const event = homeOpenedPayload('Ev0RESTART', 'U0RESTART');
    await socket.send('events_api', event);
    await expect.poll(() => publishes('U0RESTART').length).toBe(1);
    await first.stop();
    const again = await socketBot(store);
    await socket.connection(2);
    await socket.send('events_api', event, { retryAttempt: 1, retryReason: 'timeout' });
    await expect.poll(() => skipped(again, 'Ev0RESTART')).toBe(true);
    expect(publishes('U0RESTART')).toHaveLength(1);
  });

  it.skipIf(redisMissing() !== undefined)(
    'across replicas: the redelivery on another replica’s connection publishes nothing more',
    async () => {
      [slack, socket, redis] = await Promise.all([startFakeSlack(), startFakeSocketMode(), startRedis()]);
      slack.socketUrl = socket.url;
      await socketBot(redis.url);
      const onOne = await socket.connection(1);
      const two = await socketBot(redis.url);
      const onTwo = await socket.connection(2);
      const event = homeOpenedPayload('Ev0REPLICAS', 'U0REPLICAS');
      await socket.send('events_api', event, { on: onOne });
      await expect.poll(() => publishes('U0REPLICAS').length).toBe(1);
      await socket.send('events_api', event, { on: onTwo, retryAttempt: 1, retryReason: 'timeout' });
      await expect.poll(() => skipped(two, 'Ev0REPLICAS')).toBe(true);
      expect(publishes('U0REPLICAS')).toHaveLength(1);
    },
  );
});
