/**
 * One kind of poller in its own process, loaded like the bot and started with the same V8 flags:
 * `bot` is the real thing (client, classify, monitor, engine, a SQLite file), `got` a minimal
 * keep-alive got client making the same calls with the same timeout and retries, `http` bare
 * node:http with a keep-alive agent. Each line on stdin runs one pass; each answer is one JSON line.
 */
import { benchNumbers } from './workers.js';
import '../src/slack/app.js';
import { mkdtempSync } from 'node:fs';
import { Agent, get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import got from 'got';
import type { WaNumber } from '../src/config/numbers.js';
import type { NumberRecord } from '../src/core/records.js';
import { createD360Client } from '../src/d360/client.js';
import { mapBounded } from '../src/monitor/bounded.js';
import { createPoller, DEFAULT_STAGGER_MS } from '../src/monitor/poller.js';
import { createMonitor } from '../src/monitor/service.js';
import { createStore } from '../src/store/kv.js';
import { createRecordStore } from '../src/store/record-store.js';
import { createLogger } from '../src/telemetry/log.js';

const [mode = 'bot', url = '', count = '1000', concurrency = '64'] = process.argv.slice(2);
const limit = Number(concurrency);
const TIMEOUT_MS = 10_000;
const numbers = benchNumbers(url, Number(count));
// The same ramp for everyone: it is scheduling policy, not cost.
const each = (fn: (n: WaNumber) => Promise<unknown>) => mapBounded(numbers, limit, fn, { staggerMs: DEFAULT_STAGGER_MS });

async function botPass(): Promise<() => Promise<unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'wa-bench-pass-'));
  const records = createRecordStore<NumberRecord>(await createStore(`sqlite://${join(dir, 'store.sqlite')}`), 'number');
  const poller = createPoller({ numbers, client: createD360Client({ timeoutMs: TIMEOUT_MS }), concurrency: limit });
  const monitor = createMonitor({ poller, records, logger: createLogger({ level: 'info', write: () => {} }), onChange: () => {} });
  return () => monitor.runPass();
}

function gotPass(): () => Promise<unknown> {
  const client = got.extend({
    prefixUrl: url,
    agent: { http: new Agent({ keepAlive: true }) },
    throwHttpErrors: false,
    responseType: 'text',
    timeout: { request: TIMEOUT_MS },
    retry: { limit: 2, methods: ['GET'], statusCodes: [500, 502, 503, 504, 555], errorCodes: ['ECONNRESET', 'ECONNREFUSED', 'EPIPE'] },
  });
  // The body only, as the bot's client keeps: holding 30,000 whole responses would exhaust the heap.
  return () => each(async (n) => (await client.get('health_status', { headers: { 'D360-API-KEY': n.apiKey.reveal() } })).body);
}

function httpPass(): () => Promise<unknown> {
  const agent = new Agent({ keepAlive: true });
  const target = new URL('/health_status', url);
  const one = (n: WaNumber) =>
    new Promise<string>((resolve, reject) => {
      const req = get(target, { agent, headers: { 'D360-API-KEY': n.apiKey.reveal() }, timeout: TIMEOUT_MS }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve(body));
      });
      req.on('error', reject);
    });
  return () => each(one);
}

const pass = mode === 'bot' ? await botPass() : mode === 'got' ? gotPass() : httpPass();
process.stdout.write('ready\n');
for await (const _ of createInterface({ input: process.stdin })) {
  const cpu = process.cpuUsage();
  const started = performance.now();
  await pass();
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  // Idle RSS between passes: after the pass, once the event loop has settled.
  await new Promise((resolve) => setTimeout(resolve, 200));
  const result = { wallMs, cpuMs: (used.user + used.system) / 1000, rss: process.memoryUsage().rss };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
