/**
 * What every STORE_URL backend must do, written once and run against each of them (the way
 * keyv tests its own adapters), so a new backend cannot pass with a weaker reading.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KeyValueStore } from '../src/store/kv.js';
import { createRecordStore, UNCHANGED } from '../src/store/record-store.js';

export interface OpenedStore {
  store: KeyValueStore;
  /** Opens the same backing data again; only for backends that persist. */
  reopen?: () => Promise<KeyValueStore>;
  /** Shared by several processes, so it must offer versions and compare-and-set (see KeyValueStore.versioned). */
  versioned?: boolean;
}

interface Counter {
  count: number;
}

export function storeContract(name: string, open: () => Promise<OpenedStore>): void {
  describe(`the ${name} store`, () => {
    let opened: OpenedStore;
    let store: KeyValueStore;
    const toClose: KeyValueStore[] = [];

    beforeEach(async () => {
      opened = await open();
      store = opened.store;
      toClose.push(store);
    });
    afterEach(async () => {
      await Promise.all(toClose.splice(0).map((s) => s.close()));
    });

    it('answers undefined for a key it has never seen', async () => {
      expect(await store.get('nothing:here')).toBeUndefined();
    });

    it('gives back nested JSON exactly as it was stored', async () => {
      const value = {
        number: '+49 151 2345678',
        state: 'degraded',
        // Keyv escapes strings that start with ':' and tags ':base64:' ones; both must come back verbatim.
        odd: [':colon-led', ':base64:aGk=', '', 'ünïcödé ☃ 📞'],
        counts: { ok: 0, failed: -3, ratio: 0.25 },
        flags: [true, false, null],
        nested: { deeper: { deepest: [[1, 2], [], {}] } },
      };
      await store.set('incident:1', value);
      expect(await store.get('incident:1')).toEqual(value);
    });

    it('keeps top-level scalars, null and empty values as they are', async () => {
      const values: unknown[] = [0, false, '', null, [], {}, 'text', 3.5];
      await Promise.all(values.map((v, i) => store.set(`scalar:${i}`, v)));
      expect(await Promise.all(values.map((_, i) => store.get(`scalar:${i}`)))).toEqual(values);
    });

    it('answers with the latest value after an overwrite', async () => {
      await store.set('number:a', { state: 'healthy' });
      await store.set('number:a', { state: 'down' });
      expect(await store.get('number:a')).toEqual({ state: 'down' });
    });

    it('keeps a key apart from the same key carrying the namespace in front', async () => {
      await store.set('x', 'plain');
      await store.set('wa-health:x', 'namespaced');
      expect(await store.get('x')).toBe('plain');
      expect(await store.get('wa-health:x')).toBe('namespaced');
    });

    it('forgets a deleted key, and deleting a missing key is not an error', async () => {
      await store.set('number:a', 1);
      await store.delete('number:a');
      await store.delete('number:never-existed');
      expect(await store.get('number:a')).toBeUndefined();
      expect(await store.keys('number:')).toEqual([]);
    });

    it('hands out copies, so changing a value read back does not change what is stored', async () => {
      await store.set('number:a', { tags: ['x'] });
      const read = await store.get<{ tags: string[] }>('number:a');
      read?.tags.push('mutated');
      expect(await store.get('number:a')).toEqual({ tags: ['x'] });
    });

    it('lists exactly the keys under a prefix, prefix included', async () => {
      const keys = [
        'incident:a',
        'incident:b:c',
        'incidents:d',
        'numbers:incident:e',
        'Incident:f',
        'wa-health:incident:g',
        'a_c',
        'a%c',
        'abc',
      ];
      await Promise.all(keys.map((k) => store.set(k, k)));
      expect((await store.keys('incident:')).sort()).toEqual(['incident:a', 'incident:b:c']);
      // '_' and '%' are SQL LIKE wildcards; they must be taken literally.
      expect((await store.keys('a_')).sort()).toEqual(['a_c']);
      expect((await store.keys('a%')).sort()).toEqual(['a%c']);
      expect((await store.keys('')).sort()).toEqual([...keys].sort());
    });

    it('lists more keys than one page of the backend', async () => {
      const ids = Array.from({ length: 57 }, (_, i) => `page:${i}`);
      await Promise.all(ids.map((k) => store.set(k, true)));
      expect((await store.keys('page:')).sort()).toEqual([...ids].sort());
    });

    it('lists keys whose characters sort above U+FFFF, and stops at the end of the prefix', async () => {
      const keys = ['x:📞', 'x:\uffff', 'x:', 'x;', 'y', '📞a', '📞', '\u{10ffff}z'];
      await store.setMany(keys.map((k) => [k, k]));
      expect((await store.keys('x:')).sort()).toEqual(['x:', 'x:\uffff', 'x:📞'].sort());
      expect((await store.keys('📞')).sort()).toEqual(['📞', '📞a']);
      expect(await store.keys('\u{10ffff}')).toEqual(['\u{10ffff}z']);
    });

    it('reads back every entry under a prefix across many pages, each once, and nothing else', async () => {
      const rows = Array.from({ length: 2345 }, (_, i) => [`bulk:${String(i).padStart(5, '0')}`, { i, text: `:colon ${i}` }] as const);
      await store.setMany([...rows, ['bulk', 'outside'], ['bulkier:1', 'outside']]);
      const seen: Array<readonly [string, unknown]> = [];
      for await (const page of store.entries('bulk:')) seen.push(...page);
      expect(seen).toEqual(rows);
    });

    it('writes many values at once, deletes the undefined ones, and reads them back with getMany', async () => {
      await store.set('many:gone', 1);
      await store.setMany([
        ['many:a', { n: 1 }],
        ['many:b', ':base64:aGk='],
        ['many:gone', undefined],
      ]);
      expect(await store.get('many:b')).toBe(':base64:aGk=');
      const found = await store.getMany(['many:a', 'many:b', 'many:gone', 'many:never']);
      expect([...found].sort()).toEqual([
        ['many:a', { n: 1 }],
        ['many:b', ':base64:aGk='],
      ]);
    });

    it('keeps values across close and reopen', async ({ skip }) => {
      if (!opened.reopen) return skip('this backend does not persist');
      await store.set('incident:kept', { open: true });
      await store.close();
      const again = await opened.reopen();
      toClose.push(again);
      expect(await again.get('incident:kept')).toEqual({ open: true });
      expect(await again.keys('incident:')).toEqual(['incident:kept']);
    });

    describe('with versions, where several processes share the store', () => {
      it('offers versioned reads and compare-and-set exactly when the backend is shared', () => {
        expect(store.versioned !== undefined).toBe(opened.versioned === true);
      });

      it('bumps a version on every write and refuses a compare-and-set from a stale read, writing nothing', async ({ skip }) => {
        const ops = store.versioned;
        if (!ops) return skip('a single-process backend: the in-process queue serialises updates');
        expect(await ops.getMany(['incident:a'])).toEqual(new Map([['incident:a', { value: undefined, version: 0 }]]));
        await store.set('incident:a', { n: 1 });
        const seen = await ops.getMany<{ n: number }>(['incident:a', 'incident:b']);
        expect(seen.get('incident:a')).toEqual({ value: { n: 1 }, version: 1 });
        expect(await ops.commit([{ key: 'incident:a', version: 1, value: { n: 2 } }])).toBe(true);
        // Both keys were read at their old versions; a has moved since, so neither may be written.
        const stale = [
          { key: 'incident:a', version: 1, value: { n: 3 } },
          { key: 'incident:b', version: 0, value: { n: 9 } },
        ];
        expect(await ops.commit(stale)).toBe(false);
        expect(await store.getMany(['incident:a', 'incident:b'])).toEqual(new Map([['incident:a', { n: 2 }]]));
        expect(await ops.commit([{ key: 'incident:a', version: 2, value: undefined }])).toBe(true);
        expect(await store.get('incident:a')).toBeUndefined();
      });

      it('loses no increment when two connections race on one record', async ({ skip }) => {
        if (!opened.versioned || !opened.reopen) return skip('a single-process backend');
        const other = await opened.reopen();
        toClose.push(other);
        // Each connection has its own in-process queue, so only the compare-and-set keeps them apart.
        const mine = createRecordStore<Counter>(store, 'counter');
        const theirs = createRecordStore<Counter>(other, 'counter');
        const bump = (records: typeof mine) => records.update('n', (c) => ({ count: (c?.count ?? 0) + 1 }));
        await Promise.all(Array.from({ length: 100 }, (_, i) => bump(i % 2 ? mine : theirs)));
        const batch = (records: typeof mine) => records.updateMany([{ id: 'n', fn: (c) => ({ count: (c?.count ?? 0) + 1 }) }]);
        await Promise.all(Array.from({ length: 100 }, (_, i) => batch(i % 2 ? mine : theirs)));
        expect(await mine.get('n')).toEqual({ count: 200 });
      });
    });

    describe('with a RecordStore on top', () => {
      it('ends at 200 after 200 concurrent increments of one id', async () => {
        const counters = createRecordStore<Counter>(store, 'counter');
        const bump = () => counters.update('+49 151', (c) => ({ count: (c?.count ?? 0) + 1 }));
        const written = await Promise.all(Array.from({ length: 200 }, bump));
        expect(written.map((c) => c?.count)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
        expect(await counters.get('+49 151')).toEqual({ count: 200 });
      });

      it('gives back ids with spaces, colons, slashes and unicode exactly from ids()', async () => {
        const records = createRecordStore<string>(store, 'incident');
        const ids = ['with space', 'a:b:c', ':leading', 'ünïcödé ☃ 📞', '100%', 'slash/and?query#hash', 'incident:x', ''];
        for (const id of ids) await records.update(id, () => `record ${id}`);
        expect((await records.ids()).sort()).toEqual([...ids].sort());
        for (const id of ids) expect(await records.get(id)).toBe(`record ${id}`);
      });

      it('keeps the ids of a longer prefix out of a shorter one', async () => {
        const incidents = createRecordStore<number>(store, 'incident');
        const archived = createRecordStore<number>(store, 'incident:archive');
        await incidents.update('live', () => 1);
        await archived.update('old', () => 2);
        expect(await incidents.ids()).toEqual(['live']);
        expect(await archived.ids()).toEqual(['old']);
      });

      it('passes undefined to fn for a missing record', async () => {
        const counters = createRecordStore<Counter>(store, 'counter');
        const seen: Array<Counter | undefined> = [];
        await counters.update('new', (c) => {
          seen.push(c);
          return { count: 1 };
        });
        expect(seen).toEqual([undefined]);
      });

      it('rejects only the update whose fn throws, and later updates of that id still run', async () => {
        const counters = createRecordStore<Counter>(store, 'counter');
        const bump = (c: Counter | undefined) => ({ count: (c?.count ?? 0) + 1 });
        const results = await Promise.allSettled([
          counters.update('a', bump),
          counters.update('a', () => {
            throw new Error('fn failed');
          }),
          counters.update('a', async () => Promise.reject(new Error('async fn failed'))),
          counters.update('a', bump),
        ]);
        expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
        expect(await counters.get('a')).toEqual({ count: 2 });
      });

      it('leaves the record untouched when fn mutates its argument and then throws', async () => {
        const counters = createRecordStore<Counter>(store, 'counter');
        await counters.update('a', () => ({ count: 1 }));
        await expect(
          counters.update('a', (c) => {
            if (c) c.count = 99;
            throw new Error('changed my mind');
          }),
        ).rejects.toThrow('changed my mind');
        expect(await counters.get('a')).toEqual({ count: 1 });
      });

      it('serialises a batch with single updates of the same ids, so no increment is lost', async () => {
        const counters = createRecordStore<Counter>(store, 'counter');
        const bump = (c: Counter | undefined) => ({ count: (c?.count ?? 0) + 1 });
        const ids = ['a', 'b', 'c'];
        const calls: Array<Promise<unknown>> = [];
        for (let i = 0; i < 30; i++) {
          calls.push(counters.updateMany(ids.map((id) => ({ id, fn: bump }))));
          calls.push(counters.update(ids[i % 3] as string, bump));
          calls.push(
            counters.updateMany([
              { id: 'c', fn: bump },
              { id: 'a', fn: bump },
            ]),
          );
        }
        await Promise.all(calls);
        expect(await counters.get('a')).toEqual({ count: 70 });
        expect(await counters.get('b')).toEqual({ count: 40 });
        expect(await counters.get('c')).toEqual({ count: 70 });
      });

      it('fails only the entry of a batch whose fn throws, and writes the rest', async () => {
        const counters = createRecordStore<Counter>(store, 'counter');
        const results = await counters.updateMany([
          { id: 'ok', fn: () => ({ count: 1 }) },
          {
            id: 'bad',
            fn: () => {
              throw new Error('fn failed');
            },
          },
          { id: 'ok', fn: (c) => ({ count: (c?.count ?? 0) + 1 }) },
        ]);
        expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
        expect(await counters.get('ok')).toEqual({ count: 2 });
        expect(await counters.ids()).toEqual(['ok']);
      });

      it('keeps the record as it is when fn answers UNCHANGED, in single updates and batches', async () => {
        const counters = createRecordStore<Counter>(store, 'counter');
        await counters.update('a', () => ({ count: 1 }));
        const mutateThenKeep = (c: Counter | undefined): typeof UNCHANGED => {
          if (c) c.count = 99;
          return UNCHANGED;
        };
        expect(await counters.update('a', mutateThenKeep)).toEqual({ count: 1 });
        expect(await counters.updateMany([{ id: 'a', fn: mutateThenKeep }])).toEqual([{ status: 'fulfilled', value: { count: 1 } }]);
        expect(await counters.update('missing', () => UNCHANGED)).toBeUndefined();
        expect(await counters.ids()).toEqual(['a']);
        expect(await counters.get('a')).toEqual({ count: 1 });
      });

      it('reads every record back with entries(), ids decoded, other prefixes left out', async () => {
        const records = createRecordStore<number>(store, 'incident');
        await records.updateMany(['a b', 'c:d', 'ü'].map((id, i) => ({ id, fn: () => i })));
        await createRecordStore<number>(store, 'incident:archive').update('old', () => 9);
        const seen: Array<readonly [string, number]> = [];
        for await (const page of records.entries()) seen.push(...page);
        expect(seen.sort()).toEqual([
          ['a b', 0],
          ['c:d', 1],
          ['ü', 2],
        ]);
      });

      it('deletes the record when fn returns undefined', async () => {
        const counters = createRecordStore<Counter>(store, 'counter');
        await counters.update('gone', () => ({ count: 1 }));
        await expect(counters.update('gone', () => undefined)).resolves.toBeUndefined();
        expect(await counters.get('gone')).toBeUndefined();
        expect(await counters.ids()).toEqual([]);
      });
    });
  });
}
