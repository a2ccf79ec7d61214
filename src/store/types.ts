import { BotError } from '../errors.js';

/** What every store backend offers, apart from how it is opened (kv.ts). */

export interface KeyValueStore {
  get<T>(key: string): Promise<T | undefined>;
  set<T>(key: string, value: T): Promise<void>;
  delete(key: string): Promise<void>;
  /** Every key that starts with `prefix` (prefix included in the returned keys), any order. */
  keys(prefix: string): Promise<string[]>;
  /** Every key and value under `prefix`, in key order, a page at a time: a restart reads each row once. */
  entries<T>(prefix: string): AsyncGenerator<Array<readonly [string, T]>>;
  /** Values of many keys in one read; missing keys are absent from the map. */
  getMany<T>(keys: readonly string[]): Promise<Map<string, T>>;
  /**
   * Many writes at once (undefined deletes the key). On SQLite all values land in one statement,
   * so one transaction and one commit; deletes, if any, in a second one.
   */
  setMany(entries: ReadonlyArray<readonly [string, unknown]>): Promise<void>;
  /**
   * Present where several processes share the store (Redis): reads with versions, and a write of
   * many keys that lands only if none of their versions moved. SQLite and memory leave it out: one
   * process owns them, and RecordStore's in-process queue already serialises every update.
   */
  versioned?: VersionedOps;
  close(): Promise<void>;
}

export interface Versioned<T> {
  value: T | undefined;
  /** 0 for a key never written. */
  version: number;
}

/** One key of a compare-and-set: the version it was read at, and its new value (undefined deletes). */
export interface VersionedWrite {
  key: string;
  version: number;
  value: unknown;
}

export interface VersionedOps {
  getMany<T>(keys: readonly string[]): Promise<Map<string, Versioned<T>>>;
  /** True when every write landed; false, with nothing written, when another writer got there first. */
  commit(writes: readonly VersionedWrite[]): Promise<boolean>;
}

/** A backend that cannot answer: one of the bot's errors (code STORE_UNAVAILABLE), the backend's own kept as `cause`. */
export class StoreError extends BotError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('STORE_UNAVAILABLE', message, options);
  }
}
