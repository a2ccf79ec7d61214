/**
 * The webhook receiver as it runs in the bot (our HTTP receiver for Slack, the real route, aggregation,
 * the engine, a SQLite store) for 200 numbers, or with `bare` a plain node:http server that reads
 * the body, parses the JSON and answers 200: the baseline. Runs in its own process; prints its
 * port, and answers each stdin line with its CPU time so far (µs).
 */
import { createServer, type Server } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { WaNumber } from '../src/config/numbers.js';
import { createD360Client } from '../src/d360/client.js';
import { createLogger } from '../src/telemetry/log.js';
import { createPoller } from '../src/monitor/poller.js';
import type { NumberRecord } from '../src/core/records.js';
import { createMonitor } from '../src/monitor/service.js';
import { Secret } from '../src/config/secret.js';
import { createSlackApp } from '../src/slack/app.js';
import { createStore } from '../src/store/kv.js';
import { createRecordStore } from '../src/store/record-store.js';
import { createWebhookIngest } from '../src/webhooks/ingest.js';
import { webhookRoute } from '../src/webhooks/receiver.js';
import { startFakeSlack } from '../test/fakes/slack-api.js';
import { NUMBERS, phoneOf } from './webhook-payloads.js';

const mode = process.argv[2] ?? 'bot';
const secret = process.argv[3] ?? 'bench-secret';
const quiet = createLogger({ level: 'error' });

let server: Server;
if (mode === 'bare') {
  server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      JSON.parse(body);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
} else {
  const numbers: WaNumber[] = Array.from({ length: NUMBERS }, (_, i) => ({
    name: `Line ${i}`,
    phone: `+${phoneOf(i)}`,
    api: 'cloud',
    apiKeyEnv: 'K',
    apiKey: new Secret(`bench-key-${i}`),
    baseUrl: 'http://127.0.0.1:1',
  }));
  const records = createRecordStore<NumberRecord>(
    await createStore(`sqlite://${join(mkdtempSync(join(tmpdir(), 'wa-bench-')), 'store.sqlite')}`),
    'number',
  );
  const poller = createPoller({ numbers, client: createD360Client(), concurrency: 1 });
  const monitor = createMonitor({ poller, records, logger: quiet, onChange: () => {} });
  const ingest = createWebhookIngest({ numbers, logger: quiet, observe: (o) => monitor.ingest(o) });
  const fakeSlack = await startFakeSlack();
  const app = createSlackApp({
    slack: { botToken: 'xoxb-bench-fake', signingSecret: 'bench', incidentChannel: 'C0BENCH', apiUrl: fakeSlack.apiUrl },
    port: 0,
    logger: quiet,
    routes: [webhookRoute({ secret, logger: quiet, onEvents: (events, hint) => ingest.receive(events, hint) })],
    deps: { monitor, numbers },
  });
  server = (await app.start()) as Server;
}
process.stdout.write(`port ${(server.address() as { port: number }).port}\n`);
createInterface({ input: process.stdin }).on('line', () => {
  const { user, system } = process.cpuUsage();
  process.stdout.write(`cpu ${user + system}\n`);
});
process.on('SIGTERM', () => process.exit(0));
