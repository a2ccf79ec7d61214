/**
 * Which replica does the work that must happen once: polls, ticks and Slack delivery. With a
 * Redis store, the holder of the Redis lease; with SQLite or memory, this process, always (one
 * process owns those stores). Slack and webhooks are served by every replica; what a follower
 * changes reaches the leader's notifier as a Redis pub/sub "changed" message, and whatever a
 * message misses (say, during a failover) the new leader's notifier finds by scanning the store
 * when it starts.
 */
import type { Fence } from '../store/redis.js';
import type { RedisClient, RedisConnection } from '../store/redis-client.js';
import { createLease, FENCE_KEY } from './lease.js';

const CHANNEL = 'wa-health:changed';

export interface LeadershipHooks {
  /** This replica now leads: start the work. */
  onGain: () => Promise<void> | void;
  /** This replica no longer leads (or is shutting down): stop the work at once. */
  onLose: (why: string) => Promise<void> | void;
  /** A record changed (on this replica or another) and this replica leads: deliver it. */
  onChanged: (number: string, worth?: number) => void;
}

export interface Leadership {
  /** For the store: the leader's writes carry its fencing token. Undefined without Redis. */
  readonly fence?: Fence;
  start(hooks: LeadershipHooks): Promise<void>;
  stop(): Promise<void>;
  isLeader(): boolean;
  /** Says a record changed, so the leader (wherever it runs) delivers its effects. */
  changed(number: string, worth?: number): void;
}

/**
 * With a Redis connection (the replica's command connection: lease calls and publishes share it), the
 * lease decides; without one (SQLite, memory), this process leads. Subscribing takes a connection of
 * its own, opened at start and closed with the connection.
 */
export function createLeadership(redis: RedisConnection | undefined, log: (message: string) => void, ttlMs?: number): Leadership {
  if (!redis) return soleLeader();
  let hooks: LeadershipHooks | undefined;
  let subscriber: RedisClient | undefined;
  const lease = createLease({
    redis,
    ...(ttlMs !== undefined ? { ttlMs } : {}),
    log,
    onGain: () => hooks?.onGain(),
    onLose: (why) => hooks?.onLose(why),
  });
  return {
    fence: { key: FENCE_KEY, token: () => lease.token() },
    async start(given) {
      hooks = given;
      const sub = await redis.subscriber();
      subscriber = sub;
      await redis.call(() =>
        sub.subscribe(CHANNEL, (number) => {
          if (lease.isLeader()) hooks?.onChanged(number);
        }),
      );
      await lease.start();
    },
    async stop() {
      await lease.stop();
      if (subscriber?.isOpen) subscriber.destroy();
    },
    isLeader: () => lease.isLeader(),
    changed(number, worth) {
      if (lease.isLeader()) hooks?.onChanged(number, worth);
      // A lost message is found by the next leader's scan; the click itself is already stored.
      else
        redis
          .call(() => redis.client.publish(CHANNEL, number))
          .catch((error: unknown) => log(`could not tell the leader about ${number}: ${String(error)}`));
    },
  };
}

function soleLeader(): Leadership {
  let hooks: LeadershipHooks | undefined;
  // Always leading: a fence would guard against no one.
  return {
    async start(given) {
      hooks = given;
      await given.onGain();
    },
    // The bot's own stop ends the work; there is no lease to hand over.
    async stop() {},
    isLeader: () => true,
    changed: (number, worth) => hooks?.onChanged(number, worth),
  };
}
