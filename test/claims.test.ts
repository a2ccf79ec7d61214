import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createClaims } from '../src/store/claims.js';
import { createStore, type KeyValueStore } from '../src/store/kv.js';
import { type RedisServer, redisMissing, startRedis } from './support/redis-server.js';

const TTL = 60_000;
let redis: RedisServer | undefined;
const missing = redisMissing();

beforeAll(async () => {
  if (!missing) redis = await startRedis();
});
afterAll(() => redis?.stop());

/** One backend: how to open it, and how to open it again (a restart, or a second replica on the same data). */
interface Backend {
  open(): Promise<KeyValueStore>;
  again?: () => Promise<KeyValueStore>;
  /** Several processes share it (Redis): a second replica. */
  shared?: boolean;
}

const sqliteFile = () => `sqlite://${join(mkdtempSync(join(tmpdir(), 'wa-claims-')), 'claims.sqlite')}`;

function claimsContract(name: string, backend: () => Backend) {
  describe(`claims on ${name}`, () => {
    const opened: KeyValueStore[] = [];
    let b: Backend;
    let clock = 1_000_000;
    const now = () => clock;
    const open = async (make: () => Promise<KeyValueStore>) => {
      const kv = await make();
      opened.push(kv);
      return kv;
    };
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((kv) => kv.close()));
    });

    it('grants the first claim of an id and refuses every repeat, other ids unaffected', async () => {
      b = backend();
      const claims = createClaims(await open(b.open), 'slack', TTL, now);
      expect(await claims.claim('event:Ev1')).toBe(true);
      expect(await claims.claim('event:Ev1')).toBe(false);
      expect(await claims.claim('event:Ev2')).toBe(true);
    });

    it('grants exactly one of many claims of one id made at once', async () => {
      b = backend();
      const claims = createClaims(await open(b.open), 'slack', TTL, now);
      const results = await Promise.all(Array.from({ length: 10 }, () => claims.claim('trigger:1.2.3')));
      expect(results.filter(Boolean)).toHaveLength(1);
    });

    it('grants an id again once its claim has expired, and sweeps expired claims away', async () => {
      b = backend();
      const kv = await open(b.open);
      const claims = createClaims(kv, 'slack', TTL, now);
      expect(await claims.claim('event:old')).toBe(true);
      clock += TTL + 1;
      expect(await claims.claim('event:old')).toBe(true);
      clock += TTL + 1;
      await claims.claim('event:new');
      await expect.poll(() => kv.keys('claim:slack:')).toEqual(['claim:slack:event%3Anew']);
    });

    it('keeps a claim across a restart', async ({ skip }) => {
      b = backend();
      if (!b.again) return skip();
      const first = await open(b.open);
      expect(await createClaims(first, 'slack', TTL, now).claim('event:Ev9')).toBe(true);
      await first.close();
      expect(await createClaims(await open(b.again), 'slack', TTL, now).claim('event:Ev9')).toBe(false);
    });

    it('lets one of two replicas win when both claim at once', async ({ skip }) => {
      b = backend();
      if (!b.shared || !b.again) return skip();
      const one = createClaims(await open(b.open), 'slack', TTL, now);
      const two = createClaims(await open(b.again), 'slack', TTL, now);
      for (let i = 0; i < 20; i++) {
        const results = await Promise.all([one.claim(`event:race-${i}`), two.claim(`event:race-${i}`)]);
        expect(results.filter(Boolean)).toHaveLength(1);
      }
    });
  });
}

claimsContract('memory', () => ({ open: () => createStore('memory://claims') }));
claimsContract('SQLite', () => {
  const url = sqliteFile();
  return { open: () => createStore(url), again: () => createStore(url) };
});
describe.skipIf(missing !== undefined)('with Redis', () => {
  claimsContract('Redis', () => {
    redis?.cli('FLUSHALL');
    const url = redis?.url ?? '';
    return { open: () => createStore(url), again: () => createStore(url), shared: true };
  });
});
