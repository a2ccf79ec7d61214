/**
 * The Redis backend, for several replicas sharing one store. It talks to Redis through the
 * `redis` client directly rather than keyv's adapter: keyv has no compare-and-set (WATCH/MULTI
 * or scripts), no per-command deadline, and its listing would need SCAN on the client anyway.
 * Values are JSON strings under "wa-health:<key>"; each key's version (bumped by every write)
 * lives under "wa-health-v:<key>", outside the namespace, so listings never see it.
 */
import type { RedisConnection } from './redis-client.js';
import { type KeyValueStore, StoreError, type Versioned, type VersionedWrite } from './types.js';

const HEAD = 'wa-health:';
const VERSION = 'wa-health-v:';
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
  fence?: Fence;
  /** Told when the store stops answering (error) and when it answers again (info), once per change. */
  log?: (level: 'info' | 'error', message: string) => void;
  /** The store opened the connection itself (kv.ts without a shared one), so it closes it too. */
  ownsConnection?: boolean;
}

type Client = RedisConnection['client'];

const decode = <T>(raw: string | null | undefined): T | undefined => (raw == null ? undefined : (JSON.parse(raw) as T));

/** Every key under `prefix`, in key order. SCAN may return a key twice; MATCH is a glob, so its special characters are escaped. */
async function keysUnder(client: Client, prefix: string): Promise<string[]> {
  const found = new Set<string>();
  const match = `${HEAD}${prefix.replace(/[*?[\]\\]/g, '\\$&')}*`;
  for await (const page of client.scanIterator({ MATCH: match, COUNT: PAGE })) for (const key of page) found.add(key);
  return [...found].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).map((key) => key.slice(HEAD.length));
}

/**
 * The compare-and-set. A write made while this replica believes it leads carries its token and is
 * refused once the token is stale; other writes (a Slack click on any replica) carry none and are not fenced.
 */
async function commit(client: Client, label: string, fence: Fence | undefined, writes: readonly VersionedWrite[]): Promise<boolean> {
  const token = fence?.token();
  const keys = [fence && token !== undefined ? fence.key : ''];
  const args = [token ?? ''];
  for (const w of writes) {
    keys.push(HEAD + w.key, VERSION + w.key);
    args.push(String(w.version), w.value === undefined ? 'd' : 's', w.value === undefined ? '' : JSON.stringify(w.value));
  }
  const reply = await client.eval(COMMIT, { keys, arguments: args });
  if (reply === -1) throw new StoreError(`store ${label}: the lease moved to another replica, so this write was refused`);
  return reply === 1;
}

/** Plain writes still bump versions, so a concurrent compare-and-set sees them. */
async function force(client: Client, entries: ReadonlyArray<readonly [string, unknown]>): Promise<void> {
  if (entries.length === 0) return;
  const multi = client.multi();
  for (const [key, value] of entries) {
    if (value === undefined) multi.del(HEAD + key);
    else multi.set(HEAD + key, JSON.stringify(value));
    multi.incr(VERSION + key);
  }
  await multi.exec();
}

/** Values and versions of many keys, read in one MULTI: at the same instant. */
async function readVersions<T>(client: Client, keys: readonly string[]): Promise<Map<string, Versioned<T>>> {
  const unique = [...new Set(keys)];
  if (unique.length === 0) return new Map();
  const multi = client.multi();
  for (const key of unique) multi.get(HEAD + key).get(VERSION + key);
  const replies = (await multi.exec()) as unknown as Array<string | null>;
  return new Map(unique.map((key, i) => [key, { value: decode<T>(replies[2 * i]), version: Number(replies[2 * i + 1] ?? 0) }] as const));
}

/**
 * Every call within the connection's deadline, a failure as a StoreError; the outage is told once when
 * it begins and once when the store answers again (readiness fails meanwhile).
 */
function guarded(redis: RedisConnection, log: NonNullable<RedisStoreOptions['log']>, closed: () => boolean) {
  let healthy = true;
  return async <R>(what: string, op: () => Promise<R>): Promise<R> => {
    if (closed()) throw new StoreError(`store ${redis.label} is closed: cannot ${what}`);
    try {
      const result = await redis.call(op);
      if (!healthy) log('info', `store ${redis.label} answers again`);
      healthy = true;
      return result;
    } catch (error) {
      if (error instanceof StoreError) throw error;
      const why = messageOf(error) + (redis.why() ? ` — ${redis.why()}` : '');
      if (healthy) log('error', `store ${redis.label} is unavailable: ${what} failed (${why}); readiness fails until it answers`);
      healthy = false;
      throw new StoreError(`store ${redis.label} is unavailable: ${what} failed (${why})`, { cause: error });
    }
  };
}

/** The store over a connection it may share with the lease and the webhook windows (redis-client.ts). */
export function createRedisStore(redis: RedisConnection, options: RedisStoreOptions = {}): KeyValueStore {
  const { client, label } = redis;
  let closed = false;
  const guard = guarded(redis, options.log ?? (() => undefined), () => closed);
  const getMany = async <T>(keys: readonly string[]) => {
    const found = new Map<string, T>();
    if (keys.length === 0) return found;
    const values = await client.mGet(keys.map((key) => HEAD + key));
    for (const [i, key] of keys.entries()) if (values[i] != null) found.set(key, decode<T>(values[i]) as T);
    return found;
  };

  return {
    get: <T>(key: string) => guard('get', async () => decode<T>(await client.get(HEAD + key))),
    set: async (key, value) => {
      if (value === undefined) throw new TypeError(`cannot store undefined under "${key}": use delete()`);
      await guard('set', () => force(client, [[key, value]]));
    },
    delete: (key) => guard('delete', () => force(client, [[key, undefined]])),
    keys: (prefix) => guard('list keys', () => keysUnder(client, prefix)),
    entries: async function* <T>(prefix: string) {
      const keys = await guard('list entries', () => keysUnder(client, prefix));
      for (let i = 0; i < keys.length; i += PAGE) {
        // A key deleted between the listing and the read is simply gone.
        const rows = [...(await guard('list entries', () => getMany<T>(keys.slice(i, i + PAGE))))];
        if (rows.length > 0) yield rows;
      }
    },
    getMany: <T>(keys: readonly string[]) => guard('get many', () => getMany<T>(keys)),
    setMany: (entries) => guard('write many', () => force(client, entries)),
    versioned: {
      getMany: <T>(keys: readonly string[]) => guard('read versions', () => readVersions<T>(client, keys)),
      commit: (writes) => guard('compare-and-set', () => commit(client, label, options.fence, writes)),
    },
    close: async () => {
      if (closed) return;
      closed = true;
      if (options.ownsConnection) await redis.close();
    },
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
