/**
 * Webhook ingestion on loopback: the bot's receiver in its own process, under a steady load of
 * 360dialog Cloud status payloads (one failure in ten) from this process, beside a bare node:http
 * server that only reads and answers, measured the same way in the same run.
 */
import { spawn } from 'node:child_process';
import { Agent, request } from 'node:http';
import { createInterface } from 'node:readline';
import { ms, summarise, verdict } from './stats.js';

const REQUESTS = 20_000;
const CONNECTIONS = 16;
const SECRET = 'bench-webhook-secret';

function payload(i: number): string {
  const failed = i % 10 === 0;
  return JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [
      {
        id: '1',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '15550783881', phone_number_id: '106540352242922' },
              statuses: [
                {
                  id: `wamid.BENCH${i}`,
                  status: failed ? 'failed' : 'delivered',
                  timestamp: String(Math.floor(Date.now() / 1000)),
                  recipient_id: '16315551181',
                  ...(failed
                    ? {
                        errors: [
                          { code: 131047, title: 'Re-engagement message', error_data: { details: 'More than 24 hours have passed.' } },
                        ],
                      }
                    : {}),
                },
              ],
            },
          },
        ],
      },
    ],
  });
}

async function load(port: number): Promise<{ latencies: number[]; seconds: number; errors: number }> {
  const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const one = (i: number) =>
    new Promise<void>((resolve) => {
      const body = payload(i);
      const started = performance.now();
      const req = request(
        {
          host: '127.0.0.1',
          port,
          path: '/webhooks/360dialog',
          method: 'POST',
          agent,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-webhook-secret': SECRET },
        },
        (res) => {
          res.resume();
          res.on('end', () => {
            latencies.push(performance.now() - started);
            if (res.statusCode !== 200) errors += 1;
            resolve();
          });
        },
      );
      req.on('error', () => {
        errors += 1;
        resolve();
      });
      req.end(body);
    });
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (next < REQUESTS) await one(next++);
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  return { latencies, seconds, errors };
}

async function measure(mode: 'bot' | 'bare') {
  const child = spawn(
    process.execPath,
    ['--max-old-space-size=256', '--import', 'tsx', new URL('./webhook-server.ts', import.meta.url).pathname, mode, SECRET],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const port = await new Promise<number>((resolve) =>
    createInterface({ input: child.stdout }).on('line', (l) => l.startsWith('port ') && resolve(Number(l.slice(5)))),
  );
  await load(port); // warm-up pass: JIT, connections
  const result = await load(port);
  child.kill('SIGTERM');
  return { ...summarise(result.latencies), rps: REQUESTS / result.seconds, errors: result.errors };
}

export async function benchWebhooks(): Promise<{ ok: boolean; lines: string[] }> {
  const bare = await measure('bare');
  const bot = await measure('bot');
  const ok = bot.rps >= 2000 && bot.p99 < 50 && bot.errors === 0;
  return {
    ok,
    lines: [
      `webhook ingestion: ${REQUESTS} Cloud status payloads over ${CONNECTIONS} keep-alive connections, loopback`,
      `  baseline (bare node:http, read + 200): ${bare.rps.toFixed(0)} req/s  p50 ${ms(bare.p50)}  p99 ${ms(bare.p99)}`,
      `  wa-health-bot /webhooks/360dialog:     ${bot.rps.toFixed(0)} req/s  p50 ${ms(bot.p50)}  p99 ${ms(bot.p99)}  errors ${bot.errors}`,
      `  ratio to baseline: throughput ${(bot.rps / bare.rps).toFixed(2)}  p99 ${(bot.p99 / bare.p99).toFixed(2)}`,
      `  targets: ≥ 2000 req/s ${verdict(bot.rps >= 2000)}, p99 < 50 ms ${verdict(bot.p99 < 50)}`,
    ],
  };
}
