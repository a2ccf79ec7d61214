/**
 * One poll pass in a fresh process, loaded like the bot (Bolt included) and started with the
 * same V8 flags as `npm start`, so its RSS is the bot's and nothing else's. Prints a JSON result.
 */
import '../src/slack/app.js';
import { createD360Client } from '../src/d360/client.js';
import { createPoller } from '../src/monitor/poller.js';
import type { WaNumber } from '../src/config/numbers.js';
import { Secret } from '../src/config/secret.js';

const [url = '', count = '10000', concurrency = '64'] = process.argv.slice(2);
const numbers: WaNumber[] = Array.from({ length: Number(count) }, (_, i) => ({
  name: `number ${i}`,
  api: 'cloud',
  apiKeyEnv: 'D360_KEY',
  apiKey: new Secret(`bench-key-${i}`),
  baseUrl: url,
}));
const poller = createPoller({ numbers, client: createD360Client({ timeoutMs: 10_000 }), concurrency: Number(concurrency) });

let rssPeak = process.memoryUsage().rss;
const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 20);
const started = performance.now();
const observations = await poller.pollAll();
const elapsedMs = performance.now() - started;
clearInterval(sampler);
rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
process.stdout.write(`${JSON.stringify({ elapsedMs, rssPeak, healthy: observations.filter((o) => o.state === 'healthy').length })}\n`);
