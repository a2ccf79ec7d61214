/**
 * What replicas share about webhooks, so that any of them can receive 360dialog's calls: which
 * statuses were already counted, the failure counts of each window, which codes are raised, and
 * the phone number / WABA ids learnt from the leader's polls. Backed by Redis (src/store/); without
 * it (SQLite, memory) the aggregator keeps all of this in the one process.
 */
export interface SharedWindows {
  /** Claims each dedupe key for ttlMs; true where this call was the first to claim it, on any replica. */
  claim(keys: readonly string[], ttlMs: number): Promise<boolean[]>;
  /** Adds counted events to a number's windows: each is a series ("statuses" or an error code) and a time. */
  add(number: string, tallied: ReadonlyArray<readonly [series: string, at: number]>, keepMs: number): Promise<void>;
  /** A number's counts per series since the given time (older counts are dropped), and its raised codes. */
  read(number: string, sinceOf: (series: string) => number): Promise<{ counts: Map<string, number>; raised: Set<string> }>;
  /** Writes a number's raised codes; with none raised and nothing counted, it is forgotten. */
  setRaised(number: string, raised: readonly string[], empty: boolean): Promise<void>;
  /** Every number with counts or raised codes, on any replica. */
  numbers(): Promise<string[]>;
  /** Routing learnt from polls: phone number id → number, number → WABA id. */
  learn(number: string, phoneNumberId: string | undefined, wabaId: string | undefined): Promise<void>;
  routes(): Promise<{ phoneIds: Map<string, string>; wabas: Map<string, string> }>;
  close(): Promise<void>;
}
