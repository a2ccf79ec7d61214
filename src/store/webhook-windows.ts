/**
 * The webhooks' shared state: the port (`SharedWindows`) and its Redis implementation. Counts are kept in
 * one-second buckets (a hash per number and series, field = second, value = count), so a window
 * of thousands of statuses a second is a few hundred fields, not one member per status.
 */
import { createClient } from 'redis';

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

const HEAD = 'wa-health-wh:';
const NUMBERS = `${HEAD}numbers`;
const PHONE_IDS = `${HEAD}phone-ids`;
const WABAS = `${HEAD}wabas`;
const BUCKET_MS = 1000;
const TIMEOUT_MS = 3000;
const seriesKey = (number: string) => `${HEAD}series:${number}`;
const countKey = (number: string, series: string) => `${HEAD}count:${number}:${series}`;
const raisedKey = (number: string) => `${HEAD}raised:${number}`;

/** Sums the buckets after ARGV[1] and drops the older ones. */
const COUNT = `
local total = 0
local all = redis.call('HGETALL', KEYS[1])
for i = 1, #all, 2 do
  if tonumber(all[i]) <= tonumber(ARGV[1]) then redis.call('HDEL', KEYS[1], all[i]) else total = total + tonumber(all[i + 1]) end
end
return total`;

/** The shared webhook state for a Redis STORE_URL; undefined for SQLite and memory (one process, counting alone). */
export async function createWebhookWindows(url: string): Promise<SharedWindows | undefined> {
  return /^rediss?:\/\//i.test(url) ? createRedisWebhookWindows(url) : undefined;
}

export async function createRedisWebhookWindows(url: string): Promise<SharedWindows> {
  const client = createClient({
    url,
    disableOfflineQueue: true,
    socket: { connectTimeout: TIMEOUT_MS, reconnectStrategy: (tries) => Math.min(100 * 2 ** tries, 2000) },
  });
  // Failures reach the caller (the webhook ingest logs them); an unheard 'error' would kill the process.
  client.on('error', () => undefined);
  await client.connect();
  const timed = async <R>(op: () => Promise<R>): Promise<R> => {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`Redis gave no answer within ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
    });
    try {
      return await Promise.race([op(), late]);
    } finally {
      clearTimeout(timer);
    }
  };
  const known = { phoneIds: new Map<string, string>(), wabas: new Map<string, string>() };

  return {
    claim: (keys, ttlMs) =>
      timed(async () => {
        if (keys.length === 0) return [];
        const multi = client.multi();
        for (const key of keys) multi.set(`${HEAD}seen:${key}`, '1', { NX: true, PX: Math.round(ttlMs) });
        return ((await multi.exec()) as unknown[]).map((reply) => reply === 'OK');
      }),
    add: (number, tallied, keepMs) =>
      timed(async () => {
        if (tallied.length === 0) return;
        const multi = client.multi().sAdd(NUMBERS, number);
        for (const [series, at] of tallied) {
          multi.sAdd(seriesKey(number), series).hIncrBy(countKey(number, series), String(Math.floor(at / BUCKET_MS)), 1);
          multi.pExpire(countKey(number, series), Math.round(keepMs));
        }
        await multi.exec();
      }),
    read: (number, sinceOf) =>
      timed(async () => {
        const [series, raised] = await Promise.all([client.sMembers(seriesKey(number)), client.sMembers(raisedKey(number))]);
        const counts = new Map<string, number>();
        for (const s of series) {
          const since = String(Math.floor(sinceOf(s) / BUCKET_MS));
          const n = Number(await client.eval(COUNT, { keys: [countKey(number, s)], arguments: [since] }));
          if (n > 0) counts.set(s, n);
          else await client.sRem(seriesKey(number), s);
        }
        return { counts, raised: new Set(raised) };
      }),
    setRaised: (number, raised, empty) =>
      timed(async () => {
        const multi = client.multi().del(raisedKey(number));
        if (raised.length > 0) multi.sAdd(raisedKey(number), [...raised]);
        else if (empty) multi.sRem(NUMBERS, number);
        await multi.exec();
      }),
    numbers: () => timed(() => client.sMembers(NUMBERS)),
    learn: (number, phoneNumberId, wabaId) =>
      timed(async () => {
        // Called on every health answer: Redis is written only when something changed.
        const multi = client.multi();
        let changed = false;
        if (phoneNumberId && known.phoneIds.get(phoneNumberId) !== number) {
          known.phoneIds.set(phoneNumberId, number);
          multi.hSet(PHONE_IDS, phoneNumberId, number);
          changed = true;
        }
        if (wabaId && known.wabas.get(number) !== wabaId) {
          known.wabas.set(number, wabaId);
          multi.hSet(WABAS, number, wabaId);
          changed = true;
        }
        if (!changed) return;
        try {
          await multi.exec();
        } catch (error) {
          // Written again on the next health answer.
          if (phoneNumberId) known.phoneIds.delete(phoneNumberId);
          known.wabas.delete(number);
          throw error;
        }
      }),
    routes: () =>
      timed(async () => {
        const [ids, wabas] = await Promise.all([client.hGetAll(PHONE_IDS), client.hGetAll(WABAS)]);
        return { phoneIds: new Map(Object.entries(ids)), wabas: new Map(Object.entries(wabas)) };
      }),
    close: async () => {
      if (client.isOpen) client.destroy();
    },
  };
}
