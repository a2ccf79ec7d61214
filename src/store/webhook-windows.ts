/**
 * The webhooks' shared state: the port (`SharedWindows`) and its Redis implementation. Counts are kept in
 * one-second buckets (a hash per number and series, field = second, value = count), so a window
 * of thousands of statuses a second is a few hundred fields, not one member per status.
 */
import type { RedisConnection } from './redis-client.js';

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

interface WindowView {
  readonly counts: Map<string, number>;
  readonly raised: Set<string>;
}

const HEAD = 'wa-health-wh:';
const NUMBERS = `${HEAD}numbers`;
const PHONE_IDS = `${HEAD}phone-ids`;
const WABAS = `${HEAD}wabas`;
const seriesKey = (number: string) => `${HEAD}series:${number}`;
const countKey = (number: string, series: string) => `${HEAD}count:${number}:${series}`;
const raisedKey = (number: string) => `${HEAD}raised:${number}`;
const BUCKET_MS = 1000;
const bucketOf = (at: number): number => Math.floor(at / BUCKET_MS);

/**
 * Sums the buckets of KEYS[1] after second ARGV[1] and drops the older ones; a series left with
 * nothing is taken out of the number's series set (KEYS[2], member ARGV[2]).
 */
const COUNT = `
local total = 0
local all = redis.call('HGETALL', KEYS[1])
for i = 1, #all, 2 do
  if tonumber(all[i]) <= tonumber(ARGV[1]) then redis.call('HDEL', KEYS[1], all[i]) else total = total + tonumber(all[i + 1]) end
end
if total == 0 then redis.call('SREM', KEYS[2], ARGV[2]) end
return total`;

/** Every series's count in two round trips: the members, then all the scripts together in one MULTI. */
async function readWindows(redis: RedisConnection, number: string, sinceOf: (series: string) => number): Promise<WindowView> {
  const { client } = redis;
  const [series, raised] = (await client.multi().sMembers(seriesKey(number)).sMembers(raisedKey(number)).exec()) as unknown as [
    string[],
    string[],
  ];
  const multi = client.multi();
  for (const s of series) {
    multi.eval(COUNT, { keys: [countKey(number, s), seriesKey(number)], arguments: [String(bucketOf(sinceOf(s))), s] });
  }
  const totals = series.length > 0 ? ((await multi.exec()) as unknown as number[]) : [];
  const counts = new Map<string, number>();
  series.forEach((s, i) => {
    if (Number(totals[i]) > 0) counts.set(s, Number(totals[i]));
  });
  return { counts, raised: new Set(raised) };
}

/** learn() is called on every health answer: Redis is written only when something changed since this replica last wrote. */
function learner(redis: RedisConnection): SharedWindows['learn'] {
  const known = { phoneIds: new Map<string, string>(), wabas: new Map<string, string>() };
  return async (number, phoneNumberId, wabaId) => {
    const multi = redis.client.multi();
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
      await redis.call(() => multi.exec());
    } catch (error) {
      // Written again on the next health answer.
      if (phoneNumberId) known.phoneIds.delete(phoneNumberId);
      known.wabas.delete(number);
      throw error;
    }
  };
}

/** The shared webhook state over the replica's command connection (redis-client.ts), which it does not close. */
export function createRedisWebhookWindows(redis: RedisConnection): SharedWindows {
  const { client } = redis;
  return {
    claim: (keys, ttlMs) =>
      redis.call(async () => {
        if (keys.length === 0) return [];
        const multi = client.multi();
        for (const key of keys) multi.set(`${HEAD}seen:${key}`, '1', { NX: true, PX: Math.round(ttlMs) });
        return ((await multi.exec()) as unknown[]).map((reply) => reply === 'OK');
      }),
    add: (number, tallied, keepMs) =>
      redis.call(async () => {
        if (tallied.length === 0) return;
        const multi = client.multi().sAdd(NUMBERS, number);
        for (const [series, at] of tallied) {
          multi.sAdd(seriesKey(number), series).hIncrBy(countKey(number, series), String(bucketOf(at)), 1);
          multi.pExpire(countKey(number, series), Math.round(keepMs));
        }
        await multi.exec();
      }),
    read: (number, sinceOf) => redis.call(() => readWindows(redis, number, sinceOf)),
    setRaised: (number, raised, empty) =>
      redis.call(async () => {
        const multi = client.multi().del(raisedKey(number));
        if (raised.length > 0) multi.sAdd(raisedKey(number), [...raised]).sAdd(NUMBERS, number);
        else if (empty) multi.sRem(NUMBERS, number);
        await multi.exec();
      }),
    numbers: () => redis.call(() => client.sMembers(NUMBERS)),
    learn: learner(redis),
    routes: () =>
      redis.call(async () => {
        const [ids, wabas] = (await client.multi().hGetAll(PHONE_IDS).hGetAll(WABAS).exec()) as unknown as [
          Record<string, string>,
          Record<string, string>,
        ];
        return { phoneIds: new Map(Object.entries(ids)), wabas: new Map(Object.entries(wabas)) };
      }),
    // The connection is the replica's, closed by whoever opened it.
    close: async () => undefined,
  };
}
