/** The fake 360dialog in its own process, so the poll benchmark measures the bot's memory and CPU alone. */
import { HEALTHY_CLOUD, startFakeD360 } from '../test/fakes/d360.js';

const fake = await startFakeD360();
fake.latencyMs = Number(process.argv[2] ?? 50);
fake.fallback = { json: HEALTHY_CLOUD };
setInterval(() => process.stdout.write(`peak ${fake.peakInFlight} requests ${fake.requests.length}\n`), 250).unref();
process.stdout.write(`url ${fake.url}\n`);
// The bench that started this process is gone: so is the reason to serve.
process.stdout.on('error', () => process.exit(0));
process.on('SIGTERM', () => void fake.close().then(() => process.exit(0)));
