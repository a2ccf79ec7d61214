import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStore } from '../src/store/kv.js';
import { createRecordStore } from '../src/store/record-store.js';
import { runTs } from './support/bot-process.js';
import { type RedisServer, redisMissing, startRedis } from './support/redis-server.js';

/** Runs the counter worker as its own Node process; resolves with its exit code and stderr. */
async function runWorker(url: string, count: number): Promise<{ code: number | null; stderr: string }> {
  const run = await runTs('test/support/counter-worker.ts', [url, String(count)]);
  return { code: run.status, stderr: run.stderr };
}

describe.skipIf(redisMissing() !== undefined)('records on Redis shared by two processes', () => {
  let redis: RedisServer;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(() => redis?.stop());

  it('ends at 2,000 after two processes each increment one record 1,000 times', async () => {
    const outcomes = await Promise.all([runWorker(redis.url, 1000), runWorker(redis.url, 1000)]);
    expect(outcomes).toEqual([
      { code: 0, stderr: '' },
      { code: 0, stderr: '' },
    ]);
    const store = await createStore(redis.url);
    try {
      expect(await createRecordStore<{ count: number }>(store, 'counter').get('shared')).toEqual({ count: 2000 });
    } finally {
      await store.close();
    }
  });
});
