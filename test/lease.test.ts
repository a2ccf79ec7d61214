import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLease, FENCE_KEY, type Lease, LEASE_KEY } from '../src/cluster/lease.js';
import { createStore } from '../src/store/kv.js';
import { createRecordStore } from '../src/store/record-store.js';
import { openRedis, type RedisConnection } from '../src/store/redis-client.js';
import { StoreError } from '../src/store/types.js';
import { type RedisServer, redisMissing, startRedis } from './support/redis-server.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const TTL = 3000;

/** Resolves once `check` holds, polling; rejects after `ms` (a generous bound, not a timing claim). */
async function until(check: () => boolean, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`not within ${ms} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe.skipIf(redisMissing() !== undefined)('leadership by a Redis lease', () => {
  let redis: RedisServer;
  const leases: Lease[] = [];
  const connections: RedisConnection[] = [];
  const events: string[] = [];
  /** Each lease on a connection of its own, as each replica has. */
  const lease = async (name: string) => {
    const redisConnection = await openRedis(redis.url);
    connections.push(redisConnection);
    const made = createLease({
      redis: redisConnection,
      ttlMs: TTL,
      retryMs: 100,
      onGain: () => void events.push(`${name} gained`),
      onLose: (why) => void events.push(`${name} lost: ${why}`),
    });
    leases.push(made);
    return made;
  };
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await Promise.all(leases.map((l) => l.stop()));
    await Promise.all(connections.map((c) => c.close()));
    await redis?.stop();
  });

  it('lets exactly one of two replicas lead, and hands over on release', async () => {
    redis.cli('FLUSHALL');
    const [a, b] = await Promise.all([lease('a'), lease('b')]);
    await Promise.all([a.start(), b.start()]);
    expect([a.isLeader(), b.isLeader()].filter(Boolean)).toHaveLength(1);
    const [leader, standby] = a.isLeader() ? [a, b] : [b, a];
    const first = Number(leader.token());
    await leader.stop();
    await until(() => standby.isLeader(), TTL, 'the standby takes over');
    expect(Number(standby.token())).toBeGreaterThan(first);
    await standby.stop();
    expect(redis.cli('EXISTS', LEASE_KEY)).toBe('0');
  }, 20_000);

  it('passes the lease on within the TTL when the leader process is killed -9', async () => {
    redis.cli('FLUSHALL');
    const args = ['--import', `${root}node_modules/tsx/dist/loader.mjs`, `${root}test/support/lease-worker.ts`, redis.url, String(TTL)];
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    await until(() => out.includes('leading'), 10_000, 'the child leads');
    const standby = await lease('standby');
    await standby.start();
    expect(standby.isLeader()).toBe(false);
    child.kill('SIGKILL');
    const killedAt = Date.now();
    await until(() => standby.isLeader(), TTL + 1000, 'the standby takes over');
    expect(Date.now() - killedAt).toBeLessThanOrEqual(TTL + 1000);
    await standby.stop();
  }, 20_000);

  it("fences an ex-leader whose store shares its lease's connection, and lets the new leader write over its own", async () => {
    redis.cli('FLUSHALL');
    // As createBot builds a replica: the lease and the store on one command connection.
    const old = await lease('shared-old');
    const oldConnection = connections.at(-1) as RedisConnection;
    await old.start();
    const stale = old.token();
    const oldStore = await createStore(redis.url, { redis: oldConnection, fence: { key: FENCE_KEY, token: () => stale } });
    await createRecordStore<number>(oldStore, 'shared').update('x', () => 1);
    redis.cli('DEL', LEASE_KEY, FENCE_KEY);
    const next = await lease('shared-next');
    await next.start();
    const nextStore = await createStore(redis.url, {
      redis: connections.at(-1) as RedisConnection,
      fence: { key: FENCE_KEY, token: () => next.token() },
    });
    // The ex-leader has not noticed yet (its token is the one it held): its write is refused all the same.
    await expect(createRecordStore<number>(oldStore, 'shared').update('x', () => 5)).rejects.toThrow(/lease moved to another replica/);
    expect(await createRecordStore<number>(nextStore, 'shared').update('x', (n) => (n ?? 0) + 1)).toBe(2);
    await until(() => !old.isLeader(), TTL, 'the ex-leader notices on its own connection');
    // Closing a store leaves the connection it was given open: the lease on it still renews.
    await oldStore.close();
    expect(await oldConnection.client.ping()).toBe('PONG');
    await Promise.all([old.stop(), next.stop(), nextStore.close()]);
  }, 20_000);

  it('makes an ex-leader that cannot renew report the loss, and fences off its writes', async () => {
    redis.cli('FLUSHALL');
    const old = await lease('old');
    await old.start();
    const stale = old.token();
    expect(stale).toBeDefined();
    // Another replica took the lease while the old one was away (its lease lapsed).
    redis.cli('DEL', LEASE_KEY, FENCE_KEY);
    const next = await lease('next');
    await next.start();
    expect(next.isLeader()).toBe(true);
    await until(() => !old.isLeader(), TTL, 'the ex-leader notices');
    expect(events).toContainEqual('old lost: another replica holds the lease');
    // A write made under the stale token (a leader that has not noticed yet) is refused.
    const store = await createStore(redis.url, { fence: { key: FENCE_KEY, token: () => stale } });
    const records = createRecordStore<number>(store, 'n');
    await expect(records.update('x', () => 1)).rejects.toBeInstanceOf(StoreError);
    expect(await records.get('x')).toBeUndefined();
    const current = await createStore(redis.url, { fence: { key: FENCE_KEY, token: () => next.token() } });
    await createRecordStore<number>(current, 'n').update('x', () => 2);
    expect(await records.get('x')).toBe(2);
    await Promise.all([store.close(), current.close()]);
    // Redis gone: the leader cannot renew, so it stops acting.
    await redis.stop();
    await until(() => !next.isLeader(), TTL, 'the leader notices Redis is gone');
    expect(events.some((e) => e.startsWith('next lost: cannot renew'))).toBe(true);
  }, 20_000);
});
