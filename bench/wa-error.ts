/**
 * `/wa-error` round trip through the real HTTP receiver, beside a bare Bolt app that acks a
 * constant: both behind the same signing, parsing and HTTP stack, sent the same request bodies,
 * one request each in turn. Four kinds of query: cached (the same eight again and again), and three
 * that never hit the answer cache (distinct codes, distinct words, pasted webhook JSON).
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, LogLevel } from '@slack/bolt';
import { CACHE_SIZE } from '../src/slack/commands/wa-error.js';
import { createSlackApp } from '../src/slack/app.js';
import { createLogger } from '../src/telemetry/log.js';
import { startFakeSlack } from '../test/fakes/slack-api.js';
import { commandForm, signatureHeaders } from '../test/fakes/slack-signer.js';
import { idleMonitor } from '../test/support/monitor.js';
import { ms, summarise, verdict } from './stats.js';
import { type Kind, queriesOf } from './wa-error-queries.js';

const SECRET = 'bench-signing-secret';
const KINDS: readonly Kind[] = ['cached', 'codes', 'words', 'posts', 'paste'];
const LABEL: Record<Kind, string> = {
  cached: 'cached (8 queries, repeated)',
  codes: 'uncached codes (known, unknown, in prose)',
  words: 'uncached words (2–4 catalog words)',
  posts: 'uncached questions from public posts and reviewers (not written for the bench)',
  paste: 'uncached pastes (webhook JSON, ~4 KB)',
};
// Many short rounds, kinds in turn, bare and ours alternating per request: drift hits both sides alike.
const ROUNDS = 10;
const PER_ROUND = 120;
const TARGET = 1.3;

async function post(url: string, body: string): Promise<number> {
  const headers = { 'content-type': 'application/x-www-form-urlencoded', ...signatureHeaders(SECRET, body) };
  const start = performance.now();
  const res = await fetch(url, { method: 'POST', headers, body });
  await res.arrayBuffer();
  const took = performance.now() - start;
  if (res.status !== 200) throw new Error(`bench request answered ${res.status}`);
  return took;
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
    // The bot's Bolt settings: it runs no conversation store either, so that is not counted as its own gain.
    convoStore: false,
    clientOptions: { slackApiUrl: fake.apiUrl },
  });
  bare.command('/wa-error', async ({ ack }) => {
    await ack({ response_type: 'ephemeral', text: 'ok' });
  });
  const bareServer = (await bare.start(0)) as Server;
  const url = (s: Server) => `http://127.0.0.1:${(s.address() as AddressInfo).port}/slack/events`;
  const [bareUrl, oursUrl] = [url(bareServer), url(oursServer)];
  const responseUrl = fake.responseUrl('bench');

  const queries = Object.fromEntries(KINDS.map((k) => [k, queriesOf(k, CACHE_SIZE)])) as Record<Kind, string[]>;
  const next = Object.fromEntries(KINDS.map((k) => [k, 0])) as Record<Kind, number>;
  const samples = Object.fromEntries(KINDS.map((k) => [k, { base: [] as number[], mine: [] as number[] }]));
  const run = async (kind: Kind, count: number, record: boolean, swap: boolean) => {
    const list = queries[kind];
    for (let i = 0; i < count; i++) {
      // Cycled in order: each uncached kind holds more queries than the cache keeps (pastes are never cached),
      // so a cyclic scan never hits it.
      const body = commandForm({ text: list[next[kind]++ % list.length] ?? '', responseUrl });
      const b = swap ? undefined : await post(bareUrl, body);
      const m = await post(oursUrl, body);
      const b2 = b ?? (await post(bareUrl, body));
      if (record) {
        samples[kind]?.base.push(b2);
        samples[kind]?.mine.push(m);
      }
    }
  };
  // Warm-up: one full cycle of every kind (JIT on both sides; the cached kind then sits in the cache).
  for (const kind of KINDS) await run(kind, queries[kind].length, false, false);
  for (let round = 0; round < ROUNDS; round++) {
    for (const kind of KINDS) await run(kind, PER_ROUND, true, round % 2 === 1);
  }
  await ours.stop();
  await bare.stop();
  await fake.close();

  let ok = true;
  const lines = [
    `/wa-error round trip over the HTTP receiver (${ROUNDS * PER_ROUND} requests per kind and side, sequential, loopback; ` +
      `baseline: bare Bolt acking a constant, same bodies, alternating per request)`,
  ];
  for (const kind of KINDS) {
    const b = summarise(samples[kind]?.base ?? []);
    const m = summarise(samples[kind]?.mine ?? []);
    const p90 = m.p90 / b.p90;
    const p99 = m.p99 / b.p99;
    const uncached = kind !== 'cached';
    const met = p90 <= TARGET && p99 <= TARGET;
    if (uncached) ok &&= met;
    lines.push(
      `  ${LABEL[kind]} (${queries[kind].length} distinct)`,
      `    bare Bolt: p50 ${ms(b.p50)}  p90 ${ms(b.p90)}  p99 ${ms(b.p99)}   bot: p50 ${ms(m.p50)}  p90 ${ms(m.p90)}  p99 ${ms(m.p99)}`,
      `    ratio: p50 ${(m.p50 / b.p50).toFixed(2)}  p90 ${p90.toFixed(2)}  p99 ${p99.toFixed(2)}` +
        (uncached ? `  (target p90 and p99 ≤ ${TARGET.toFixed(2)}) ${verdict(met)}` : ''),
    );
  }
  return { ok, lines };
}
