/**
 * Webhook ingestion on loopback: the bot's receiver in its own process beside a bare node:http
 * server that parses the JSON, both under the same load of mixed 360dialog payloads from this
 * process, in interleaved rounds. CPU per request is read from each server process itself.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { Agent, request } from 'node:http';
import { createInterface } from 'node:readline';
import { startFlags } from './pass.js';
import { ms, summarise, verdict } from './stats.js';
import { payloads } from './webhook-payloads.js';

const ROUNDS = 8;
const PER_ROUND = 1_500;
const CONNECTIONS = 16;
const SECRET = 'bench-webhook-secret';
const SETTLE_MS = 300;

async function load(port: number, bodies: readonly string[]): Promise<{ latencies: number[]; errors: number }> {
  const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const one = (body: string) =>
    new Promise<void>((resolve) => {
      const started = performance.now();
      const headers = { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-webhook-secret': SECRET };
      const req = request({ host: '127.0.0.1', port, path: '/webhooks/360dialog', method: 'POST', agent, headers }, (res) => {
        res.resume();
        res.on('end', () => {
          latencies.push(performance.now() - started);
          if (res.statusCode !== 200) errors += 1;
          resolve();
        });
      });
      req.on('error', () => {
        errors += 1;
        resolve();
      });
      req.end(body);
    });
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (next < bodies.length) await one(bodies[next++] as string);
    }),
  );
  agent.destroy();
  return { latencies, errors };
}

interface Server {
  child: ChildProcess;
  port: number;
  cpu(): Promise<number>;
}

async function startServer(mode: 'bot' | 'bare'): Promise<Server> {
  const args = [...startFlags(), '--import', 'tsx', new URL('./webhook-server.ts', import.meta.url).pathname, mode, SECRET];
  const child = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'inherit'] });
  const waiting: Array<(line: string) => void> = [];
  createInterface({ input: child.stdout as NonNullable<ChildProcess['stdout']> }).on('line', (line) => waiting.shift()?.(line));
  const nextLine = () => new Promise<string>((resolve) => waiting.push(resolve));
  const port = Number((await nextLine()).slice('port '.length));
  return {
    child,
    port,
    async cpu() {
      const answer = nextLine();
      child.stdin?.write('cpu\n');
      return Number((await answer).slice('cpu '.length));
    },
  };
}

export async function benchWebhooks(): Promise<{ ok: boolean; lines: string[] }> {
  const servers = { bare: await startServer('bare'), bot: await startServer('bot') };
  const stats = { bare: { cpuUs: 0, latencies: [] as number[], errors: 0 }, bot: { cpuUs: 0, latencies: [] as number[], errors: 0 } };
  const perRound: number[] = [];
  // Round 0 warms both up (JIT, connections) and is not counted.
  for (let round = 0; round <= ROUNDS; round++) {
    // Fresh message ids every round: the bot counts a redelivered status once, so repeats would be cheaper.
    const bodies = payloads(PER_ROUND, round);
    const cpu = { bare: 0, bot: 0 };
    for (const mode of round % 2 ? (['bot', 'bare'] as const) : (['bare', 'bot'] as const)) {
      const server = servers[mode];
      const before = await server.cpu();
      const result = await load(server.port, bodies);
      // The bot answers 200 first and ingests afterwards: let that work finish inside the round.
      await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
      cpu[mode] = (await server.cpu()) - before;
      if (round === 0) continue;
      stats[mode].cpuUs += cpu[mode];
      stats[mode].latencies.push(...result.latencies);
      stats[mode].errors += result.errors;
    }
    if (round > 0) perRound.push(cpu.bot / cpu.bare);
  }
  for (const server of Object.values(servers)) server.child.kill('SIGTERM');
  const requests = ROUNDS * PER_ROUND;
  const perRequest = (mode: 'bare' | 'bot') => stats[mode].cpuUs / requests;
  const ratio = perRequest('bot') / perRequest('bare');
  const [bare, bot] = [summarise(stats.bare.latencies), summarise(stats.bot.latencies)];
  const ok = ratio <= 2 && stats.bot.errors === 0;
  return {
    ok,
    lines: [
      `webhook ingestion: ${ROUNDS} interleaved rounds of ${PER_ROUND} Cloud payloads (1–50 statuses, 10% failed over 6 codes,`,
      `  200 numbers) over ${CONNECTIONS} keep-alive connections, loopback; CPU read from each server process`,
      `  baseline (bare node:http, JSON.parse + 200): ${perRequest('bare').toFixed(0)} µs CPU/request  p50 ` +
        `${ms(bare.p50)}  p99 ${ms(bare.p99)}`,
      `  wa-health-bot /webhooks/360dialog:          ${perRequest('bot').toFixed(0)} µs CPU/request  p50 ${ms(bot.p50)}  ` +
        `p99 ${ms(bot.p99)}` +
        `  errors ${stats.bot.errors}`,
      `  CPU ratio ${ratio.toFixed(2)} (rounds ${Math.min(...perRound).toFixed(2)}–${Math.max(...perRound).toFixed(2)}; ` +
        `target ≤ 2) ${verdict(ok)}`,
    ],
  };
}
