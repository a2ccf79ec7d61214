import type { KeyValueStore } from './types.js';

/**
 * One typed value under one key, kept beside the records: small state that a restart or another replica
 * reads back (the last Partner API listing). Callers never see the key-value store itself.
 */
export interface StoredDocument<T> {
  /** The value last written; undefined when none was, or what is stored is not an object. */
  read(): Promise<T | undefined>;
  write(value: T): Promise<void>;
}

export function createDocument<T extends object>(kv: Pick<KeyValueStore, 'get' | 'set'>, key: string): StoredDocument<T> {
  return {
    async read() {
      const value = await kv.get<T>(key);
      // A hand-edited or older row of another shape reads as nothing rather than as a wrong value.
      return typeof value === 'object' && value !== null ? value : undefined;
    },
    write: (value) => kv.set(key, value),
  };
}
