/**
 * The webhook windows in Redis, shared by every replica: a claim is a key set NX with a TTL, a series
 * a hash per number and series (field = second, value = count), raised codes a set per number.
 */
import type { RedisConnection } from './redis-client.js';
import { bucketOf, type SharedWindows, type WindowView } from './shared-windows.js';

const HEAD = 'wa-health-wh:';
const NUMBERS = `${HEAD}numbers`;
const PHONE_IDS = `${HEAD}phone-ids`;
const WABAS = `${HEAD}wabas`;
const seriesKey = (number: string) => `${HEAD}series:${number}`;
const countKey = (number: string, series: string) => `${HEAD}count:${number}:${series}`;
const raisedKey = (number: string) => `${HEAD}raised:${number}`;

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

/** The windows over the replica's command connection (redis-client.ts), which it does not close. */
export function createRedisWindows(redis: RedisConnection): SharedWindows {
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
