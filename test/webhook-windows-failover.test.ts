import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Observation } from '../src/core/observation.js';
import { withFailover } from '../src/store/failover-windows.js';
import { createMemoryWindows } from '../src/store/memory-windows.js';
import { openRedis, type RedisConnection } from '../src/store/redis-client.js';
import { createRedisWindows } from '../src/store/redis-windows.js';
import type { SharedWindows } from '../src/store/shared-windows.js';
import { createLogger } from '../src/telemetry/log.js';
import { createWebhookIngest } from '../src/webhooks/ingest.js';
import type { WebhookEvent } from '../src/webhooks/parse.js';
import { testNumber } from './support/numbers.js';
import { type RedisServer, redisMissing, startRedis } from './support/redis-server.js';

const T = Date.UTC(2026, 10, 25, 9, 0, 0);
const KEEP = 60 * 60_000;
const since = () => T - 60_000;

/** Windows in memory that can be made to fail, or to hang, like a Redis that went away; `calls` counts what reached them. */
function breakable() {
  const inner = createMemoryWindows();
  const state = { mode: 'ok' as 'ok' | 'failing' | 'hanging', calls: 0 };
  const gate = <R>(op: () => Promise<R>): Promise<R> => {
    state.calls += 1;
    if (state.mode === 'failing') return Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:6379'));
    if (state.mode === 'hanging') return new Promise<R>(() => undefined);
    return op();
  };
  const windows: SharedWindows = {
    claim: (keys, ttl) => gate(() => inner.claim(keys, ttl)),
    add: (number, tallied, keep) => gate(() => inner.add(number, tallied, keep)),
    read: (number, sinceOf) => gate(() => inner.read(number, sinceOf)),
    setRaised: (number, raised, empty) => gate(() => inner.setRaised(number, raised, empty)),
    numbers: () => gate(() => inner.numbers()),
    learn: (number, id, waba) => gate(() => inner.learn(number, id, waba)),
    routes: () => gate(() => inner.routes()),
    close: () => inner.close(),
  };
  return { windows, state };
}

function logged() {
  const lines: string[] = [];
  return { lines, logger: createLogger({ write: (line) => lines.push(line) }) };
}

describe('the webhook windows behind their failover', () => {
  it('counts on this replica alone while the shared windows fail, says so once, and leaves them alone until the retry', async () => {
    let clock = T;
    const shared = breakable();
    const { lines, logger } = logged();
    const windows = withFailover(shared.windows, { logger, retryMs: 5000, now: () => clock });
    await windows.add('Main', [['470', T]], KEEP);
    shared.state.mode = 'failing';
    for (let i = 0; i < 3; i++) await windows.add('Main', [['470', T]], KEEP);
    // One call found them failing; the next ones went straight to the local windows.
    expect(shared.state.calls).toBe(2);
    // What was counted before the outage is in the local windows too: this replica's share of the window.
    expect((await windows.read('Main', since)).counts.get('470')).toBe(4);
    expect(lines).toEqual([
      expect.stringMatching(/ERROR .*webhook state in Redis unavailable \(counting\): counting on this replica alone/),
    ]);

    clock += 5000;
    shared.state.mode = 'ok';
    expect((await windows.read('Main', since)).counts.get('470')).toBe(1);
    expect(lines.slice(1)).toEqual([expect.stringMatching(/INFO .*webhook state in Redis answers again/)]);
  });

  it('sends one call to probe a hung Redis once the retry is due, the others meanwhile to the local windows', async () => {
    let clock = T;
    const shared = breakable();
    const windows = withFailover(shared.windows, { logger: logged().logger, retryMs: 5000, now: () => clock });
    shared.state.mode = 'failing';
    await windows.add('Main', [['470', T]], KEEP);
    clock += 5000;
    shared.state.mode = 'hanging';
    void windows.claim(['probe'], KEEP);
    expect(await windows.claim(['meanwhile'], KEEP)).toEqual([true]);
    expect((await windows.read('Main', since)).counts.get('470')).toBe(1);
    expect(shared.state.calls).toBe(2);
  });

  it('writes to both while the shared windows answer, and reads from them alone', async () => {
    const shared = breakable();
    const local = createMemoryWindows();
    const windows = withFailover(shared.windows, { logger: logged().logger, local });
    expect(await windows.claim(['k'], KEEP)).toEqual([true]);
    await windows.learn('Main', '106540352242922', undefined);
    await local.add('Main', [['470', T]], KEEP);
    expect((await windows.read('Main', since)).counts.size).toBe(0);
    expect(await local.claim(['k'], KEEP)).toEqual([false]);
    expect(Object.fromEntries((await local.routes()).phoneIds)).toEqual({ '106540352242922': 'Main' });
  });
});

const failed = (i: number): WebhookEvent => ({
  kind: 'status',
  id: `wamid.OUTAGE${i}`,
  status: 'failed',
  at: Date.now(),
  errors: [{ code: 131047, title: 'Re-engagement message' }],
});

describe.skipIf(redisMissing() !== undefined)('webhooks counted through a Redis stopped mid-way', () => {
  let redis: RedisServer;
  let connection: RedisConnection;
  beforeAll(async () => {
    redis = await startRedis();
    connection = await openRedis(redis.url, { timeoutMs: 1000 });
  });
  afterAll(async () => {
    await connection?.close();
    await redis?.stop();
  });

  it('keeps counting on the replica, says so once, and says when Redis answers again', async () => {
    const { lines, logger } = logged();
    const told: Observation[] = [];
    const windows = withFailover(createRedisWindows(connection), { logger, retryMs: 300 });
    const ingest = createWebhookIngest({
      numbers: [testNumber('failover-key-0123456789', 'http://127.0.0.1:9', 'cloud', 'Main')],
      logger,
      observe: async (o) => void told.push(o),
      debounceMs: 60_000,
      windows,
    });
    for (let i = 0; i < 3; i++) await ingest.receive([failed(i)], undefined);
    expect(redis.cli('SMEMBERS', 'wa-health-wh:numbers')).toBe('Main');
    await redis.stop();
    for (let i = 3; i < 6; i++) await ingest.receive([failed(i)], undefined);
    await ingest.flush();
    // 6 failures among no other statuses: over the share, on this replica's counts alone (3 before, 3 during).
    expect(told.at(-1)?.findings).toEqual([expect.objectContaining({ entryId: 'cloud-131047', count: 6 })]);
    expect(lines.filter((l) => /unavailable/.test(l))).toEqual([expect.stringMatching(/ERROR .*webhook state in Redis unavailable/)]);

    redis = await startRedis(redis.port);
    await expect
      .poll(
        async () => {
          await ingest.flush();
          return lines.filter((l) => /answers again/.test(l));
        },
        { timeout: 15_000, interval: 200 },
      )
      .toEqual([expect.stringMatching(/INFO .*webhook state in Redis answers again/)]);
    await ingest.receive([failed(6)], undefined);
    expect(redis.cli('SMEMBERS', 'wa-health-wh:numbers')).toBe('Main');
    expect(lines.filter((l) => /unavailable/.test(l))).toHaveLength(1);
    ingest.stop();
  }, 30_000);
});
