/**
 * Typed records under one key prefix, with a read-modify-write that cannot lose updates when
 * a Slack command and the poller touch the same record at once.
 */
import { type KeyValueStore, StoreError, type VersionedOps } from './kv.js';

/** Returned by an update's fn to say "nothing changed": nothing is written. */
export const UNCHANGED: unique symbol = Symbol('unchanged');

export type Updater<T> = (current: T | undefined) => T | undefined | typeof UNCHANGED | Promise<T | undefined | typeof UNCHANGED>;

export interface RecordStore<T> {
  get(id: string): Promise<T | undefined>;
  /**
   * Read-modify-write of one record, serialised per id inside this process: concurrent updates of the same id never lose a
   * write. `fn` gets undefined for a missing record; returning undefined deletes it, UNCHANGED writes nothing. Resolves
   * with the record as it now is.
   */
  update(id: string, fn: Updater<T>): Promise<T | undefined>;
  /**
   * Several updates read in one query and written in one transaction, each serialised with every other update of its id
   * exactly as `update` is. A fn that throws fails only its own entry; a failed write fails them all (nothing written).
   */
  updateMany(updates: ReadonlyArray<{ readonly id: string; readonly fn: Updater<T> }>): Promise<Array<PromiseSettledResult<T | undefined>>>;
  ids(): Promise<string[]>;
  /** Every record, a page at a time, read in one pass over the store. */
  entries(): AsyncGenerator<Array<readonly [string, T]>>;
}

// Queues are per store and key rather than per RecordStore, so two RecordStores over the same
// prefix still take turns. Each entry is the settled-never-rejects tail of that key's queue.
const queues = new WeakMap<KeyValueStore, Map<string, Promise<void>>>();

/** One closure, longer than most: every method of the RecordStore shares the key's queue and the codec. */
export function createRecordStore<T>(kv: KeyValueStore, prefix: string): RecordStore<T> {
  const pending = queues.get(kv) ?? new Map<string, Promise<void>>();
  queues.set(kv, pending);
  const head = `${prefix}:`;
  // Encoded ids never contain ':', which keeps "a:b" apart from id "b" under prefix "a".
  const keyOf = (id: string) => head + encodeURIComponent(id);
  const idOf = (key: string): string | undefined => {
    const rest = key.slice(head.length);
    // A remaining ':' means the key belongs to a longer prefix such as "incident:archive".
    return rest.includes(':') ? undefined : decodeURIComponent(rest);
  };

  /**
   * Takes a turn in the queue of every key at once, synchronously (no await before this), so call
   * order is queue order for every key: two batches sharing keys wait in the same order everywhere
   * and cannot deadlock. Resolves when all earlier turns are done; call the release when finished.
   */
  const takeTurns = (keys: Iterable<string>): { ready: Promise<unknown>; release: () => void } => {
    let release = () => {};
    const done = new Promise<void>((resolve) => (release = resolve));
    const before: Promise<void>[] = [];
    for (const key of keys) {
      before.push(pending.get(key) ?? Promise.resolve());
      pending.set(key, done);
      void done.then(() => {
        if (pending.get(key) === done) pending.delete(key);
      });
    }
    return { ready: Promise.all(before), release };
  };

  /** A copy, so a fn that mutates and then throws leaves nothing half-changed behind. */
  const copy = (value: T | undefined) => (value === undefined ? undefined : structuredClone(value));
  const apply = kv.versioned ? optimistic<T>(kv.versioned, copy) : undefined;

  return {
    get: async (id) => kv.get<T>(keyOf(id)),

    async update(id, fn) {
      const key = keyOf(id);
      const turn = takeTurns([key]);
      try {
        await turn.ready;
        if (apply) {
          const [result] = await apply([{ key, fn }], true);
          if (result?.status === 'rejected') throw result.reason;
          return result?.value;
        }
        const current = await kv.get<T>(key);
        const next = await fn(copy(current));
        if (next === UNCHANGED) return current;
        if (next === undefined) await kv.delete(key);
        else await kv.set(key, next);
        return next;
      } finally {
        turn.release();
      }
    },

    async updateMany(updates) {
      const keys = updates.map((u) => keyOf(u.id));
      const turn = takeTurns(new Set(keys));
      try {
        await turn.ready;
        if (apply)
          return await apply(
            updates.map((u, i) => ({ key: keys[i] as string, fn: u.fn })),
            false,
          );
        const values = new Map<string, T | undefined>(await kv.getMany<T>([...new Set(keys)]));
        const { results, changed } = await runAll(
          updates.map((u, i) => ({ key: keys[i] as string, fn: u.fn })),
          values,
          copy,
        );
        if (changed.size > 0) await kv.setMany([...changed].map((key) => [key, values.get(key)] as const));
        return results;
      } finally {
        turn.release();
      }
    },

    async ids() {
      return (await kv.keys(head)).flatMap((key) => idOf(key) ?? []);
    },

    async *entries() {
      for await (const page of kv.entries<T>(head)) {
        yield page.flatMap(([key, value]) => {
          const id = idOf(key);
          return id === undefined ? [] : [[id, value] as const];
        });
      }
    },
  };
}

/** Attempts of one compare-and-set before giving up: enough for a handful of replicas racing on one record. */
const ATTEMPTS = 100;

type Keyed<T> = { readonly key: string; readonly fn: Updater<T> };

/**
 * Runs each fn, in order, on a copy of its key's latest value (an earlier fn's result for a repeated key);
 * `values` ends holding what is to be written, `changed` the keys to write. A fn that throws changes nothing.
 */
async function runAll<T>(updates: ReadonlyArray<Keyed<T>>, values: Map<string, T | undefined>, copy: (v: T | undefined) => T | undefined) {
  const changed = new Set<string>();
  const results: Array<PromiseSettledResult<T | undefined>> = [];
  for (const { key, fn } of updates) {
    try {
      const next = await fn(copy(values.get(key)));
      if (next !== UNCHANGED) {
        values.set(key, next);
        changed.add(key);
      }
      results.push({ status: 'fulfilled', value: values.get(key) });
    } catch (reason) {
      results.push({ status: 'rejected', reason });
    }
  }
  return { results, changed };
}

/**
 * Read with versions, run every fn, write all changed keys in one compare-and-set; when another
 * process wrote one of the keys in between, run the fns again on what it wrote. So fns may run
 * more than once and must not have side effects beyond their return value. `single` makes a
 * throwing fn fail before anything is written, as a lone update should.
 */
function optimistic<T>(ops: VersionedOps, copy: (value: T | undefined) => T | undefined) {
  return async (updates: ReadonlyArray<Keyed<T>>, single: boolean): Promise<Array<PromiseSettledResult<T | undefined>>> => {
    for (let attempt = 1; ; attempt++) {
      const read = await ops.getMany<T>(updates.map((u) => u.key));
      const values = new Map([...read].map(([key, v]) => [key, v.value] as const));
      const { results, changed } = await runAll(updates, values, copy);
      if (changed.size === 0 || (single && results[0]?.status === 'rejected')) return results;
      const writes = [...changed].map((key) => ({ key, version: read.get(key)?.version ?? 0, value: values.get(key) }));
      if (await ops.commit(writes)) return results;
      if (attempt >= ATTEMPTS) {
        throw new StoreError(`update of ${updates.length} record(s) kept conflicting: gave up after ${ATTEMPTS} tries`);
      }
      // A little random wait keeps two racing processes from colliding again at once.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(attempt, 10)));
    }
  };
}
