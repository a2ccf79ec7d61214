import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createD360Client } from '../src/d360/client.js';
import { SAME_CONDITION } from '../src/core/grouping.js';
import type { NumberRecord } from '../src/core/records.js';
import { createPoller } from '../src/monitor/poller.js';
import { createMonitor } from '../src/monitor/service.js';
import { createStore, type KeyValueStore } from '../src/store/kv.js';
import { createRecordStore } from '../src/store/record-store.js';
import { createLogger } from '../src/telemetry/log.js';
import { type FakeD360, startFakeD360 } from './fakes/d360.js';
import { testNumber } from './support/numbers.js';

const MIN = 60_000;
const T0 = Date.UTC(2026, 10, 25, 8, 0, 0);
const quiet = createLogger({ level: 'error', write: () => {} });
const ERROR_500 = { status: 500, json: { meta: { httpCode: 500, developerMessage: 'Internal server error', success: false } } };
const ERROR_401 = { status: 401, json: { meta: { httpCode: 401, developerMessage: 'Invalid api_key', success: false } } };

let d360: FakeD360;
let dir: string;
let kv: KeyValueStore;
let writes: number;

beforeEach(async () => {
  d360 = await startFakeD360();
  dir = mkdtempSync(join(tmpdir(), 'wa-ticks-'));
  const real = await createStore(`sqlite://${join(dir, 'store.sqlite')}`);
  writes = 0;
  // The real SQLite store, with its writes counted.
  kv = {
    ...real,
    set: async (key, value) => {
      writes += 1;
      await real.set(key, value);
    },
    setMany: async (entries) => {
      writes += entries.length;
      await real.setMany(entries);
    },
  };
});
afterEach(async () => {
  await kv.close();
  await d360.close();
  rmSync(dir, { recursive: true, force: true });
});

function setup(numbers: Array<{ key: string; name: string }>) {
  let now = T0;
  const configured = numbers.map((n) => testNumber(n.key, d360.url, 'cloud', n.name));
  const poller = createPoller({
    numbers: configured,
    client: createD360Client({ retries: 0 }),
    concurrency: 4,
    staggerMs: 0,
    now: () => now,
  });
  const records = createRecordStore<NumberRecord>(kv, 'number');
  // Grouping off: these tests count one number's writes.
  const groupRule = { ...SAME_CONDITION, minNumbers: 10_000 };
  const monitor = createMonitor({ poller, records, logger: quiet, now: () => now, onChange: () => {}, groupRule });
  return { monitor, records, at: (t: number) => (now = T0 + t) };
}

/** Events queued for the thread, by kind, leaving out new conditions. */
const replies = (r: NumberRecord | undefined) =>
  (r?.outbox ?? [])
    .flatMap((i) => (i.effect.kind === 'reply' ? i.effect.events.map((e) => e.kind) : []))
    .filter((k) => k !== 'condition-added');

describe('ticks', () => {
  it('escalate and remind an incident that opened after the first tick', async () => {
    d360.script('key-500', ERROR_500);
    const { monitor, records, at } = setup([{ key: 'key-500', name: 'Line' }]);
    await monitor.tick(); // the index of deadlines is built here, before any incident exists
    await monitor.runPass();
    at(MIN);
    await monitor.runPass();
    expect((await records.get('Line'))?.incident?.status).toBe('open');

    at(9 * MIN);
    await monitor.tick();
    expect((await records.get('Line'))?.incident?.escalations).toEqual([]);
    at(10 * MIN + 1000);
    await monitor.tick();
    expect((await records.get('Line'))?.incident?.escalations.map((e) => e.code)).toEqual(['500']);

    at(61 * MIN);
    await monitor.tick();
    expect(replies(await records.get('Line')).at(-1)).toBe('reminder');
  });

  it('find the incidents already in the store after a restart', async () => {
    d360.script('key-500', ERROR_500);
    const first = setup([{ key: 'key-500', name: 'Line' }]);
    await first.monitor.runPass();
    first.at(MIN);
    await first.monitor.runPass();
    const restarted = setup([{ key: 'key-500', name: 'Line' }]);
    restarted.at(11 * MIN);
    await restarted.monitor.tick();
    expect((await restarted.records.get('Line'))?.incident?.escalations.map((e) => e.code)).toEqual(['500']);
  });

  it('write nothing when nothing is due, and a repeated acknowledgement writes nothing either', async () => {
    const numbers = Array.from({ length: 20 }, (_, i) => ({ key: `key-401-${i}`, name: `Line ${i}` }));
    for (const n of numbers) d360.script(n.key, ERROR_401);
    const { monitor, records, at } = setup(numbers);
    await monitor.runPass();
    expect((await records.get('Line 7'))?.incident?.status).toBe('open');
    writes = 0;
    for (const minute of [1, 2, 30, 59]) {
      at(minute * MIN);
      await monitor.tick();
    }
    expect(writes).toBe(0);

    expect(await monitor.acknowledge('Line 3', 'U1')).toBe(true);
    expect(writes).toBe(1);
    expect(await monitor.acknowledge('Line 3', 'U1')).toBe(true);
    expect(writes).toBe(1);

    at(60 * MIN);
    await monitor.tick();
    // Every unacknowledged incident gets its reminder; the acknowledged one is left alone.
    expect(writes).toBe(1 + 19);
    expect(replies(await records.get('Line 4')).at(-1)).toBe('reminder');
    expect(replies(await records.get('Line 3')).at(-1)).toBe('acknowledged');
  });
});
