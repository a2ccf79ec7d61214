import { type Claims, createClaims } from './claims.js';
import { createDocument, type StoredDocument } from './document.js';
import { createStore, type StoreOptions } from './kv.js';
import { createRecordStore, type RecordStore } from './record-store.js';

const PROBE_KEY = '__ready__';

/**
 * The store as the rest of the bot sees it: typed records and documents over the one backend STORE_URL
 * names. The raw key-value store stays inside store/, so every row the bot writes has one owner here.
 */
export interface Store {
  /** Records under `prefix` (one row each), updated whole and serialised per id. */
  records<T>(prefix: string): RecordStore<T>;
  /** One typed value under one key. */
  document<T extends object>(key: string): StoredDocument<T>;
  /** First-claim-wins ids under `prefix`, each kept `ttlMs` (a Slack delivery acted on once, on any replica). */
  claims(prefix: string, ttlMs: number): Claims;
  /** Why the store cannot take a write now (a full disk, a read-only file, Redis gone); undefined when it can. */
  probe(): Promise<string | undefined>;
  close(): Promise<void>;
}

export async function openStore(url: string, options: StoreOptions = {}): Promise<Store> {
  const kv = await createStore(url, options);
  return {
    records: (prefix) => createRecordStore(kv, prefix),
    document: (key) => createDocument(kv, key),
    claims: (prefix, ttlMs) => createClaims(kv, prefix, ttlMs),
    async probe() {
      // A write, not only a read: a full disk or a read-only file shows here.
      return kv.set(PROBE_KEY, Date.now()).then(
        () => undefined,
        (error: unknown) => `the store refuses writes: ${String(error)}`,
      );
    },
    close: () => kv.close(),
  };
}
