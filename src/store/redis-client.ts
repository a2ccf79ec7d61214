/**
 * The one way the bot opens Redis (the only `redis` importer). A replica holds two connections:
 *
 * - **commands**, shared by the store (redis.ts), the webhook windows (redis-windows.ts), the lease
 *   and leadership's publish. Sharing is safe because nothing here keeps state on a connection: no
 *   WATCH (compare-and-set and fencing are single Lua scripts, atomic whichever connection sends them),
 *   no SELECT after connecting, and a MULTI is queued whole. Fencing does not depend on which socket a
 *   write takes either: the script compares the token in Redis with the writer's own. The cost is one
 *   queue: a lease renewal waits behind the store's replies (pages of 1,000 keys) — milliseconds,
 *   against a deadline of a third of the lease.
 * - **pub/sub**, for leadership's "changed" messages: a subscribed connection can run nothing else.
 *
 * Both use one reconnect backoff and one error handling; every call has a deadline (`call`).
 */
import { createClient } from 'redis';
import { backoffMs } from '../timing/backoff.js';
import { withTimeout } from '../timing/timeout.js';
import { StoreError } from './types.js';

export type RedisClient = ReturnType<typeof newClient>;

/** Longest a call may take by default: a hung Redis must surface as an error, not as a bot that waits forever. */
export const DEFAULT_TIMEOUT_MS = 3000;
/** Between reconnection attempts; jittered, so replicas cut off together do not all return in the same millisecond. */
const RECONNECT = { firstMs: 100, maxMs: 2000 } as const;
/** How the connections show in CLIENT LIST. */
export const CLIENT_NAME = 'wa-health';

export const isRedisUrl = (url: string): boolean => /^rediss?:\/\//i.test(url);

export interface RedisConnection {
  /** scheme://host:port[/db]: what may be logged (the URL itself may carry a password). */
  readonly label: string;
  /** The shared command connection. */
  readonly client: RedisClient;
  /** Runs `op` within `ms` (the connection's own deadline by default), or rejects with a TIMEOUT BotError. */
  call<R>(op: () => Promise<R>, ms?: number): Promise<R>;
  /** The last socket error while the connection is not ready ('' when it is): why calls fail. */
  why(): string;
  /** A second, connected client for SUBSCRIBE; closed with this connection. */
  subscriber(): Promise<RedisClient>;
  close(): Promise<void>;
}

export interface RedisConnectionOptions {
  /** Per-call deadline and connect timeout. */
  readonly timeoutMs?: number;
}

/** Only scheme, host, port and database: never user or password. */
export function redisLabel(url: string): string {
  const parsed = new URL(url);
  return `${parsed.protocol}//${parsed.hostname}:${parsed.port || 6379}${parsed.pathname.length > 1 ? parsed.pathname : ''}`;
}

function newClient(url: string, name: string, timeoutMs: number, onError: (error: unknown) => void) {
  const client = createClient({
    url,
    name,
    // While Redis is away, fail at once rather than queueing commands that would replay later.
    disableOfflineQueue: true,
    socket: { connectTimeout: timeoutMs, reconnectStrategy: (retries) => backoffMs(RECONNECT, retries + 1) },
  });
  // An unheard 'error' event kills the process; every failure also reaches the caller of the command.
  client.on('error', onError);
  return client;
}

/** Connects (or throws a StoreError saying why): a replica that cannot reach its store must not start. */
export async function openRedis(url: string, options: RedisConnectionOptions = {}): Promise<RedisConnection> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const label = redisLabel(url);
  let lastError = '';
  const make = (name: string) =>
    newClient(url, name, timeoutMs, (error) => {
      lastError = messageOf(error);
    });
  const client = make(CLIENT_NAME);
  const opened: RedisClient[] = [client];
  const call = <R>(op: () => Promise<R>, ms = timeoutMs) => withTimeout(op, ms, 'Redis gave no answer');
  const close = async () => {
    for (const c of opened.splice(0)) {
      // A client still reconnecting to a gone Redis would wait forever to close politely.
      if (c.isReady) await call(() => c.close()).catch(() => undefined);
      if (c.isOpen) c.destroy();
    }
  };
  try {
    await call(async () => {
      await client.connect();
      await client.ping();
    });
  } catch (error) {
    await close();
    const why = messageOf(error) + (lastError ? ` — ${lastError}` : '');
    throw new StoreError(`store ${label} is unavailable: connect failed (${why})`, { cause: error });
  }
  return {
    label,
    client,
    call,
    why: () => (client.isReady ? '' : lastError),
    async subscriber() {
      const sub = make(`${CLIENT_NAME}-pubsub`);
      opened.push(sub);
      await call(() => sub.connect());
      return sub;
    },
    close,
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
