import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { createD360Client } from '../src/d360/client.js';
import { classify } from '../src/d360/classify.js';
import { createPoller } from '../src/monitor/poller.js';
import { Secret } from '../src/config/secret.js';
const child = spawn(process.execPath, ['--import', 'tsx', new URL('./d360-fake-process.ts', import.meta.url).pathname, '50'], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
const url = await new Promise<string>((r) =>
  createInterface({ input: child.stdout }).on('line', (l) => {
    if (l.startsWith('url ')) r(l.slice(4));
  }),
);
const mode = process.argv[2] ?? '';
const numbers = Array.from({ length: 10000 }, (_, i) => ({
  name: `n${i}`,
  api: 'cloud' as const,
  apiKeyEnv: 'K',
  apiKey: new Secret(`k${i}`),
  baseUrl: url,
}));
const client = createD360Client();
let peak = 0;
const t = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().rss);
}, 20);
const before = process.memoryUsage().rss;
if (mode === 'poller') await createPoller({ numbers, client, concurrency: 64 }).pollAll();
else {
  let next = 0;
  await Promise.all(
    Array.from({ length: 64 }, async () => {
      while (next < 10000) {
        const n = numbers[next++]!;
        const a = await client.health(n);
        if (mode === 'classify') classify(n, a, Date.now());
      }
    }),
  );
}
clearInterval(t);
console.log(mode, 'before', (before / 1e6).toFixed(0), 'peak', (peak / 1e6).toFixed(0));
child.kill();
