/**
 * One full poll pass over 10,000 numbers against a fake 360dialog (its own process) answering
 * after 50 ms, at POLL_CONCURRENCY 64. The floor is numbers × latency ÷ concurrency: what a
 * poller with no overhead at all would take. The pass runs in a fresh process (poll-worker.ts).
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { verdict } from './stats.js';

const NUMBERS = 10_000;
const LATENCY_MS = 50;
const CONCURRENCY = 64;
const here = (file: string) => new URL(file, import.meta.url).pathname;

/** The V8 flags `npm start` runs the bot with, read from package.json so the two cannot drift. */
function startFlags(): string[] {
  const pkg = JSON.parse(readFileSync(here('../package.json'), 'utf8')) as { scripts: Record<string, string> };
  return (pkg.scripts.start ?? '').split(/\s+/).filter((part) => part.startsWith('--max-'));
}

export async function benchPoll(): Promise<{ ok: boolean; lines: string[] }> {
  const fake = spawn(process.execPath, ['--import', 'tsx', here('./d360-fake-process.ts'), String(LATENCY_MS)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let peakInFlight = 0;
  let served = 0;
  const url = await new Promise<string>((resolve) => {
    createInterface({ input: fake.stdout }).on('line', (line) => {
      const [kind, a, , b] = line.split(' ');
      if (kind === 'url' && a) resolve(a);
      if (kind === 'peak') {
        peakInFlight = Number(a);
        served = Number(b);
      }
    });
  });

  const flags = startFlags();
  const worker = spawn(
    process.execPath,
    [...flags, '--import', 'tsx', here('./poll-worker.ts'), url, String(NUMBERS), String(CONCURRENCY)],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let output = '';
  worker.stdout.on('data', (d) => (output += d));
  await new Promise((resolve) => worker.on('close', resolve));
  await new Promise((resolve) => setTimeout(resolve, 300));
  fake.kill('SIGTERM');

  const result = JSON.parse(output.trim().split('\n').pop() ?? '{}') as { elapsedMs: number; rssPeak: number; healthy: number };
  const floor = (NUMBERS * LATENCY_MS) / CONCURRENCY;
  const ratio = result.elapsedMs / floor;
  const rssMb = result.rssPeak / 1024 / 1024;
  const ok = ratio <= 1.25 && rssMb <= 200 && result.healthy === NUMBERS;
  return {
    ok,
    lines: [
      `poll pass: ${NUMBERS} numbers, fake 360dialog answering after ${LATENCY_MS} ms, POLL_CONCURRENCY ${CONCURRENCY} (node ${flags.join(' ')}, under tsx)`,
      `  floor (numbers × latency ÷ concurrency): ${(floor / 1000).toFixed(2)} s`,
      `  measured: ${(result.elapsedMs / 1000).toFixed(2)} s  ratio ${ratio.toFixed(2)} (target ≤ 1.25) ${verdict(ratio <= 1.25)}`,
      `  peak RSS: ${rssMb.toFixed(0)} MB (target ≤ 200 MB) ${verdict(rssMb <= 200)}`,
      `  healthy observations: ${result.healthy}/${NUMBERS}; the fake saw at most ${peakInFlight} in flight, ${served} requests`,
    ],
  };
}
