/**
 * One replica for the replicas bench, in its own process: the bot's poller, monitor and engine over
 * a Redis store, fenced by the Redis lease like `npm start` builds them (no Slack: delivery is not
 * what is measured). Each "go" on stdin runs one pass if this replica leads and answers one JSON line.
 */
import { benchNumbers } from './workers.js';
import { createInterface } from 'node:readline';
import { createLeadership } from '../src/cluster/leadership.js';
import type { NumberRecord } from '../src/core/records.js';
import { createD360Client } from '../src/d360/client.js';
import { createPoller } from '../src/monitor/poller.js';
import { createMonitor } from '../src/monitor/service.js';
import { createStore } from '../src/store/kv.js';
import { createRecordStore } from '../src/store/record-store.js';
import { openRedis } from '../src/store/redis-client.js';
import { createLogger } from '../src/telemetry/log.js';

const [url = '', redisUrl = '', count = '1000', concurrency = '64'] = process.argv.slice(2);
const numbers = benchNumbers(url, Number(count));
// One command connection for the store and the lease, as createBot shares it.
const redis = await openRedis(redisUrl);
const leadership = createLeadership(redis, () => undefined);
const kv = await createStore(redisUrl, { redis, ...(leadership.fence ? { fence: leadership.fence } : {}) });
const records = createRecordStore<NumberRecord>(kv, 'number');
const poller = createPoller({ numbers, client: createD360Client({ timeoutMs: 10_000 }), concurrency: Number(concurrency) });
const monitor = createMonitor({
  poller,
  records,
  logger: createLogger({ level: 'info', write: () => {} }),
  onChange: (number, worth) => leadership.changed(number, worth),
});
await leadership.start({ onGain: () => undefined, onLose: () => undefined, onChanged: () => undefined });
process.stdout.write('ready\n');
for await (const _ of createInterface({ input: process.stdin })) {
  if (!leadership.isLeader()) {
    process.stdout.write(`${JSON.stringify({ leader: false })}\n`);
    continue;
  }
  const cpu = process.cpuUsage();
  const started = performance.now();
  await monitor.runPass();
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  process.stdout.write(`${JSON.stringify({ leader: true, wallMs, cpuMs: (used.user + used.system) / 1000 })}\n`);
}
// stdin closed: the bench is done with this replica (the lease would otherwise keep it alive).
process.exit(0);
