/**
 * Typed records under one key prefix, with a read-modify-write that cannot lose updates when
 * a Slack command and the poller touch the same record at once.
 */
import type { KeyValueStore } from './kv.js';

export interface RecordStore<T> {
  get(id: string): Promise<T | undefined>;
  /** Read-modify-write of one record, serialised per id inside this process: concurrent updates of the same id never lose a write. `fn` gets undefined for a missing record; returning undefined deletes it. Resolves with what was written. */
  update(id: string, fn: (current: T | undefined) => T | undefined | Promise<T | undefined>): Promise<T | undefined>;
  ids(): Promise<string[]>;
}

// Queues are per store and key rather than per RecordStore, so two RecordStores over the same
// prefix still take turns. Each entry is the settled-never-rejects tail of that key's queue.
const queues = new WeakMap<KeyValueStore, Map<string, Promise<void>>>();

export function createRecordStore<T>(kv: KeyValueStore, prefix: string): RecordStore<T> {
  const pending = queues.get(kv) ?? new Map<string, Promise<void>>();
  queues.set(kv, pending);
  const head = `${prefix}:`;
  // Encoded ids never contain ':', which keeps "a:b" apart from id "b" under prefix "a".
  const keyOf = (id: string) => head + encodeURIComponent(id);

  return {
    get: async (id) => kv.get<T>(keyOf(id)),

    async update(id, fn) {
      const key = keyOf(id);
      const run = async () => {
        const current = await kv.get<T>(key);
        // A copy, so a fn that mutates and then throws leaves nothing half-changed behind.
        const next = await fn(current === undefined ? undefined : structuredClone(current));
        if (next === undefined) await kv.delete(key);
        else await kv.set(key, next);
        return next;
      };
      // Chained synchronously (no await before this), so call order is queue order.
      const result = (pending.get(key) ?? Promise.resolve()).then(run);
      const tail = result.then(
        () => undefined,
        () => undefined,
      );
      pending.set(key, tail);
      void tail.then(() => {
        if (pending.get(key) === tail) pending.delete(key);
      });
      return result;
    },

    async ids() {
      const keys = await kv.keys(head);
      // A remaining ':' means the key belongs to a longer prefix such as "incident:archive".
      return keys
        .map((key) => key.slice(head.length))
        .filter((rest) => !rest.includes(':'))
        .map((rest) => decodeURIComponent(rest));
    },
  };
}
