/**
 * `npm start` to ready with 1,000 and 30,000 numbers: the built bot (dist/, started exactly as
 * `npm start` does) against a fake Slack and a fake 360dialog on loopback. With 30,000 numbers it
 * also measures RSS while idle before the first pass and between passes, and a restart over the
 * 30,000 records the pass left in the store. Baseline, started in turn with the bot: a bare node
 * process that starts an HTTP server, timed the same way (spawn to the first 200 on loopback).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { startFakeSlack } from '../test/fakes/slack-api.js';
import { freePort } from '../test/support/bot-process.js';
import { botVariables, buildDist, startD360Process, writeNumbers } from './built-bot.js';
import { startFlags } from './pass.js';
import { verdict } from './stats.js';

const root = new URL('..', import.meta.url).pathname;
const LATENCY_MS = 20;
/** Range of the ratios to the median baseline: the baseline itself varies by a few tens of ms. */
const ratio = (xs: number[], base: number[]) => {
  const mid = [...base].sort((a, b) => a - b)[Math.floor(base.length / 2)] ?? Number.NaN;
  return range(xs.map((x) => x / mid));
};
const list = (xs: number[]) => xs.map((x) => x.toFixed(2)).join(', ');
const range = (xs: number[]) => `${Math.min(...xs).toFixed(2)}–${Math.max(...xs).toFixed(2)}`;
const rssMb = (pid: number | undefined) =>
  Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? Number.NaN) / 1024;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface Bot {
  child: ChildProcess;
  /** Seconds from spawn to the first 200 from GET /healthz: the bot is serving HTTP. */
  serving(): Promise<number>;
  /** Seconds from spawn to the first (or `nth`) line matching `pattern`. */
  when(pattern: RegExp, timeoutMs?: number, nth?: number): Promise<number>;
  stop(): Promise<void>;
}

const BARE_SERVER = "require('node:http').createServer((q, s) => s.end('ok')).listen(Number(process.argv[1]), '127.0.0.1')";

/** Seconds from spawn to the first 200 of a bare node HTTP server: what starting any node service costs here. */
async function bareServerStart(): Promise<number> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, ['-e', BARE_SERVER, String(port)], { stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let took = Number.NaN;
  for (let i = 0; i < 6000; i++, await sleep(10)) {
    const ok = await fetch(`http://127.0.0.1:${port}/`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) {
      took = (performance.now() - started) / 1000;
      break;
    }
  }
  child.kill('SIGTERM');
  await exited;
  return took;
}

export function startBot(env: Record<string, string>, cwd: string, nodeFlags: readonly string[] = []): Bot {
  const started = performance.now();
  const health = `http://127.0.0.1:${env.PORT}/healthz`;
  const serving = (async () => {
    for (let i = 0; i < 6000; i++, await sleep(10)) {
      const ok = await fetch(health).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) return (performance.now() - started) / 1000;
    }
    return Number.NaN;
  })();
  const args = [...startFlags(), ...nodeFlags, '--enable-source-maps', join(root, 'dist/main.js'), 'start'];
  const child = spawn(process.execPath, args, { cwd, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const seen: Array<{ line: string; at: number }> = [];
  for (const stream of [child.stdout, child.stderr]) {
    if (stream) createInterface({ input: stream }).on('line', (line) => seen.push({ line, at: (performance.now() - started) / 1000 }));
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    serving: () => serving,
    async when(pattern, timeoutMs = 120_000, nth = 1) {
      for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await sleep(20)) {
        const hit = seen.filter((s) => pattern.test(s.line))[nth - 1];
        if (hit) return hit.at;
        if (child.exitCode !== null) break;
      }
      throw new Error(`the bot never printed ${pattern}:\n${seen.map((s) => s.line).join('\n')}`);
    },
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

export async function benchStartup(): Promise<{ ok: boolean; lines: string[] }> {
  // The bench runs what `npm start` runs: dist/, compiled from the sources as they are now.
  buildDist();
  const slack = await startFakeSlack();
  const d360 = await startD360Process(LATENCY_MS);
  const dir = mkdtempSync(join(tmpdir(), 'wa-bench-start-'));
  const env = (count: number, store: string, schedule: string) =>
    botVariables({
      slackApiUrl: slack.apiUrl,
      numbersFile: writeNumbers(join(dir, `numbers-${count}.yml`), count),
      d360Url: d360.url,
      storeUrl: `sqlite://${join(dir, store)}`,
      schedule,
      more: { POLL_CONCURRENCY: '64' },
    });
  const NEVER_SOON = '0 0 1 1 *';

  const bare: number[] = [];
  const ready1k: number[] = [];
  const serving1k: number[] = [];
  for (let i = 0; i < 3; i++) {
    bare.push(await bareServerStart());
    const bot = startBot(await env(1000, `store-1k-${i}.sqlite`, NEVER_SOON), dir);
    ready1k.push(await bot.when(/watching 1000 number/));
    serving1k.push(await bot.serving());
    await bot.stop();
  }

  // 30k: the first pass fires ~25 s after the spawn, so the bot is first seen idle with nothing polled.
  const env30k = await env(30_000, 'store-30k.sqlite', '');
  const second = (new Date().getSeconds() + 25) % 60;
  bare.push(await bareServerStart());
  const first = startBot({ ...env30k, POLL_SCHEDULE: `${second} * * * * *` }, dir);
  const ready30k = [await first.when(/watching 30000 number/)];
  const serving30k = [await first.serving()];
  await sleep(1000);
  const idleBefore = rssMb(first.child.pid);
  let peak = idleBefore;
  const sampler = setInterval(() => (peak = Math.max(peak, rssMb(first.child.pid))), 200);
  // A busy shared machine may need a while for 30,000 calls; the pass is timed by the pass bench, not here.
  const passAt = await first.when(/pass: 30000 number/, 600_000);
  clearInterval(sampler);
  await sleep(2000);
  const idleBetween = rssMb(first.child.pid);
  await first.stop();

  const restart: number[] = [];
  for (let i = 0; i < 2; i++) {
    bare.push(await bareServerStart());
    const again = startBot({ ...env30k, POLL_SCHEDULE: NEVER_SOON }, dir);
    const watching = await again.when(/watching 30000 number/);
    const serving = await again.serving();
    ready30k.push(watching);
    serving30k.push(serving);
    restart.push(watching - serving);
    await again.stop();
  }
  d360.stop();
  await slack.close();
  rmSync(dir, { recursive: true, force: true });

  const ok1k = Math.max(...ready1k) <= 3;
  const ok30k = Math.max(...ready30k) <= 6;
  const okRestart = Math.max(...restart) <= 2;
  const okMem = Math.max(idleBefore, idleBetween) <= 200;
  return {
    ok: ok1k && ok30k && okRestart && okMem,
    lines: [
      `start to ready ("watching N numbers"): the built bot, as npm start runs it, fake Slack (HTTP mode) and fake 360dialog`,
      `  baseline (bare node process starting an HTTP server, spawn to first 200; one before each bot start): ${range(bare)} s`,
      `  1,000 numbers: serving ${range(serving1k)} s, watching ${range(ready1k)} s over ${ready1k.length} starts; ` +
        `ratio to the baseline ${ratio(ready1k, bare)} (target ≤ 3 s) ${verdict(ok1k)}`,
      `  30,000 numbers: serving ${list(serving30k)} s, watching ${list(ready30k)} s ` +
        `(empty store, then twice with 30,000 records); ratio ${ratio(ready30k, bare)} (target ≤ 6 s) ${verdict(ok30k)}`,
      `  restart with 30,000 records, watching minus serving: ${range(restart)} s (≤ 0: watching before HTTP answered; target ≤ 2 s) ` +
        verdict(okRestart),
      `  RSS with 30,000 numbers: idle before the first pass ${idleBefore.toFixed(0)} MB, between passes ${idleBetween.toFixed(0)} MB ` +
        `(target ≤ 200 MB) ${verdict(okMem)}; peak during the pass ${peak.toFixed(0)} MB; the pass ended ` +
        `${(passAt - ready30k[0]!).toFixed(0)} s after ready`,
    ],
  };
}
