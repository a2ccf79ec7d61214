import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NumberRecord } from '../src/core/records.js';
import { createD360Client } from '../src/d360/client.js';
import { createPoller } from '../src/monitor/poller.js';
import { createMonitor } from '../src/monitor/service.js';
import { createStore } from '../src/store/kv.js';
import { createRecordStore, type RecordStore } from '../src/store/record-store.js';
import { createLogger } from '../src/telemetry/log.js';
import { type FakeD360, HEALTHY_CLOUD, startFakeD360 } from './fakes/d360.js';
import { testNumber } from './support/numbers.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const T0 = Date.UTC(2026, 10, 25, 8, 0, 0);
const ERROR_500 = { status: 500, json: { meta: { httpCode: 500, developerMessage: 'Internal server error', success: false } } };
const ERROR_401 = { status: 401, json: { meta: { httpCode: 401, developerMessage: 'Invalid api_key', success: false } } };

let d360: FakeD360;
let records: RecordStore<NumberRecord>;
const logs: string[] = [];

beforeEach(async () => {
  d360 = await startFakeD360();
  records = createRecordStore<NumberRecord>(await createStore('memory://x'), 'number');
  logs.length = 0;
});
afterEach(async () => {
  await d360.close();
});

/** A monitor whose wall clock the test sets; its monotonic clock is the real one (it barely moves). */
function setup(key: string) {
  let wall = T0;
  const numbers = [testNumber(key, d360.url, 'cloud', 'Line')];
  const poller = createPoller({ numbers, client: createD360Client({ retries: 0 }), concurrency: 1, staggerMs: 0, now: () => wall });
  const logger = createLogger({ level: 'debug', write: (l) => logs.push(l) });
  const monitor = createMonitor({ poller, records, logger, now: () => wall, monotonic: () => performance.now(), onChange: () => {} });
  return { monitor, set: (t: number) => (wall = t) };
}

describe('a wall clock that steps under the running monitor', () => {
  it('does not escalate a 2-minute 500 when the clock jumps an hour forward, and says so', async () => {
    d360.script('key-500', ERROR_500);
    const { monitor, set } = setup('key-500');
    await monitor.runPass();
    set(T0 + MIN);
    await monitor.runPass();
    set(T0 + 2 * MIN);
    await monitor.tick();
    set(T0 + 3 * MIN + HOUR);
    await monitor.tick();
    expect((await records.get('Line'))?.incident?.escalations).toEqual([]);
    expect(logs.join('\n')).toMatch(/WARN .*the wall clock stepped forward by 36\d\d s/);
  });

  it('keeps applying answers after the clock steps an hour back', async () => {
    d360.script('key-401', ERROR_401);
    const { monitor, set } = setup('key-401');
    await monitor.runPass();
    expect((await records.get('Line'))?.incident?.status).toBe('open');
    d360.script('key-401', { json: HEALTHY_CLOUD });
    set(T0 - HOUR + MIN);
    await monitor.runPass();
    set(T0 - HOUR + 2 * MIN);
    await monitor.runPass();
    expect((await records.get('Line'))?.incident?.status).toBe('resolved');
  });
});
