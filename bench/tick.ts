/**
 * The 30-second tick with 1,000 and 5,000 open incidents in a SQLite file, beside the old way
 * measured in the same run: step every open incident and write it back, changed or not.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Secret } from '../src/config/secret.js';
import type { WaNumber } from '../src/config/numbers.js';
import { step } from '../src/core/engine.js';
import { emptyRecord, type NumberRecord } from '../src/core/records.js';
import { createD360Client } from '../src/d360/client.js';
import { createPoller } from '../src/monitor/poller.js';
import { createMonitor } from '../src/monitor/service.js';
import { createStore } from '../src/store/kv.js';
import { createRecordStore } from '../src/store/record-store.js';
import { createLogger } from '../src/telemetry/log.js';
import { verdict } from './stats.js';

const MIN = 60_000;
const T0 = Date.UTC(2026, 10, 25, 8, 0, 0);
const QUIET_TICKS = 10;

const cpuMs = async (fn: () => Promise<unknown>) => {
  const before = process.cpuUsage();
  await fn();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
};

async function measure(open: number) {
  const dir = mkdtempSync(join(tmpdir(), 'wa-bench-tick-'));
  const kv = await createStore(`sqlite://${join(dir, 'store.sqlite')}`);
  const records = createRecordStore<NumberRecord>(kv, 'number');
  const numbers: WaNumber[] = Array.from({ length: open }, (_, i) => ({
    name: `number ${i}`,
    api: 'cloud',
    apiKeyEnv: 'K',
    apiKey: new Secret(`k${i}`),
    baseUrl: 'http://127.0.0.1:1',
  }));
  // Every number down with a 401: open at once, reminders due an hour later.
  const down = (name: string, at: number) => ({
    number: name,
    at,
    state: 'down' as const,
    findings: [{ entryId: '360dialog-401', code: '401', severity: 'critical' as const }],
    summary: '401',
    source: 'poll' as const,
  });
  for (let i = 0; i < open; i += 1000) {
    const ids = numbers.slice(i, i + 1000).map((n) => n.name);
    await records.updateMany(
      ids.map((id) => ({ id, fn: () => step(emptyRecord(id), { kind: 'observation', observation: down(id, T0) }, T0) })),
    );
  }
  let now = T0 + MIN;
  const poller = createPoller({ numbers, client: createD360Client(), concurrency: 1 });
  const monitor = createMonitor({ poller, records, now: () => now, logger: createLogger({ level: 'error' }), onChange: () => {} });

  const firstMs = await cpuMs(() => monitor.tick());
  const quiet: number[] = [];
  for (let i = 0; i < QUIET_TICKS; i++) {
    now += 30_000;
    quiet.push(await cpuMs(() => monitor.tick()));
  }
  // The old tick: every open incident stepped and written back, whether anything changed or not.
  const oldTick = async () => {
    for (const id of await records.ids()) await records.update(id, (r) => step(r ?? emptyRecord(id), { kind: 'tick' }, now));
  };
  now += 30_000;
  const oldMs = await cpuMs(oldTick);
  now = T0 + 61 * MIN;
  const allDueMs = await cpuMs(() => monitor.tick());
  await kv.close();
  rmSync(dir, { recursive: true, force: true });
  quiet.sort((a, b) => a - b);
  return { open, firstMs, quietMedian: quiet[Math.floor(quiet.length / 2)] ?? 0, quietMax: quiet.at(-1) ?? 0, oldMs, allDueMs };
}

export async function benchTick(): Promise<{ ok: boolean; lines: string[] }> {
  const lines = [`tick CPU with open incidents in a SQLite file (nothing due: ${QUIET_TICKS} ticks 30 s apart)`];
  let ok = true;
  for (const open of [1_000, 5_000]) {
    const r = await measure(open);
    const pass = open !== 5_000 || r.quietMax <= 50;
    ok &&= pass;
    lines.push(
      `  ${open} open: tick ${(r.quietMedian * 1000).toFixed(0)} µs median, ${r.quietMax.toFixed(2)} ms max` +
        (open === 5_000 ? ` (target ≤ 50 ms) ${verdict(pass)}` : '') +
        `; baseline (old tick: step and write every open incident) ${r.oldMs.toFixed(0)} ms; ratio ` +
        `${(r.quietMax / r.oldMs).toExponential(1)} (max/baseline)`,
      `    first tick (reads the store, builds the deadline index) ${r.firstMs.toFixed(0)} ms; a tick where all ${open} ` +
        `reminders are due ${r.allDueMs.toFixed(0)} ms`,
    );
  }
  return { ok, lines };
}
