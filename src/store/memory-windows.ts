import { bucketOf, type Routes, type SharedWindows, type WindowView } from './shared-windows.js';

/** Claims remembered at most: past it the oldest go (a flood of distinct failures must not grow the heap without end). */
const MAX_CLAIMS = 100_000;

interface Series {
  /** Per second: how many were counted. */
  readonly buckets: Map<number, number>;
  /** Like a Redis key's PEXPIRE: the series is gone after this unless added to again. */
  expiresAt: number;
}

interface NumberWindows {
  readonly series: Map<string, Series>;
  raised: Set<string>;
}

/** True where `key` was free (never claimed, or its claim expired); insertion order is expiry order (one TTL per ingest). */
function claimOne(claims: Map<string, number>, key: string, ttlMs: number, at: number): boolean {
  const until = claims.get(key);
  if (until !== undefined && until > at) return false;
  claims.delete(key);
  claims.set(key, at + ttlMs);
  if (claims.size > MAX_CLAIMS) {
    for (const [k, expires] of claims) {
      if (expires > at && claims.size <= MAX_CLAIMS * 0.9) break;
      claims.delete(k);
    }
  }
  return true;
}

/** Sums the buckets after `since`'s second and drops the older ones, as redis-windows.ts's script does. */
function total(series: Series, since: number): number {
  const first = bucketOf(since);
  let sum = 0;
  for (const [second, n] of series.buckets) {
    if (second <= first) series.buckets.delete(second);
    else sum += n;
  }
  return sum;
}

function addTo(w: NumberWindows, tallied: ReadonlyArray<readonly [string, number]>, expiresAt: number): void {
  for (const [name, at] of tallied) {
    const s = w.series.get(name) ?? { buckets: new Map<number, number>(), expiresAt };
    s.expiresAt = expiresAt;
    w.series.set(name, s);
    s.buckets.set(bucketOf(at), (s.buckets.get(bucketOf(at)) ?? 0) + 1);
  }
}

/**
 * The webhook windows of one process (SQLite or memory stores), with exactly the behaviour of the
 * Redis ones (test/webhook-windows-contract.ts). Every call answers at once; nothing here can fail.
 */
export function createMemoryWindows(options: { readonly now?: () => number } = {}): SharedWindows {
  const now = options.now ?? Date.now;
  const claims = new Map<string, number>();
  const windows = new Map<string, NumberWindows>();
  /** Numbers with counts or raised codes, as Redis's listing set: joined by add(), left by setRaised(…, empty). */
  const listed = new Set<string>();
  const routes: Routes = { phoneIds: new Map(), wabas: new Map() };
  const windowsOf = (number: string): NumberWindows => {
    const w = windows.get(number) ?? { series: new Map(), raised: new Set<string>() };
    windows.set(number, w);
    return w;
  };

  return {
    claim: async (keys, ttlMs) => {
      const at = now();
      return keys.map((key) => claimOne(claims, key, ttlMs, at));
    },
    add: async (number, tallied, keepMs) => {
      if (tallied.length === 0) return;
      listed.add(number);
      addTo(windowsOf(number), tallied, now() + keepMs);
    },
    read: async (number, sinceOf): Promise<WindowView> => {
      const w = windows.get(number);
      const counts = new Map<string, number>();
      if (!w) return { counts, raised: new Set() };
      const at = now();
      for (const [name, s] of w.series) {
        const n = s.expiresAt > at ? total(s, sinceOf(name)) : 0;
        if (n > 0) counts.set(name, n);
        else w.series.delete(name);
      }
      const raised = new Set(w.raised);
      if (w.series.size === 0 && w.raised.size === 0) windows.delete(number);
      return { counts, raised };
    },
    setRaised: async (number, raised, empty) => {
      if (raised.length > 0) {
        listed.add(number);
        windowsOf(number).raised = new Set(raised);
        return;
      }
      if (empty) listed.delete(number);
      const w = windows.get(number);
      if (w) w.raised = new Set();
      if (w?.series.size === 0) windows.delete(number);
    },
    numbers: async () => [...listed],
    learn: async (number, phoneNumberId, wabaId) => {
      if (phoneNumberId) routes.phoneIds.set(phoneNumberId, number);
      if (wabaId) routes.wabas.set(number, wabaId);
    },
    routes: async () => ({ phoneIds: new Map(routes.phoneIds), wabas: new Map(routes.wabas) }),
    close: async () => {
      for (const kept of [claims, windows, listed, routes.phoneIds, routes.wabas]) kept.clear();
    },
  };
}
