import { afterAll, beforeAll, describe } from 'vitest';
import { createStore } from '../src/store/kv.js';
import { storeContract } from './store-contract.js';
import { type RedisServer, redisMissing, startRedis } from './support/redis-server.js';

const missing = redisMissing();

describe.skipIf(missing !== undefined)('Redis', () => {
  let redis: RedisServer;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(() => redis?.stop());

  storeContract('Redis', async () => {
    // Every test starts from an empty database, as the SQLite suite starts from a new file.
    redis.cli('FLUSHALL');
    return { store: await createStore(redis.url), reopen: () => createStore(redis.url), versioned: true };
  });
});
