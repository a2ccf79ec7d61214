/**
 * One health call in a process of its own, for memory figures the test runner's own heap cannot blur:
 * `health-probe.ts <baseUrl> <key>` prints {"kind", "baselineRss", "peakRss"} as one JSON line.
 */
import { createD360Client } from '../../src/d360/client.js';
import { Secret } from '../../src/config/secret.js';

const [baseUrl = '', key = ''] = process.argv.slice(2);
const client = createD360Client({ timeoutMs: 8000, retries: 0 });
const baselineRss = process.memoryUsage().rss;
let peakRss = baselineRss;
const sample = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 5);
const answer = await client.health({ name: 'Probe', api: 'cloud', apiKeyEnv: 'PROBE_KEY', apiKey: new Secret(key), baseUrl });
clearInterval(sample);
peakRss = Math.max(peakRss, process.memoryUsage().rss);
process.stdout.write(`${JSON.stringify({ kind: answer.kind, baselineRss, peakRss })}\n`);
process.exit(0);
