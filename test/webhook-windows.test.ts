import { afterAll, beforeAll, describe } from 'vitest';
import { createMemoryWindows } from '../src/store/memory-windows.js';
import { openRedis } from '../src/store/redis-client.js';
import { createRedisWindows } from '../src/store/redis-windows.js';
import { type RedisServer, redisMissing, startRedis } from './support/redis-server.js';
import { windowsContract } from './webhook-windows-contract.js';

windowsContract('in-memory', async () => {
  // One process: both handles are the same windows.
  const windows = createMemoryWindows();
  return { a: windows, b: windows, close: () => windows.close() };
});

describe.skipIf(redisMissing() !== undefined)('Redis', () => {
  let redis: RedisServer;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(() => redis?.stop());

  windowsContract('Redis', async () => {
    redis.cli('FLUSHALL');
    // Two connections, as two replicas hold them.
    const [one, two] = await Promise.all([openRedis(redis.url), openRedis(redis.url)]);
    return {
      a: createRedisWindows(one),
      b: createRedisWindows(two),
      close: async () => {
        await Promise.all([one.close(), two.close()]);
      },
    };
  });
});
