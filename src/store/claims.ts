/**
 * "Has anyone acted on this yet?": one claim per id, kept for a while in the shared store, so a delivery
 * Slack makes twice (a redelivered event, an envelope sent again around a Socket Mode reconnect) acts
 * once — across restarts (the row outlives the process) and across replicas (the first claimer wins).
 */
import type { KeyValueStore } from './types.js';

export interface Claims {
  /** True for the first claim of `id` within the TTL, false for every later one. */
  claim(id: string): Promise<boolean>;
}

interface Claim {
  readonly until: number;
}

const isFresh = (value: unknown, now: number) =>
  typeof value === 'object' && value !== null && typeof (value as Claim).until === 'number' && (value as Claim).until > now;

export function createClaims(kv: KeyValueStore, prefix: string, ttlMs: number, now: () => number = Date.now): Claims {
  const head = `claim:${prefix}:`;
  const keyOf = (id: string) => head + encodeURIComponent(id);
  // One process owns SQLite and memory: claims of one id take turns here, so the first one wins.
  const turns = new Map<string, Promise<boolean>>();
  let sweptAt = now();

  const claimShared = async (key: string): Promise<boolean> => {
    const versioned = kv.versioned;
    if (!versioned) {
      if (isFresh(await kv.get(key), now())) return false;
      await kv.set(key, { until: now() + ttlMs });
      return true;
    }
    // Redis: the versioned compare-and-set lets exactly one replica turn an absent or expired claim into its own.
    const read = (await versioned.getMany<Claim>([key])).get(key) ?? { value: undefined, version: 0 };
    if (isFresh(read.value, now())) return false;
    return versioned.commit([{ key, version: read.version, value: { until: now() + ttlMs } }]);
  };

  /** Expired claims are deleted once per TTL, so ids do not pile up; a claim taken meanwhile is left alone. */
  const sweep = async () => {
    if (now() - sweptAt < ttlMs) return;
    sweptAt = now();
    for await (const page of kv.entries<Claim>(head)) {
      const expired = page.filter(([, value]) => !isFresh(value, now())).map(([key]) => key);
      if (expired.length === 0) continue;
      if (!kv.versioned) {
        await kv.setMany(expired.map((key) => [key, undefined] as const));
        continue;
      }
      const read = await kv.versioned.getMany<Claim>(expired);
      for (const [key, { value, version }] of read)
        if (!isFresh(value, now())) await kv.versioned.commit([{ key, version, value: undefined }]);
    }
  };

  return {
    claim(id) {
      const key = keyOf(id);
      const before = turns.get(key) ?? Promise.resolve(true);
      const mine = before.then(
        () => claimShared(key),
        () => claimShared(key),
      );
      turns.set(key, mine);
      const forget = () => {
        if (turns.get(key) === mine) turns.delete(key);
      };
      mine.then(forget, forget);
      void mine.then(sweep, () => undefined).catch(() => undefined);
      return mine;
    },
  };
}
