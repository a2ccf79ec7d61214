import { execFile } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStore, StoreError } from '../src/store/kv.js';
import { createRecordStore } from '../src/store/record-store.js';
import { type RedisServer, redisMissing, startRedis } from './support/redis-server.js';

/** How a call ended and how long it took. */
async function outcome(call: Promise<unknown>): Promise<{ error?: unknown; ms: number }> {
  const start = Date.now();
  try {
    await call;
    return { ms: Date.now() - start };
  } catch (error) {
    return { error, ms: Date.now() - start };
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
    const sleeping = new Promise((resolve) => execFile('redis-cli', ['-p', String(redis.port), 'DEBUG', 'SLEEP', '4'], resolve));
    await new Promise((resolve) => setTimeout(resolve, 200));
    const hung = await outcome(store.get('n:a'));
    expect(hung.error).toBeInstanceOf(StoreError);
    expect(String(hung.error)).toMatch(/no answer within 1000 ms/);
    expect(hung.ms).toBeLessThan(3500);
    await sleeping;
    await expect.poll(() => outcome(store.get('n:a')).then((o) => o.error), { timeout: 5000 }).toBeUndefined();
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
      const gone = await outcome(call());
      expect(gone.error).toBeInstanceOf(StoreError);
      expect(gone.ms).toBeLessThan(3500);
    }
    redis = await startRedis(redis.port);
    // Nothing was saved (--save ''): the record starts again, written exactly once.
    await expect.poll(() => outcome(store.get('n:b')).then((o) => o.error), { timeout: 10_000 }).toBeUndefined();
    expect(await records.update('b', (n) => (n ?? 0) + 1)).toBe(1);
    await store.close();
  }, 30_000);
});
