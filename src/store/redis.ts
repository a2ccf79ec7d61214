/**
 * The Redis backend, for several replicas sharing one store. It talks to Redis through the
 * `redis` client directly rather than keyv's adapter: keyv has no compare-and-set (WATCH/MULTI
 * or scripts), no per-command deadline, and its listing would need SCAN on the client anyway.
 * Values are JSON strings under "wa-health:<key>"; each key's version (bumped by every write)
 * lives under "wa-health-v:<key>", outside the namespace, so listings never see it.
 */
import { createClient } from 'redis';
import { type KeyValueStore, StoreError, type VersionedWrite } from './types.js';

const HEAD = 'wa-health:';
const VERSION = 'wa-health-v:';
/** Longest a store call may take: a hung Redis must surface as an error, not as a bot that waits forever. */
export const DEFAULT_TIMEOUT_MS = 3000;
const PAGE = 1000;

/**
 * Writes every key in one step, but only if no key's version moved since it was read (and, when
 * a fence is given, only if the fencing token is still the one the writer holds). Replies 1 when
 * written, 0 on a version conflict, -1 when fenced out.
 * KEYS: fence key (or ""), then key, version key pairs. ARGV: fence token (or ""), then per key:
 * expected version, "s"/"d" (set or delete), value.
 */
const COMMIT = `
if KEYS[1] ~= '' and redis.call('GET', KEYS[1]) ~= ARGV[1] then return -1 end
local n = (#KEYS - 1) / 2
for i = 1, n do
  local seen = tonumber(redis.call('GET', KEYS[2 * i + 1]) or '0')
  if seen ~= tonumber(ARGV[3 * i - 1]) then return 0 end
end
for i = 1, n do
  if ARGV[3 * i] == 's' then redis.call('SET', KEYS[2 * i], ARGV[3 * i + 1]) else redis.call('DEL', KEYS[2 * i]) end
  redis.call('INCR', KEYS[2 * i + 1])
end
return 1`;

/** A fencing check for writes: the key holding the current token, and the token this writer holds. */
export interface Fence {
  key: string;
  token: () => string | undefined;
}

export interface RedisStoreOptions {
  timeoutMs?: number;
  fence?: Fence;
  /** Told once when Redis stops answering and once when it answers again: an outage must be in the log. */
  /** Told when the store stops answering (error) and when it answers again (info), once per change. */
  log?: (level: 'info' | 'error', message: string) => void;
}

export async function createRedisStore(url: string, options: RedisStoreOptions = {}): Promise<KeyValueStore> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  // Only scheme, host and port are ever echoed: the URL may carry a password.
  const parsed = new URL(url);
  const label = `${parsed.protocol}//${parsed.hostname}:${parsed.port || 6379}${parsed.pathname.length > 1 ? parsed.pathname : ''}`;
  const client = createClient({
    url,
    // While Redis is away, fail at once rather than queueing commands that would replay later.
    disableOfflineQueue: true,
    socket: { connectTimeout: timeoutMs, reconnectStrategy: (tries) => Math.min(100 * 2 ** tries, 2000) },
  });
  // An unheard 'error' event kills the process; every failure also reaches the caller.
  let lastError = '';
  client.on('error', (error: unknown) => {
    lastError = messageOf(error);
  });
  let closed = false;
  let healthy = true;
  const log = options.log ?? (() => undefined);

  const guard = async <R>(what: string, op: () => Promise<R>): Promise<R> => {
    if (closed) throw new StoreError(`store ${label} is closed: cannot ${what}`);
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      const result = await Promise.race([op(), deadline]);
      if (!healthy) log('info', `store ${label} answers again`);
      healthy = true;
      return result;
    } catch (error) {
      if (error instanceof StoreError) throw error;
      const why = messageOf(error) + (lastError && !client.isReady ? ` — ${lastError}` : '');
      if (healthy) log('error', `store ${label} is unavailable: ${what} failed (${why}); readiness fails until it answers`);
      healthy = false;
      throw new StoreError(`store ${label} is unavailable: ${what} failed (${why})`, { cause: error });
    } finally {
      clearTimeout(timer);
    }
  };
  const decode = <T>(raw: string | null | undefined): T | undefined => (raw == null ? undefined : (JSON.parse(raw) as T));
  const sorted = (keys: string[]) => keys.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const keysUnder = async (prefix: string): Promise<string[]> => {
    const found = new Set<string>();
    // SCAN may return a key twice; MATCH is a glob, so its special characters are escaped.
    const match = `${HEAD}${prefix.replace(/[*?[\]\\]/g, '\\$&')}*`;
    for await (const page of client.scanIterator({ MATCH: match, COUNT: PAGE })) for (const key of page) found.add(key);
    return sorted([...found]).map((key) => key.slice(HEAD.length));
  };
  const commit = async (writes: readonly VersionedWrite[]): Promise<boolean> => {
    // A write made while this replica believes it leads carries its token and is refused once the
    // token is stale; other writes (a Slack click on any replica) carry none and are not fenced.
    const token = options.fence?.token();
    const keys = [options.fence && token !== undefined ? options.fence.key : ''];
    const args = [token ?? ''];
    for (const w of writes) {
      keys.push(HEAD + w.key, VERSION + w.key);
      args.push(String(w.version), w.value === undefined ? 'd' : 's', w.value === undefined ? '' : JSON.stringify(w.value));
    }
    const reply = await client.eval(COMMIT, { keys, arguments: args });
    if (reply === -1) throw new StoreError(`store ${label}: the lease moved to another replica, so this write was refused`);
    return reply === 1;
  };
  /** Plain writes still bump versions, so a concurrent compare-and-set sees them. */
  const force = async (entries: ReadonlyArray<readonly [string, unknown]>) => {
    if (entries.length === 0) return;
    const multi = client.multi();
    for (const [key, value] of entries) {
      if (value === undefined) multi.del(HEAD + key);
      else multi.set(HEAD + key, JSON.stringify(value));
      multi.incr(VERSION + key);
    }
    await multi.exec();
  };

  await guard('connect', async () => {
    await client.connect();
    await client.ping();
  }).catch(async (error: unknown) => {
    closed = true;
    await client.destroy();
    throw error;
  });

  return {
    get: <T>(key: string) => guard('get', async () => decode<T>(await client.get(HEAD + key))),
    set: async (key, value) => {
      if (value === undefined) throw new TypeError(`cannot store undefined under "${key}": use delete()`);
      await guard('set', () => force([[key, value]]));
    },
    delete: (key) => guard('delete', () => force([[key, undefined]])),
    keys: (prefix) => guard('list keys', () => keysUnder(prefix)),
    entries: async function* <T>(prefix: string) {
      const keys = await guard('list entries', () => keysUnder(prefix));
      for (let i = 0; i < keys.length; i += PAGE) {
        const page = keys.slice(i, i + PAGE);
        const values = await guard('list entries', () => client.mGet(page.map((key) => HEAD + key)));
        // A key deleted between the listing and the read is simply gone.
        const rows = page.flatMap((key, j) => (values[j] == null ? [] : [[key, decode<T>(values[j]) as T] as const]));
        if (rows.length > 0) yield rows;
      }
    },
    getMany: <T>(keys: readonly string[]) =>
      guard('get many', async () => {
        const found = new Map<string, T>();
        if (keys.length === 0) return found;
        const values = await client.mGet(keys.map((key) => HEAD + key));
        for (const [i, key] of keys.entries()) if (values[i] != null) found.set(key, decode<T>(values[i]) as T);
        return found;
      }),
    setMany: (entries) => guard('write many', () => force(entries)),
    versioned: {
      getMany: <T>(keys: readonly string[]) =>
        guard('read versions', async () => {
          const unique = [...new Set(keys)];
          if (unique.length === 0) return new Map();
          // One MULTI reads every value and its version at the same instant.
          const multi = client.multi();
          for (const key of unique) multi.get(HEAD + key).get(VERSION + key);
          const replies = (await multi.exec()) as unknown as Array<string | null>;
          return new Map(
            unique.map((key, i) => [key, { value: decode<T>(replies[2 * i]), version: Number(replies[2 * i + 1] ?? 0) }] as const),
          );
        }),
      commit: (writes) => guard('compare-and-set', () => commit(writes)),
    },
    close: async () => {
      if (closed) return;
      closed = true;
      // A client still reconnecting to a gone Redis would wait for it to close politely.
      const wait = new Promise((resolve) => setTimeout(resolve, timeoutMs).unref());
      if (client.isReady) await Promise.race([client.close(), wait]).catch(() => undefined);
      if (client.isOpen) client.destroy();
    },
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
