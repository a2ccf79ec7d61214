/**
 * The one key-value store, chosen by STORE_URL. Everything the bot remembers between runs
 * goes through here, so a broken backend must surface as an error — an outage that reads
 * as "no incidents, no history" would make the bot confidently wrong.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { KeyvSqlite } from '@keyv/sqlite';
import Keyv from 'keyv';
import { type Bulk, mapBulk, sqliteBulk } from './bulk.js';
import { createRedisStore, type RedisStoreOptions } from './redis.js';
import { isRedisUrl, openRedis, type RedisConnection } from './redis-client.js';
import { type KeyValueStore, StoreError } from './types.js';

export type { KeyValueStore, Versioned, VersionedOps, VersionedWrite } from './types.js';
export { StoreError } from './types.js';

const NAMESPACE = 'wa-health';
const ACCEPTED = 'sqlite://<path> (e.g. sqlite://data/wa-health.sqlite), redis://host:port[/db], rediss://… or memory://';

export interface StoreOptions extends Omit<RedisStoreOptions, 'ownsConnection'> {
  /** A row that cannot be read back (hand-edited, cut short): it is skipped, and reported here. */
  readonly onMalformed?: (key: string, error: unknown) => void;
  /** Redis: the replica's command connection, shared with the lease and the webhook windows; else one of its own. */
  readonly redis?: RedisConnection;
  /** Redis: the deadline of each call on a connection the store opens itself. */
  readonly timeoutMs?: number;
}

export async function createStore(url: string, options: StoreOptions = {}): Promise<KeyValueStore> {
  if (isRedisUrl(url)) {
    if (options.redis) return createRedisStore(options.redis, options);
    const redis = await openRedis(url, options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {});
    return createRedisStore(redis, { ...options, ownsConnection: true });
  }
  const { keyv, label, sqlite, bulk } = openKeyv(url);
  const store = wrap(keyv, label, bulk, options);
  // SQLite connects lazily; one real read makes a bad path fail here, at startup, rather
  // than on the first incident.
  try {
    await store.get('__probe__');
    // Every write is its own transaction; with the default rollback journal each one waits for
    // an fsync (~1 ms: 10 s for a pass over 10,000 numbers). A write-ahead log with NORMAL sync
    // keeps every committed write across a crash of the process, which is what the outbox needs.
    await sqlite?.query('PRAGMA journal_mode=WAL');
    await sqlite?.query('PRAGMA synchronous=NORMAL');
  } catch (error) {
    await store.close().catch(() => undefined);
    throw error;
  }
  return store;
}

const TABLE = 'wa_health';
/** Rows per page when reading everything back: big enough for few round trips, small enough to stay light. */
const PAGE = 1000;

function openKeyv(url: string): { keyv: Keyv; label: string; bulk: Bulk; sqlite?: KeyvSqlite } {
  // Only the scheme is ever echoed back: the rest of an unknown URL may carry a password.
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
  const options = {
    namespace: NAMESPACE,
    // Keyv skips its prefix for keys that already start with "wa-health:", so "x" and
    // "wa-health:x" would share a row; prefixing ourselves keeps every key distinct.
    useKeyPrefix: false,
    // Without this keyv answers a failed get with undefined — an outage would look empty.
    throwOnErrors: true,
  };
  switch (scheme) {
    case 'sqlite': {
      const given = url.slice('sqlite://'.length);
      if (!url.toLowerCase().startsWith('sqlite://') || given === '') {
        throw new StoreError(`STORE_URL sqlite:// needs a file path: use ${ACCEPTED}`);
      }
      const path = resolve(given);
      const label = `sqlite://${path}`;
      try {
        mkdirSync(dirname(path), { recursive: true });
      } catch (error) {
        throw new StoreError(`store ${label} is unavailable: cannot create its directory (${messageOf(error)})`, { cause: error });
      }
      const sqlite = new KeyvSqlite({ uri: `sqlite://${path}`, table: TABLE, busyTimeout: 5000 });
      return { keyv: new Keyv(sqlite, options), label, sqlite, bulk: sqliteBulk(sqlite, TABLE) };
    }
    case 'memory': {
      const map = new Map<string, unknown>();
      return { keyv: new Keyv(map, options), label: 'memory://', bulk: mapBulk(map) };
    }
    default:
      throw new StoreError(`STORE_URL ${scheme ? `scheme "${scheme}:"` : 'without a scheme'} is not supported: use ${ACCEPTED}`);
  }
}

/** Long because it is the whole KeyValueStore interface over keyv, one short method after another. */
function wrap(keyv: Keyv, label: string, bulk: Bulk, options: StoreOptions): KeyValueStore {
  // Every failure also reaches the caller as a rejection (throwOnErrors), so the event adds
  // nothing. Keyv 5's own emitter drops unheard errors today, but it is a Node
  // EventEmitter in other versions and adapters, where an unheard 'error' kills the process.
  keyv.on('error', () => undefined);
  const head = `${NAMESPACE}:`;
  let closed = false;
  // keyv's own format ({"value": …}, strings starting with ':' escaped), so bulk rows and keyv's agree.
  const encode = async (value: unknown): Promise<string> => String(await keyv.serialize?.({ value, expires: undefined }));
  const decode = async <T>(raw: string): Promise<T> => ((await keyv.deserialize?.<T>(raw)) as { value: T } | undefined)?.value as T;

  const guard = async <R>(what: string, op: () => Promise<R>): Promise<R> => {
    // Checked here because a closed Map would keep answering as if nothing happened.
    if (closed) throw new StoreError(`store ${label} is closed: cannot ${what}`);
    try {
      return await op();
    } catch (error) {
      throw new StoreError(`store ${label} is unavailable: ${what} failed (${messageOf(error)})`, { cause: error });
    }
  };

  return {
    get: <T>(key: string) => guard('get', () => keyv.get<T>(head + key)),
    set: async <T>(key: string, value: T) => {
      // keyv would store {} and read back undefined, leaving a key that keys() still lists.
      if (value === undefined) throw new TypeError(`cannot store undefined under "${key}": use delete()`);
      await guard('set', async () => {
        if (!(await keyv.set(head + key, value))) throw new Error('the backend refused the write');
      });
    },
    delete: (key) => guard('delete', async () => void (await keyv.delete(head + key))),
    keys: (prefix) => guard('list keys', async () => (await bulk.keys(head + prefix)).map((key) => key.slice(head.length))),
    entries: async function* <T>(prefix: string) {
      const pages = bulk.scan(head + prefix, PAGE);
      for (;;) {
        const page = await guard('list entries', () => pages.next());
        if (page.done) return;
        // One unreadable row must not stop a start that lists everything: skip it, say which.
        const decoded = await Promise.all(
          page.value.map(async ([key, raw]) => {
            try {
              return [[key.slice(head.length), await decode<T>(raw)] as const];
            } catch (error) {
              options.onMalformed?.(key.slice(head.length), error);
              return [];
            }
          }),
        );
        yield decoded.flat();
      }
    },
    getMany: <T>(keys: readonly string[]) =>
      guard('get many', async () => {
        const raw = await bulk.getMany(keys.map((key) => head + key));
        const found = new Map<string, T>();
        for (const [key, value] of raw) found.set(key.slice(head.length), await decode<T>(value));
        return found;
      }),
    setMany: async (entries) => {
      await guard('write many', async () => {
        const rows = await Promise.all(
          entries.map(async ([key, value]) => [head + key, value === undefined ? undefined : await encode(value)] as const),
        );
        await bulk.write(rows);
      });
    },
    close: async () => {
      if (closed) return;
      closed = true;
      try {
        await keyv.disconnect();
      } catch (error) {
        throw new StoreError(`store ${label} did not close cleanly (${messageOf(error)})`, { cause: error });
      }
    },
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
