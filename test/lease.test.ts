import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLease, FENCE_KEY, type Lease, LEASE_KEY } from '../src/cluster/lease.js';
import { createStore } from '../src/store/kv.js';
import { createRecordStore } from '../src/store/record-store.js';
import { StoreError } from '../src/store/types.js';
import { spawnTs } from './support/bot-process.js';
import { type RedisServer, redisMissing, startRedis } from './support/redis-server.js';
import { until } from './support/until.js';

const TTL = 3000;

describe.skipIf(redisMissing() !== undefined)('leadership by a Redis lease', () => {
  let redis: RedisServer;
  const leases: Lease[] = [];
  const events: string[] = [];
  const lease = (name: string) => {
    const made = createLease({
      url: redis.url,
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
    await redis?.stop();
  });

  it('lets exactly one of two replicas lead, and hands over on release', async () => {
    redis.cli('FLUSHALL');
    const [a, b] = [lease('a'), lease('b')];
    await Promise.all([a.start(), b.start()]);
    expect([a.isLeader(), b.isLeader()].filter(Boolean)).toHaveLength(1);
    const [leader, standby] = a.isLeader() ? [a, b] : [b, a];
    const first = Number(leader.token());
    await leader.stop();
    // Released, not left to expire: the fence no longer holds the old token (it is gone, or the standby's already).
    expect(redis.cli('GET', FENCE_KEY)).not.toBe(String(first));
    await until(() => standby.isLeader(), 'the standby takes over');
    expect(Number(standby.token())).toBeGreaterThan(first);
    await standby.stop();
    expect(redis.cli('EXISTS', LEASE_KEY)).toBe('0');
  });

  it('passes the lease on when the leader process is killed -9, by its expiry within the TTL', async () => {
    redis.cli('FLUSHALL');
    const child = spawnTs('test/support/lease-worker.ts', [redis.url, String(TTL)]);
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    await until(() => /leading \d+/.exec(out), 'the child leads');
    const killed = Number(/leading (\d+)/.exec(out)?.[1]);
    const standby = lease('standby');
    await standby.start();
    expect(standby.isLeader()).toBe(false);
    child.kill('SIGKILL');
    await exited;
    // Nothing ran to release it: the lease ends by itself, Redis holding it for at most the TTL.
    const left = Number(redis.cli('PTTL', LEASE_KEY));
    expect(left).not.toBe(-1); // -1: kept for ever; -2: already expired
    expect(left).toBeLessThanOrEqual(TTL);
    await until(() => standby.isLeader(), 'the standby takes over');
    expect(Number(standby.token())).toBeGreaterThan(killed);
    await standby.stop();
  });

  it('makes an ex-leader that cannot renew report the loss, and fences off its writes', async () => {
    redis.cli('FLUSHALL');
    const old = lease('old');
    await old.start();
    const stale = old.token();
    expect(stale).toBeDefined();
    // Another replica took the lease while the old one was away (its lease lapsed).
    redis.cli('DEL', LEASE_KEY, FENCE_KEY);
    const next = lease('next');
    await next.start();
    expect(next.isLeader()).toBe(true);
    await until(() => !old.isLeader(), 'the ex-leader notices');
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
    await until(() => !next.isLeader(), 'the leader notices Redis is gone');
    expect(events.some((e) => e.startsWith('next lost: cannot renew'))).toBe(true);
  });
});
