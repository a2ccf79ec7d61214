/**
 * What the webhook ingest remembers, as a port with one implementation per backend: in memory
 * (memory-windows.ts: SQLite or memory stores, one process) and in Redis (redis-windows.ts: every
 * replica sees the same windows, so any of them can take 360dialog's calls), the Redis one behind a
 * failover to memory (failover-windows.ts). The ingest has one code path whichever it is given;
 * test/webhook-windows-contract.ts holds both to the same behaviour.
 */
export interface SharedWindows {
  /** Claims each dedupe key for ttlMs; true where this call was the first to claim it (on any replica). */
  claim(keys: readonly string[], ttlMs: number): Promise<boolean[]>;
  /** Adds counted events to a number's windows: each is a series ("statuses" or an error code) and a time. */
  add(number: string, tallied: ReadonlyArray<readonly [series: string, at: number]>, keepMs: number): Promise<void>;
  /** A number's counts per series since the given time (older counts are dropped), and its raised codes. */
  read(number: string, sinceOf: (series: string) => number): Promise<WindowView>;
  /** Writes a number's raised codes; with none raised and nothing counted (`empty`), it is forgotten. */
  setRaised(number: string, raised: readonly string[], empty: boolean): Promise<void>;
  /** Every number with counts or raised codes. */
  numbers(): Promise<string[]>;
  /** Routing learnt from polls: phone number id → number, number → WABA id. */
  learn(number: string, phoneNumberId: string | undefined, wabaId: string | undefined): Promise<void>;
  routes(): Promise<Routes>;
  close(): Promise<void>;
}

export interface WindowView {
  readonly counts: Map<string, number>;
  readonly raised: Set<string>;
}

export interface Routes {
  readonly phoneIds: Map<string, string>;
  readonly wabas: Map<string, string>;
}

/**
 * Counts are kept per second (a bucket per series and second), so a window of thousands of statuses a
 * second is a few hundred buckets, not one entry per status; an event in second S counts while S is
 * after the window's start second.
 */
export const BUCKET_MS = 1000;
export const bucketOf = (at: number): number => Math.floor(at / BUCKET_MS);
