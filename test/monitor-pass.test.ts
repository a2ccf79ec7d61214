import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MONITORING } from '../src/config/numbers.js';
import { createD360Client } from '../src/d360/client.js';
import type { NumberRecord } from '../src/core/records.js';
import { createPoller } from '../src/monitor/poller.js';
import { createMonitor } from '../src/monitor/service.js';
import { createStore, type KeyValueStore } from '../src/store/kv.js';
import { createRecordStore } from '../src/store/record-store.js';
import { createLogger } from '../src/telemetry/log.js';
import { createMetrics } from '../src/telemetry/metrics.js';
import { type FakeD360, HEALTHY_CLOUD, startFakeD360, type Step } from './fakes/d360.js';
import { testNumber } from './support/numbers.js';

let d360: FakeD360;
let dir: string;
let kv: KeyValueStore;
let transactions: number;
let log: string[];

beforeEach(async () => {
  d360 = await startFakeD360();
  dir = mkdtempSync(join(tmpdir(), 'wa-pass-'));
  const real = await createStore(`sqlite://${join(dir, 'store.sqlite')}`);
  transactions = 0;
  log = [];
  // The real SQLite store, with its write statements counted.
  kv = {
    ...real,
    set: async (key, value) => {
      transactions += 1;
      await real.set(key, value);
    },
    setMany: async (entries) => {
      transactions += 1;
      await real.setMany(entries);
    },
  };
});
afterEach(async () => {
  await kv.close();
  await d360.close();
  rmSync(dir, { recursive: true, force: true });
});

function setup(scripts: Step[][], options: { concurrency?: number; closedPort?: number[] } = {}) {
  const numbers = scripts.map((steps, i) => {
    d360.script(`key-${i}`, ...steps);
    return testNumber(`key-${i}`, options.closedPort?.includes(i) ? 'http://127.0.0.1:1' : d360.url, 'cloud', `Line ${i}`);
  });
  const metrics = createMetrics();
  const client = createD360Client({ timeoutMs: 5000, retries: 0 });
  const poller = createPoller({ numbers, client, concurrency: options.concurrency ?? 4, staggerMs: 0 });
  const records = createRecordStore<NumberRecord>(kv, 'number');
  const logger = createLogger({ level: 'info', write: (line) => log.push(line) });
  const monitor = createMonitor({ poller, records, logger, metrics, onChange: () => {} });
  return { monitor, records, metrics };
}

const healthy: Step[] = [{ json: HEALTHY_CLOUD }];

describe('a poll pass', () => {
  it('writes each answer while slower numbers are still being polled', async () => {
    const { monitor, records } = setup([healthy, [{ json: HEALTHY_CLOUD, delayMs: 3000 }]], { concurrency: 2 });
    let done = false;
    const pass = monitor.runPass().then(() => (done = true));
    await expect.poll(async () => (await records.get('Line 0'))?.lastPolledAt).toBeDefined();
    expect(done).toBe(false);
    expect(await records.get('Line 1')).toBeUndefined();
    await pass;
    expect((await records.get('Line 1'))?.goodStreak).toBe(1);
  });

  it('writes many answers per store transaction', async () => {
    const { monitor, records } = setup(
      Array.from({ length: 60 }, () => healthy),
      { concurrency: 8 },
    );
    await monitor.runPass();
    expect(await records.ids()).toHaveLength(61);
    // 60 numbers and the monitoring record, in far fewer statements than one per record.
    expect(transactions).toBeLessThan(30);
  });

  it('applies a lone number that gave no answer once the pass shows it is not a storm', async () => {
    const { monitor, records } = setup([healthy, healthy, healthy, healthy], { closedPort: [2] });
    await monitor.runPass();
    const silent = await records.get('Line 2');
    expect(silent?.badStreak).toBe(1);
    expect(silent?.active['blind:refused']).toBeDefined();
    expect((await records.get(MONITORING))?.incident).toBeUndefined();
  });

  it('in a storm, leaves the silent numbers untouched and applies the answers that came', async () => {
    const { monitor, records } = setup([healthy, healthy, healthy, healthy], { closedPort: [0, 1, 2] });
    await monitor.runPass();
    await monitor.runPass();
    for (const name of ['Line 0', 'Line 1', 'Line 2']) expect(await records.get(name)).toBeUndefined();
    expect((await records.get('Line 3'))?.goodStreak).toBe(2);
    expect((await records.get(MONITORING))?.incident?.status).toBe('open');
  });

  it('logs one line and sets the metrics: numbers polled, duration, counts by state', async () => {
    const down = [{ status: 502, json: { meta: { httpCode: 502, developerMessage: 'Bad gateway', success: false } } }];
    const { monitor, metrics } = setup([healthy, healthy, down]);
    await monitor.runPass();
    expect(log.filter((l) => l.includes('pass:'))).toEqual([
      expect.stringMatching(/INFO .*pass: 3 number\(s\) polled in \d+\.\d s: healthy 2, down 1$/),
    ]);
    const text = await metrics.render();
    expect(text).toMatch(/^wa_health_pass_duration_seconds \d+(\.\d+)?(e-\d+)?$/m);
    expect(text).toContain('wa_health_pass_numbers{state="healthy"} 2');
    expect(text).toContain('wa_health_pass_numbers{state="down"} 1');
    expect(text).toContain('wa_health_pass_numbers{state="unknown"} 0');
  });
});
