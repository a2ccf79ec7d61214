import { execFile } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStore, StoreError } from '../src/store/kv.js';
import { createRecordStore } from '../src/store/record-store.js';
import { type RedisServer, redisMissing, startRedis } from './support/redis-server.js';

/** How a call ended. */
async function outcome(call: Promise<unknown>): Promise<{ error?: unknown }> {
  try {
    await call;
    return {};
  } catch (error) {
    return { error };
  }
}

describe.skipIf(redisMissing() !== undefined)('the Redis store through an outage', () => {
  let redis: RedisServer;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(() => redis?.stop());

  it('raises StoreError within its deadline while Redis hangs, and answers again when it wakes', async () => {
    const logged: string[] = [];
    const store = await createStore(redis.url, { timeoutMs: 1000, log: (_level, m) => logged.push(m) });
    const records = createRecordStore<number>(store, 'n');
    await records.update('a', () => 1);
    // Accepts connections but answers nothing for 4 s.
    let awake = false;
    const sleeping = new Promise((resolve) => execFile('redis-cli', ['-p', String(redis.port), 'DEBUG', 'SLEEP', '4'], resolve)).then(
      () => {
        awake = true;
      },
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    const hung = await outcome(store.get('n:a'));
    expect(hung.error).toBeInstanceOf(StoreError);
    expect(String(hung.error)).toMatch(/no answer within 1000 ms/);
    // Raised by its own deadline, while Redis still sleeps: not by Redis waking up.
    expect(awake).toBe(false);
    await sleeping;
    await expect.poll(() => outcome(store.get('n:a')).then((o) => o.error)).toBeUndefined();
    expect(await records.update('a', (n) => (n ?? 0) + 1)).toBe(2);
    // The outage is in the log once, and so is the recovery.
    expect(logged).toEqual([
      expect.stringMatching(/is unavailable: get failed \(Redis gave no answer within 1000 ms\)/),
      expect.stringMatching(/answers again/),
    ]);
    await store.close();
  }, 20_000);

  it('raises StoreError at once while Redis is gone, and reconnects when it is back on the same port', async () => {
    const store = await createStore(redis.url, { timeoutMs: 1000 });
    const records = createRecordStore<number>(store, 'n');
    await records.update('b', () => 1);
    await redis.stop();
    for (const call of [() => store.get('n:b'), () => records.update('b', () => 5), () => store.keys('n:')]) {
      // Redis stays down until after these: a call that waited for it would never end.
      const gone = await outcome(call());
      expect(gone.error).toBeInstanceOf(StoreError);
    }
    redis = await startRedis(redis.port);
    // Nothing was saved (--save ''): the record starts again, written exactly once.
    await expect.poll(() => outcome(store.get('n:b')).then((o) => o.error)).toBeUndefined();
    expect(await records.update('b', (n) => (n ?? 0) + 1)).toBe(1);
    await store.close();
  }, 30_000);
});
