/**
 * Leadership among replicas that share one Redis: a lease (SET NX PX) that the leader renews every
 * ttl/3 and releases on shutdown, each acquisition numbered by a fencing token (INCR). The token
 * is also kept under FENCE_KEY, expiring with the lease, and the store's compare-and-set refuses a
 * write whose token is no longer there: an ex-leader that has not yet noticed its loss (paused,
 * cut off) cannot overwrite what the new leader writes.
 */
import { randomUUID } from 'node:crypto';
import type { RedisConnection } from '../store/redis-client.js';

export const LEASE_KEY = 'wa-health-lease:leader';
export const FENCE_KEY = 'wa-health-lease:fence';
const COUNTER_KEY = 'wa-health-lease:counter';
/** Default lease: a dead leader is replaced within this long. */
export const DEFAULT_TTL_MS = 15_000;
/** How often a standby tries to take the lease (a fifth of a shorter TTL, so takeover stays within about one TTL). */
export const DEFAULT_RETRY_MS = 3000;

/** Takes the lease if free (or already ours), numbers it, and publishes the number as the fence. */
const ACQUIRE = `
local holder = redis.call('GET', KEYS[1])
if holder and holder ~= ARGV[1] then return false end
local token = redis.call('INCR', KEYS[3])
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
redis.call('SET', KEYS[2], token, 'PX', ARGV[2])
return token`;
/** Extends the lease and its fence only while they are still ours. */
const RENEW = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] or redis.call('GET', KEYS[2]) ~= ARGV[3] then return 0 end
redis.call('PEXPIRE', KEYS[1], ARGV[2])
redis.call('PEXPIRE', KEYS[2], ARGV[2])
return 1`;
/** Gives the lease up only if it is still ours: a late release must not free a successor's lease. */
const RELEASE = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('DEL', KEYS[1], KEYS[2])
return 1`;

export interface LeaseOptions {
  /** The replica's command connection (shared with the store: see store/redis-client.ts); not closed by the lease. */
  redis: RedisConnection;
  ttlMs?: number;
  retryMs?: number;
  onGain: () => Promise<void> | void;
  onLose: (why: string) => Promise<void> | void;
  log?: (message: string) => void;
}

export interface Lease {
  /** Starts trying to lead (and renewing once leading). */
  start(): Promise<void>;
  /** Stops trying; a leader runs onLose and releases the lease so a standby takes over at once. */
  stop(): Promise<void>;
  isLeader(): boolean;
  /** The fencing token while this replica believes it leads. */
  token(): string | undefined;
}

/**
 * The lease as one closure, longer than most: the token, the renewal timer and the leader flag are one state that
 * acquire, renew, release and the fencing check all read and change; each of those is short.
 */
export function createLease(options: LeaseOptions): Lease {
  const ttl = options.ttlMs ?? DEFAULT_TTL_MS;
  const retry = options.retryMs ?? Math.min(DEFAULT_RETRY_MS, ttl / 5);
  const log = options.log ?? (() => undefined);
  const owner = randomUUID();
  const { client } = options.redis;
  let fence: string | undefined;
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  // One step (acquire, renew, hand-over) at a time: onGain/onLose never overlap.
  let step: Promise<void> = Promise.resolve();

  /** Every call must answer well within the lease, or it counts as failed. */
  const call = <R>(op: () => Promise<R>): Promise<R> => options.redis.call(op, ttl / 3);
  const lose = async (why: string) => {
    if (fence === undefined) return;
    fence = undefined;
    log(`lost leadership: ${why}`);
    await options.onLose(why);
  };
  const attempt = async () => {
    if (!running) return;
    try {
      if (fence === undefined) {
        const got = await call(() => client.eval(ACQUIRE, { keys: [LEASE_KEY, FENCE_KEY, COUNTER_KEY], arguments: [owner, String(ttl)] }));
        if (got !== null && running) {
          fence = String(got);
          log(`leading (fencing token ${fence})`);
          await options.onGain();
        }
      } else {
        const kept = await call(() => client.eval(RENEW, { keys: [LEASE_KEY, FENCE_KEY], arguments: [owner, String(ttl), fence ?? ''] }));
        if (kept !== 1) await lose('another replica holds the lease');
      }
    } catch (error) {
      // Not sure we still hold it, so we stop acting now, before the lease can pass to another.
      await lose(`cannot renew the lease (${error instanceof Error ? error.message : String(error)})`);
    }
    if (running) timer = setTimeout(schedule, fence === undefined ? retry : ttl / 3);
  };
  const schedule = () => {
    step = step.then(attempt);
  };

  return {
    async start() {
      running = true;
      schedule();
      await step;
    },
    async stop() {
      running = false;
      clearTimeout(timer);
      await step;
      const held = fence;
      await lose('shutting down');
      if (held !== undefined) {
        await call(() => client.eval(RELEASE, { keys: [LEASE_KEY, FENCE_KEY], arguments: [owner] })).catch(() => undefined);
      }
    },
    isLeader: () => fence !== undefined,
    token: () => fence,
  };
}
