/**
 * Three replicas on one redis-server, each in its own process, against the fake 360dialog: the
 * leader's pass time beside the floor (a minimal keep-alive got client's pass over the same fake,
 * as bench/pass.ts measures it), in interleaved rounds, and the Redis commands a poll costs (INFO
 * commandstats before and after a pass, over the number of numbers). `npm run bench -- replicas
 * [numbers]`: 30,000 numbers unless given.
 */
import { startRedis } from '../test/support/redis-server.js';
import { startFlags } from './pass.js';
import { verdict } from './stats.js';
import { median, nextLine, range, spawnWorker } from './workers.js';

const LATENCY_MS = 20;
const CONCURRENCY = 64;
const REPLICAS = 3;
const ROUNDS = 2;
const here = (file: string) => new URL(file, import.meta.url).pathname;

/** Calls per command since the server started, from INFO commandstats (the INFO calls themselves left out). */
function commandCalls(info: string): Map<string, number> {
  const calls = new Map<string, number>();
  for (const match of info.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)) {
    if (match[1] !== 'info') calls.set(match[1] as string, Number(match[2]));
  }
  return calls;
}

export async function benchReplicas(): Promise<{ ok: boolean; lines: string[] }> {
  const numbers = Number(process.argv[3] ?? 30_000);
  const redis = await startRedis();
  const fake = spawnWorker([here('./d360-fake-process.ts'), String(LATENCY_MS)]);
  const url = (await nextLine(fake, 'url ')).slice(4);
  const flags = startFlags();
  const replicas = Array.from({ length: REPLICAS }, () =>
    spawnWorker([here('./replicas-worker.ts'), url, redis.url, String(numbers), String(CONCURRENCY)], flags),
  );
  const floor = spawnWorker([here('./pass-worker.ts'), 'got', url, String(numbers), String(CONCURRENCY)], flags);
  for (const worker of [...replicas, floor]) await nextLine(worker, 'ready');

  const leaderPass = async () => {
    const before = commandCalls(redis.cli('INFO', 'commandstats'));
    for (const worker of replicas) worker.child.stdin?.write('go\n');
    const answers = await Promise.all(
      replicas.map(async (w) => JSON.parse(await nextLine(w, '{')) as { leader: boolean; wallMs?: number; cpuMs?: number }),
    );
    const after = commandCalls(redis.cli('INFO', 'commandstats'));
    const led = answers.filter((a) => a.leader);
    if (led.length !== 1) throw new Error(`${led.length} replicas ran the pass, not one`);
    const delta = new Map([...after].map(([cmd, n]) => [cmd, n - (before.get(cmd) ?? 0)] as const).filter(([, n]) => n > 0));
    return { wallMs: led[0]?.wallMs ?? Number.NaN, cpuMs: led[0]?.cpuMs ?? Number.NaN, delta };
  };
  const floorPass = async () => {
    floor.child.stdin?.write('go\n');
    return JSON.parse(await nextLine(floor, '{')) as { wallMs: number; cpuMs: number };
  };

  const bot: number[] = [];
  const got: number[] = [];
  const botCpu: number[] = [];
  const gotCpu: number[] = [];
  const perPoll: number[] = [];
  let last = new Map<string, number>();
  // A worker that dies (out of memory, say) must not leave the others, the fake and Redis behind.
  try {
    // Round 0 warms up (JIT, connections, the records' first writes) and is not counted.
    for (let round = 0; round <= ROUNDS; round++) {
      const order = round % 2 ? ['floor', 'bot'] : ['bot', 'floor'];
      for (const which of order) {
        if (which === 'floor') {
          const pass = await floorPass();
          if (round > 0) got.push(pass.wallMs);
          if (round > 0) gotCpu.push(pass.cpuMs);
          continue;
        }
        const pass = await leaderPass();
        if (round === 0) continue;
        bot.push(pass.wallMs);
        botCpu.push(pass.cpuMs);
        last = pass.delta;
        perPoll.push([...pass.delta.values()].reduce((a, b) => a + b, 0) / numbers);
      }
    }
  } finally {
    for (const worker of [...replicas, floor]) worker.child.kill();
    fake.child.kill('SIGTERM');
    await redis.stop();
  }

  const ratio = median(bot) / median(got);
  const ok = ratio <= 1.25;
  const top = [...last]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 6)
    .map(([cmd, n]) => `${cmd} ${(n / numbers).toFixed(2)}`)
    .join(', ');
  return {
    ok,
    lines: [
      `${REPLICAS} replicas × ${numbers} numbers on one redis-server vs a minimal got client, same fake 360dialog`,
      `  (own process; answers after ${LATENCY_MS} ms), concurrency ${CONCURRENCY}, ${ROUNDS} interleaved rounds after a warm-up`,
      `  floor numbers × latency ÷ concurrency ${((numbers * LATENCY_MS) / CONCURRENCY / 1000).toFixed(2)} s`,
      `  pass time: leader ${(median(bot) / 1000).toFixed(2)} s (rounds ${range(bot.map((x) => x / 1000))}), ` +
        `got ${(median(got) / 1000).toFixed(2)} s (rounds ${range(got.map((x) => x / 1000))})`,
      `  ratio leader/got ${ratio.toFixed(2)} (target ≤ 1.25) ${verdict(ok)}; CPU per pass: leader ` +
        `${(median(botCpu) / 1000).toFixed(2)} s, got ${(median(gotCpu) / 1000).toFixed(2)} s`,
      `  Redis commands per poll: ${median(perPoll).toFixed(2)} (rounds ${range(perPoll)}); last pass by command: ${top}`,
    ],
  };
}
