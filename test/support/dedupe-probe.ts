/**
 * Webhook ingest under a flood, in a process of its own (run with --expose-gc): 100,000 failed statuses
 * with 10 KB details each, parsed from real JSON bodies of under 1 MB as the receiver would get them.
 * `dedupe-probe.ts <scenario>` prints {"heapGrowth", "counted"}; scenario `one-code`, or `many-codes` (a new code
 * with a 10 KB title each).
 */
import { Secret } from '../../src/config/secret.js';
import { createLogger } from '../../src/telemetry/log.js';
import { createWebhookIngest } from '../../src/webhooks/ingest.js';
import { parseWebhook } from '../../src/webhooks/parse.js';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');
const scenario = process.argv[2] ?? 'one-code';
const TOTAL = 100_000;
const PER_BODY = 90;

let counted = 0;
const ingest = createWebhookIngest({
  numbers: [{ name: 'Flooded', api: 'cloud', apiKeyEnv: 'K', apiKey: new Secret('probe-key-0123456789'), baseUrl: 'http://127.0.0.1:9' }],
  logger: createLogger({ write: () => {} }),
  debounceMs: 60_000,
  observe: async () => {},
});

gc();
const before = process.memoryUsage().heapUsed;
const filler = 'd'.repeat(10 * 1024);
const now = Math.floor(Date.now() / 1000);
for (let sent = 0; sent < TOTAL; sent += PER_BODY) {
  const statuses = Array.from({ length: Math.min(PER_BODY, TOTAL - sent) }, (_, i) => {
    const n = sent + i;
    const code = scenario === 'many-codes' ? 200_000 + n : 131047;
    // Many codes: the 10 KB move to the title, which a new code's tally keeps.
    const title = `title ${n} ${scenario === 'many-codes' ? filler : ''}`;
    const details = scenario === 'many-codes' ? '' : filler;
    const error = `{"code":${code},"title":"${title}","error_data":{"details":"${n} ${details}"}}`;
    return `{"id":"wamid.${n}","status":"failed","timestamp":"${now}","errors":[${error}]}`;
  });
  // Parsed from JSON text, as the receiver gets it: every string a fresh allocation, as in production.
  const body = JSON.parse(`{"statuses":[${statuses.join(',')}]}`) as unknown;
  const events = parseWebhook(body, Date.now());
  counted += events.length;
  // One body at a time, as the receiver hands them over (each in its own turn of the event loop).
  await ingest.receive(events, 'Flooded');
}
gc();
const heapGrowth = process.memoryUsage().heapUsed - before;
ingest.stop();
process.stdout.write(`${JSON.stringify({ heapGrowth, counted })}\n`);
process.exit(0);
