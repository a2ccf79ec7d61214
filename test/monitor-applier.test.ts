import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_ENGINE_OPTIONS, type EngineInput } from '../src/core/engine.js';
import type { Finding } from '../src/core/observation.js';
import type { NumberRecord } from '../src/core/records.js';
import { createApplier } from '../src/monitor/applier.js';
import { createStore, type KeyValueStore } from '../src/store/kv.js';
import { createRecordStore, type RecordStore } from '../src/store/record-store.js';
import { createLogger } from '../src/telemetry/log.js';

const MIN = 60_000;
const T0 = Date.UTC(2026, 2, 2, 10, 0, 0);
const INVALID_KEY: Finding = { entryId: '360dialog-401', code: '401', severity: 'critical' };

let dir: string;
let kv: KeyValueStore;
let failNextWrite: boolean;
let log: string[];
const logger = createLogger({ level: 'error', write: (line) => log.push(line) });

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'wa-applier-'));
  const real = await createStore(`sqlite://${join(dir, 'store.sqlite')}`);
  failNextWrite = false;
  log = [];
  // The real SQLite store; a write can be made to fail once, as a full disk or a lost Redis would.
  kv = {
    ...real,
    setMany: async (entries) => {
      if (failNextWrite) {
        failNextWrite = false;
        throw new Error('disk full');
      }
      await real.setMany(entries);
    },
  };
});
afterEach(async () => {
  await kv.close();
  rmSync(dir, { recursive: true, force: true });
});

const observe = (at: number, findings: Finding[] = [], number = 'Line'): EngineInput => ({
  kind: 'observation',
  observation: { number, at, state: findings.length ? 'down' : 'healthy', findings, summary: 'seen', source: 'poll' },
});

const replies = (record: NumberRecord | undefined) =>
  (record?.outbox ?? []).flatMap((i) => (i.effect.kind === 'reply' ? i.effect.events.map((e) => e.kind) : []));

/** The store with its scan held after the first page is read: the loader holds that copy until `release`. */
function heldScan(records: RecordStore<NumberRecord>) {
  let pageRead = () => {};
  let release = () => {};
  const read = new Promise<void>((resolve) => (pageRead = resolve));
  const gate = new Promise<void>((resolve) => (release = resolve));
  const held: RecordStore<NumberRecord> = {
    ...records,
    async *entries() {
      for await (const page of records.entries()) {
        pageRead();
        await gate;
        yield page;
      }
    },
  };
  return { held, read, release };
}

describe('the applier', () => {
  it('keeps the deadline of a record stepped while the index loads, not that of the older copy the loader read', async () => {
    const records = createRecordStore<NumberRecord>(kv, 'number');
    // Before the restart: Line healthy (no deadline), Other with an incident open.
    const before = createApplier({ records, engine: DEFAULT_ENGINE_OPTIONS, logger });
    await before.apply('Line', observe(T0), T0);
    await before.apply('Other', observe(T0, [INVALID_KEY], 'Other'), T0);

    const { held, read, release } = heldScan(records);
    const applier = createApplier({ records: held, engine: DEFAULT_ENGINE_OPTIONS, logger });
    const loaded: string[] = [];
    applier.listen({ settled: () => {}, loaded: (number) => loaded.push(number) });
    const loading = applier.load();
    await read;
    // Line opens an incident (401 is certain at once) while the loader still holds its healthy copy.
    await applier.apply('Line', observe(T0 + MIN, [INVALID_KEY]), T0 + MIN);
    release();
    await loading;
    expect(loaded).toEqual(['Other']);

    await applier.tickDue(T0 + 62 * MIN, () => true);
    expect(replies(await records.get('Line'))).toContain('reminder');
    expect(replies(await records.get('Other'))).toContain('reminder');
  });

  it('keeps a record due when its tick could not be written, and ticks it next time', async () => {
    const records = createRecordStore<NumberRecord>(kv, 'number');
    const applier = createApplier({ records, engine: DEFAULT_ENGINE_OPTIONS, logger });
    await applier.load();
    await applier.apply('Line', observe(T0, [INVALID_KEY]), T0);

    failNextWrite = true;
    await applier.tickDue(T0 + 61 * MIN, () => true);
    expect(replies(await records.get('Line'))).not.toContain('reminder');
    expect(log.join('\n')).toMatch(/disk full/);

    await applier.tickDue(T0 + 62 * MIN, () => true);
    expect(replies(await records.get('Line'))).toContain('reminder');
  });

  it('ticks only the records the caller still knows', async () => {
    const records = createRecordStore<NumberRecord>(kv, 'number');
    const applier = createApplier({ records, engine: DEFAULT_ENGINE_OPTIONS, logger });
    await applier.apply('Line', observe(T0, [INVALID_KEY]), T0);
    await applier.tickDue(T0 + 61 * MIN, (id) => id !== 'Line');
    expect(replies(await records.get('Line'))).not.toContain('reminder');
  });
});
