/**
 * `/wa-error` round trip through the real HTTP receiver, beside a bare Bolt app that acks a
 * constant: both behind the same signing, parsing and HTTP stack, measured in the same run, interleaved.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, LogLevel } from '@slack/bolt';
import { explain } from '../src/catalog/lookup.js';
import { createLogger } from '../src/telemetry/log.js';
import { explainBlocks } from '../src/slack/views/explain-blocks.js';
import { createSlackApp } from '../src/slack/app.js';
import { startFakeSlack } from '../test/fakes/slack-api.js';
import { idleMonitor } from '../test/support/monitor.js';
import { commandForm, signatureHeaders } from '../test/fakes/slack-signer.js';
import { ms, summarise, verdict } from './stats.js';

const SECRET = 'bench-signing-secret';
const QUERIES = ['2001', '131047', 'rate limit', '1016', '99999', '', 'template', '470 471'];
// Many short interleaved rounds: drift (GC, CPU frequency, the other core) hits both sides alike.
const ROUNDS = 16;
const PER_ROUND = 250;

async function timeRequests(url: string, responseUrl: string, count: number, offset: number): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const body = commandForm({ text: QUERIES[(i + offset) % QUERIES.length] ?? '', responseUrl });
    const headers = { 'content-type': 'application/x-www-form-urlencoded', ...signatureHeaders(SECRET, body) };
    const start = performance.now();
    const res = await fetch(url, { method: 'POST', headers, body });
    await res.arrayBuffer();
    samples.push(performance.now() - start);
    if (res.status !== 200) throw new Error(`bench request answered ${res.status}`);
  }
  return samples;
}

export async function benchWaError(): Promise<{ ok: boolean; lines: string[] }> {
  const fake = await startFakeSlack();
  const slack = { botToken: 'xoxb-bench-fake', signingSecret: SECRET, incidentChannel: 'C0BENCH', apiUrl: fake.apiUrl };
  const ours = createSlackApp({
    slack,
    port: 0,
    logger: createLogger({ level: 'error' }),
    deps: { monitor: await idleMonitor(), numbers: [] },
  });
  const oursServer = (await ours.start()) as Server;

  const bare = new App({
    token: slack.botToken,
    signingSecret: SECRET,
    logLevel: LogLevel.ERROR,
    clientOptions: { slackApiUrl: fake.apiUrl },
  });
  bare.command('/wa-error', async ({ ack }) => {
    await ack({ response_type: 'ephemeral', text: 'ok' });
  });
  const bareServer = (await bare.start(0)) as Server;

  const url = (s: Server) => `http://127.0.0.1:${(s.address() as AddressInfo).port}/slack/events`;
  const responseUrl = fake.responseUrl('bench');
  await timeRequests(url(bareServer), responseUrl, 1000, 0);
  await timeRequests(url(oursServer), responseUrl, 1000, 0);

  const base: number[] = [];
  const mine: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    base.push(...(await timeRequests(url(bareServer), responseUrl, PER_ROUND, round)));
    mine.push(...(await timeRequests(url(oursServer), responseUrl, PER_ROUND, round)));
  }
  await ours.stop();
  await bare.stop();
  await fake.close();

  // The listener caches answers per query; what a first-time query costs to build, for the record.
  const build = QUERIES.map((q) => {
    const started = performance.now();
    for (let i = 0; i < 200; i++) explainBlocks(explain(`${q} `.repeat(1 + (i % 2)).trim()));
    return { q, us: ((performance.now() - started) / 200) * 1000 };
  });
  const slowest = build.reduce((a, b) => (b.us > a.us ? b : a));

  const b = summarise(base);
  const m = summarise(mine);
  const p99Ratio = m.p99 / b.p99;
  const ok = p99Ratio <= 1.2;
  return {
    ok,
    lines: [
      `/wa-error round trip over the HTTP receiver (${m.n} requests each, sequential, loopback)`,
      `  baseline (bare Bolt, constant ack): p50 ${ms(b.p50)}  p99 ${ms(b.p99)}`,
      `  wa-health-bot /wa-error:            p50 ${ms(m.p50)}  p99 ${ms(m.p99)}`,
      `  ratio: p50 ${(m.p50 / b.p50).toFixed(2)}  p99 ${p99Ratio.toFixed(2)}  (target p99 ≤ 1.20) ${verdict(ok)}`,
      `  building an answer without the cache: ` +
        `${build.map((x) => `${JSON.stringify(x.q)} ${x.us.toFixed(0)} µs`).join(', ')} (slowest: ${JSON.stringify(slowest.q)})`,
    ],
  };
}
