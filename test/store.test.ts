import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createStore, type KeyValueStore, StoreError } from '../src/store/kv.js';
import { createRecordStore } from '../src/store/record-store.js';
import { storeContract } from './store-contract.js';

const dirs: string[] = [];
const freshDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'wa-health-store-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** The error a promise rejects with; fails the test if it resolves instead. */
async function failureOf(promise: Promise<unknown>): Promise<StoreError> {
  const outcome = await promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  if (!('error' in outcome)) throw new Error(`expected a StoreError, got the answer ${JSON.stringify(outcome.value)}`);
  expect(outcome.error).toBeInstanceOf(StoreError);
  const error = outcome.error as StoreError;
  expect(error.code).toBe('STORE_UNAVAILABLE');
  return error;
}

/** Thunks, so each call starts only when the test is ready to catch its rejection. */
const everyCall = (store: KeyValueStore) => [
  () => store.get('incident:a'),
  () => store.set('incident:a', { open: true }),
  () => store.delete('incident:a'),
  () => store.keys('incident:'),
  () => store.entries('incident:').next(),
  () => store.getMany(['incident:a']),
  () => store.setMany([['incident:a', { open: false }]]),
];

storeContract('SQLite', async () => {
  const url = `sqlite://${join(freshDir(), 'test.sqlite')}`;
  return { store: await createStore(url), reopen: () => createStore(url) };
});

storeContract('in-memory', async () => ({ store: await createStore('memory://') }));

describe('a failing SQLite backend', () => {
  it('makes createStore reject when the database file cannot be created', async () => {
    const blocker = join(freshDir(), 'not-a-directory');
    writeFileSync(blocker, 'a regular file where a directory should be');
    const error = await failureOf(createStore(`sqlite://${blocker}/wa-health.sqlite`));
    expect(error.cause).toBeInstanceOf(Error);
  });

  it('makes createStore reject when SQLite itself cannot open the path', async () => {
    const path = join(freshDir(), 'a-directory.sqlite');
    mkdirSync(path);
    const error = await failureOf(createStore(`sqlite://${path}`));
    expect(error.cause).toMatchObject({ code: 'SQLITE_CANTOPEN' });
    expect(error.message).toContain(path);
  });

  it('raises StoreError on every call once the database breaks, never an empty answer', async () => {
    const path = join(freshDir(), 'test.sqlite');
    const store = await createStore(`sqlite://${path}`);
    await store.set('incident:a', { open: true });
    // The database, its write-ahead log and the log index all overwritten under the open connection.
    for (const file of [path, `${path}-wal`, `${path}-shm`]) writeFileSync(file, 'this is not a database '.repeat(500));
    for (const call of everyCall(store)) {
      const error = await failureOf(call());
      expect(error.cause).toMatchObject({ code: expect.stringMatching(/^SQLITE_(NOTADB|CORRUPT|IOERR)/) });
    }
    await store.close().catch(() => undefined);
  });
});

describe('a closed store', () => {
  it.each(['sqlite', 'memory'])('raises StoreError for every call on a closed %s store, and closing again is harmless', async (kind) => {
    const store = await createStore(kind === 'sqlite' ? `sqlite://${join(freshDir(), 'test.sqlite')}` : 'memory://');
    await store.set('incident:a', { open: true });
    await store.close();
    await store.close();
    for (const call of everyCall(store)) expect((await failureOf(call())).message).toMatch(/closed/);
  });
});

describe('STORE_URL', () => {
  it('creates missing parent directories for a SQLite path', async () => {
    const path = join(freshDir(), 'nested', 'deeper', 'wa-health.sqlite');
    const store = await createStore(`sqlite://${path}`);
    await store.set('k', 1);
    await store.close();
    expect(existsSync(path)).toBe(true);
  });

  it('reads a relative SQLite path from the working directory', async () => {
    const path = join(freshDir(), 'relative.sqlite');
    const store = await createStore(`sqlite://${relative(process.cwd(), path)}`);
    await store.close();
    expect(existsSync(path)).toBe(true);
  });

  it.each(['redis://127.0.0.1:1', 'rediss://127.0.0.1:1/0'])('reports %s, where nothing listens, as a StoreError', async (url) => {
    const error = await failureOf(createStore(url));
    expect(error.message).toContain('127.0.0.1:1');
  });

  it('never puts the password of a Redis URL into the error', async () => {
    const error = await failureOf(createStore('redis://bot:hunter2-secret@127.0.0.1:1'));
    expect(`${error.message} ${String(error)} ${error.stack ?? ''}`).not.toContain('hunter2');
  });

  it.each(['ftp://files.example.com/store', 'postgres://db/wa', 'data/wa-health.sqlite', 'sqlite://', 'sqlite:data.sqlite', ''])(
    'turns away %j, naming STORE_URL and the accepted forms',
    async (url) => {
      const error = await failureOf(createStore(url));
      expect(error.message).toContain('STORE_URL');
      expect(error.message).toContain('sqlite://<path>');
    },
  );

  it.each(['postgres://bot:hunter2-secret@db.example.com/wa', 'https://bot:hunter2-secret@example.com/x'])(
    'never puts the password of %s into the error',
    async (url) => {
      const error = await failureOf(createStore(url));
      expect(`${error.message} ${String(error)} ${error.stack ?? ''}`).not.toContain('hunter2');
      expect(error.message).not.toContain('example.com');
    },
  );
});

describe('a RecordStore over a backend that hands out live objects', () => {
  // SQLite and keyv's memory store serialise, so they return copies anyway; a backend that
  // keeps objects (a plain Map) would not, and the record store must not depend on that.
  const liveMap = (): KeyValueStore => {
    const map = new Map<string, unknown>();
    return {
      get: async <T>(key: string) => map.get(key) as T | undefined,
      set: async (key, value) => void map.set(key, value),
      delete: async (key) => void map.delete(key),
      keys: async (prefix) => [...map.keys()].filter((k) => k.startsWith(prefix)),
      async *entries<T>(prefix: string) {
        yield [...map].filter(([k]) => k.startsWith(prefix)) as Array<[string, T]>;
      },
      getMany: async <T>(keys: readonly string[]) => new Map(keys.filter((k) => map.has(k)).map((k) => [k, map.get(k) as T])),
      setMany: async (entries) => {
        for (const [k, v] of entries) v === undefined ? map.delete(k) : map.set(k, v);
      },
      close: async () => {},
    };
  };

  it('leaves the stored record untouched when fn mutates its argument and then throws', async () => {
    const counters = createRecordStore<{ count: number }>(liveMap(), 'counter');
    await counters.update('a', () => ({ count: 1 }));
    await expect(
      counters.update('a', (c) => {
        if (c) c.count = 99;
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(await counters.get('a')).toEqual({ count: 1 });
  });
});
