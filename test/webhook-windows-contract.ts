/**
 * What every implementation of the webhook windows (src/store/shared-windows.ts) must do, written once
 * and run against each (the way keyv tests its adapters): the ingest has one code path, so memory and
 * Redis must not differ in anything it relies on.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SharedWindows } from '../src/store/shared-windows.js';

export interface OpenedWindows {
  /** Two handles on the same windows: for Redis two connections, as two replicas hold them; in memory one process. */
  readonly a: SharedWindows;
  readonly b: SharedWindows;
  close(): Promise<void>;
}

const SECOND = 1000;
const KEEP = 60 * 60 * SECOND;

export function windowsContract(name: string, open: () => Promise<OpenedWindows>): void {
  describe(`the ${name} webhook windows`, () => {
    let opened: OpenedWindows;
    let a: SharedWindows;
    let b: SharedWindows;
    // Event times are the payloads' own: any time works, a round one reads best.
    const T = Date.UTC(2026, 10, 25, 9, 0, 0);
    beforeEach(async () => {
      opened = await open();
      ({ a, b } = opened);
    });
    afterEach(() => opened.close());

    describe('claims', () => {
      it('gives each key to the first claimer only, across handles and within one call', async () => {
        expect(await a.claim(['k1', 'k2'], KEEP)).toEqual([true, true]);
        expect(await b.claim(['k2', 'k3', 'k3'], KEEP)).toEqual([false, true, false]);
        expect(await a.claim([], KEEP)).toEqual([]);
      });

      it('gives each of 50 keys claimed at the same moment from both handles to exactly one', async () => {
        const keys = Array.from({ length: 50 }, (_, i) => `race-${i}`);
        const [fromA, fromB] = await Promise.all([a.claim(keys, KEEP), b.claim(keys, KEEP)]);
        expect(keys.map((_, i) => Number(fromA[i]) + Number(fromB[i]))).toEqual(keys.map(() => 1));
      });

      it('frees a key once its TTL has passed, and a refused claim does not extend it', async () => {
        expect(await a.claim(['short'], 150)).toEqual([true]);
        expect(await b.claim(['short'], 60_000)).toEqual([false]);
        await expect.poll(async () => (await b.claim(['short'], 60_000))[0], { timeout: 5000, interval: 50 }).toBe(true);
        expect(await a.claim(['short'], 150)).toEqual([false]);
      });
    });

    describe('windows', () => {
      it('sums what every handle added, per series, since the time given for each series', async () => {
        await a.add(
          'Main',
          [
            ['statuses', T - 5 * SECOND],
            ['470', T - 5 * SECOND],
            ['470', T],
          ],
          KEEP,
        );
        await b.add(
          'Main',
          [
            ['470', T],
            ['131047', T - 30 * SECOND],
          ],
          KEEP,
        );
        const view = await b.read('Main', (series) => (series === '131047' ? T - 60 * SECOND : T - 10 * SECOND));
        expect(Object.fromEntries(view.counts)).toEqual({ statuses: 1, '470': 3, '131047': 1 });
      });

      it('counts an event while its second is after the start second, and drops older buckets for good', async () => {
        await a.add(
          'Main',
          [
            ['470', T - 120 * SECOND],
            ['470', T - 60 * SECOND],
            ['470', T - 59 * SECOND + 1],
            ['470', T],
          ],
          KEEP,
        );
        // T − 60 s falls in the start second itself: not counted.
        expect((await a.read('Main', () => T - 60 * SECOND)).counts.get('470')).toBe(2);
        // A wider look later does not bring the dropped buckets back.
        expect((await b.read('Main', () => T - 600 * SECOND)).counts.get('470')).toBe(2);
      });

      it('leaves a series out once nothing in it counts any more', async () => {
        await a.add(
          'Main',
          [
            ['470', T - 120 * SECOND],
            ['statuses', T],
          ],
          KEEP,
        );
        expect(Object.fromEntries((await a.read('Main', () => T - 60 * SECOND)).counts)).toEqual({ statuses: 1 });
        expect(Object.fromEntries((await a.read('Main', () => T + 60 * SECOND)).counts)).toEqual({});
      });

      it('forgets counts not added to for keepMs', async () => {
        await a.add('Main', [['470', T]], 150);
        expect((await a.read('Main', () => T - SECOND)).counts.get('470')).toBe(1);
        await expect.poll(async () => (await b.read('Main', () => T - SECOND)).counts.size, { timeout: 5000, interval: 50 }).toBe(0);
      });

      it('reads nothing for a number it never saw', async () => {
        const view = await a.read('Nobody', () => 0);
        expect([view.counts.size, view.raised.size]).toEqual([0, 0]);
      });
    });

    describe('raised codes and the numbers listing', () => {
      it('keeps the raised codes last written, whichever handle wrote them', async () => {
        await a.add('Main', [['470', T]], KEEP);
        await a.setRaised('Main', ['470', '131047'], false);
        expect([...(await b.read('Main', () => T - SECOND)).raised].sort()).toEqual(['131047', '470']);
        await b.setRaised('Main', ['470'], false);
        expect([...(await a.read('Main', () => T - SECOND)).raised]).toEqual(['470']);
        await a.setRaised('Main', [], false);
        expect((await a.read('Main', () => T - SECOND)).raised.size).toBe(0);
      });

      it('lists every number with counts or raised codes, until it is written as empty', async () => {
        await a.add('A', [['470', T]], KEEP);
        await b.add('B', [['statuses', T]], KEEP);
        await b.setRaised('C', ['131042'], false);
        expect((await a.numbers()).sort()).toEqual(['A', 'B', 'C']);
        // Nothing raised but still counted: still listed.
        await a.setRaised('B', [], false);
        await a.setRaised('A', [], true);
        await b.setRaised('C', [], true);
        expect(await b.numbers()).toEqual(['B']);
        await a.add('A', [['470', T]], KEEP);
        expect((await b.numbers()).sort()).toEqual(['A', 'B']);
      });
    });

    describe('learnt routes', () => {
      it('hands phone number ids and WABA ids learnt on one handle to the other', async () => {
        await a.learn('Main', '106540352242922', '102290129340398');
        await a.learn('Other', '222222222222222', undefined);
        await a.learn('Third', undefined, undefined);
        const routes = await b.routes();
        expect(Object.fromEntries(routes.phoneIds)).toEqual({ '106540352242922': 'Main', '222222222222222': 'Other' });
        expect(Object.fromEntries(routes.wabas)).toEqual({ Main: '102290129340398' });
      });

      it('moves a phone number id that a later poll finds on another number', async () => {
        await a.learn('Main', '106540352242922', undefined);
        await a.learn('Other', '106540352242922', undefined);
        expect(Object.fromEntries((await b.routes()).phoneIds)).toEqual({ '106540352242922': 'Other' });
      });
    });
  });
}
