/**
 * A full poll pass through the monitor (poll, classify, engine, apply into a SQLite file) beside
 * a minimal keep-alive got client and bare node:http making the same calls to the same fake
 * 360dialog, each in its own process, in interleaved rounds. 30,000 numbers only with BENCH_30K=1.
 */
import { readFileSync } from 'node:fs';
import { verdict } from './stats.js';
import { median, nextLine, range, spawnWorker, type Worker } from './workers.js';

const LATENCY_MS = 20;
const CONCURRENCY = 64;
const SIZES = [
  { numbers: 1_000, rounds: 7 },
  { numbers: 10_000, rounds: 3 },
  ...(process.env.BENCH_30K === '1' ? [{ numbers: 30_000, rounds: 2 }] : []),
];
const MODES = ['bot', 'got', 'http'] as const;
type Mode = (typeof MODES)[number];
const here = (file: string) => new URL(file, import.meta.url).pathname;

/** The V8 flags `npm start` runs the bot with, read from package.json so the two cannot drift. */
export function startFlags(): string[] {
  const pkg = JSON.parse(readFileSync(here('../package.json'), 'utf8')) as { scripts: Record<string, string> };
  return (pkg.scripts.start ?? '').split(/\s+/).filter((part) => part.startsWith('--max-'));
}

interface Pass {
  wallMs: number;
  cpuMs: number;
  rss: number;
}

export async function benchPollPass(): Promise<{ ok: boolean; lines: string[] }> {
  const fake = await spawnWorker([here('./d360-fake-process.ts'), String(LATENCY_MS)]);
  const url = (await nextLine(fake, 'url ')).slice(4);
  const flags = startFlags();
  const lines = [
    `poll pass through the monitor (poll + classify + engine + SQLite) vs minimal got vs bare node:http, same fake 360dialog`,
    `  (own process; answers after ${LATENCY_MS} ms), concurrency ${CONCURRENCY}, node ${flags.join(' ')}; medians of interleaved rounds`,
  ];
  let ok = true;
  for (const size of SIZES) {
    const workers = new Map<Mode, Worker>();
    for (const mode of MODES) {
      const worker = await spawnWorker([here('./pass-worker.ts'), mode, url, String(size.numbers), String(CONCURRENCY)], flags);
      await nextLine(worker, 'ready');
      workers.set(mode, worker);
    }
    const runs = new Map<Mode, Pass[]>(MODES.map((m) => [m, []]));
    // Round 0 warms up (JIT, connections, the bot's first records) and is not counted.
    for (let round = 0; round <= size.rounds; round++) {
      for (const mode of round % 2 ? [...MODES].reverse() : MODES) {
        const worker = workers.get(mode) as Worker;
        worker.child.stdin?.write('go\n');
        const pass = JSON.parse(await nextLine(worker, '{')) as Pass;
        if (round > 0) runs.get(mode)?.push(pass);
      }
    }
    for (const worker of workers.values()) worker.child.kill();
    const m = (mode: Mode, key: keyof Pass) => median((runs.get(mode) ?? []).map((p) => p[key]));
    const perNumber = (mode: Mode) => (m(mode, 'cpuMs') / size.numbers) * 1000;
    const cpuRatio = m('bot', 'cpuMs') / m('got', 'cpuMs');
    const wallRatio = m('bot', 'wallMs') / m('got', 'wallMs');
    const floor = (size.numbers * LATENCY_MS) / CONCURRENCY;
    const cpuOk = cpuRatio <= 1.25;
    const wallOk = size.numbers !== 10_000 || wallRatio <= 1.25;
    ok &&= cpuOk && wallOk;
    const botCpu = (runs.get('bot') ?? []).map((p) => p.cpuMs / m('got', 'cpuMs'));
    lines.push(
      `  ${size.numbers} numbers, ${size.rounds} rounds (floor numbers × latency ÷ concurrency ${(floor / 1000).toFixed(2)} s):`,
      `    CPU per pass: bot ${m('bot', 'cpuMs').toFixed(0)} ms (${perNumber('bot').toFixed(0)} µs/number), ` +
        `got ${m('got', 'cpuMs').toFixed(0)} ms (${perNumber('got').toFixed(0)} µs), http ` +
        `${m('http', 'cpuMs').toFixed(0)} ms (${perNumber('http').toFixed(0)} µs)`,
      `    CPU ratio bot/got ${cpuRatio.toFixed(2)} (rounds ${range(botCpu)}; target ≤ 1.25) ${verdict(cpuOk)}; ` +
        `bot/http ${(m('bot', 'cpuMs') / m('http', 'cpuMs')).toFixed(2)}, got/http ${(m('got', 'cpuMs') / m('http', 'cpuMs')).toFixed(2)}`,
      `    pass time: bot ${(m('bot', 'wallMs') / 1000).toFixed(2)} s, got ${(m('got', 'wallMs') / 1000).toFixed(2)} s, ` +
        `http ${(m('http', 'wallMs') / 1000).toFixed(2)} s; bot/got ${wallRatio.toFixed(2)}` +
        (size.numbers === 10_000 ? ` (target ≤ 1.25) ${verdict(wallOk)}` : ''),
      `    RSS after a pass: bot ${(m('bot', 'rss') / 1e6).toFixed(0)} MB, got ${(m('got', 'rss') / 1e6).toFixed(0)} MB, ` +
        `http ${(m('http', 'rss') / 1e6).toFixed(0)} MB`,
    );
  }
  fake.child.kill('SIGTERM');
  return { ok, lines };
}
