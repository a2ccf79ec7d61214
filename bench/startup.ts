/**
 * `npm start` to ready with 1,000 and 30,000 numbers: the built bot (dist/, started exactly as
 * `npm start` does) against a fake Slack and a fake 360dialog on loopback. With 30,000 numbers it
 * also measures RSS while idle before the first pass and between passes, and a restart over the
 * 30,000 records the pass left in the store. Baseline: `node dist/main.js explain`, a bare start.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { startFakeSlack } from '../test/fakes/slack-api.js';
import { freePort } from '../test/support/bot-process.js';
import { startFlags } from './pass.js';
import { verdict } from './stats.js';

const root = new URL('..', import.meta.url).pathname;
const LATENCY_MS = 20;
const range = (xs: number[]) => `${Math.min(...xs).toFixed(2)}–${Math.max(...xs).toFixed(2)}`;
const rssMb = (pid: number | undefined) =>
  Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? Number.NaN) / 1024;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Bot {
  child: ChildProcess;
  /** Seconds from spawn to the first 200 from GET /healthz: the bot is serving HTTP. */
  serving(): Promise<number>;
  /** Seconds from spawn to the first line matching `pattern`. */
  when(pattern: RegExp, timeoutMs?: number): Promise<number>;
  stop(): Promise<void>;
}

function startBot(env: Record<string, string>, cwd: string): Bot {
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
  const args = [...startFlags(), '--enable-source-maps', join(root, 'dist/main.js'), 'start'];
  const child = spawn(process.execPath, args, { cwd, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const seen: Array<{ line: string; at: number }> = [];
  for (const stream of [child.stdout, child.stderr]) {
    if (stream) createInterface({ input: stream }).on('line', (line) => seen.push({ line, at: (performance.now() - started) / 1000 }));
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    serving: () => serving,
    async when(pattern, timeoutMs = 120_000) {
      for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await sleep(20)) {
        const hit = seen.find((s) => pattern.test(s.line));
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
  const build = spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('npm run build failed');
  const slack = await startFakeSlack();
  const d360 = spawn(process.execPath, ['--import', 'tsx', join(root, 'bench/d360-fake-process.ts'), String(LATENCY_MS)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const d360Url = await new Promise<string>((resolve) =>
    createInterface({ input: d360.stdout }).on('line', (l) => l.startsWith('url ') && resolve(l.slice(4))),
  );
  const dir = mkdtempSync(join(tmpdir(), 'wa-bench-start-'));
  const env = async (count: number, store: string, schedule: string) => {
    const file = join(dir, `numbers-${count}.yml`);
    const entries = Array.from({ length: count }, (_, i) => `  - name: Line ${i}\n    apiKeyEnv: D360_KEY\n`);
    writeFileSync(file, `numbers:\n${entries.join('')}`);
    return {
      SLACK_BOT_TOKEN: 'xoxb-bench-fake',
      SLACK_SIGNING_SECRET: 'bench-secret',
      SLACK_INCIDENT_CHANNEL: 'C0INCIDENTS',
      SLACK_API_URL: slack.apiUrl,
      PORT: String(await freePort()),
      WA_NUMBERS_FILE: file,
      D360_KEY: 'bench-key',
      D360_BASE_URL: d360Url,
      STORE_URL: `sqlite://${join(dir, store)}`,
      POLL_SCHEDULE: schedule,
      POLL_CONCURRENCY: '64',
      LOG_LEVEL: 'info',
    };
  };
  const NEVER_SOON = '0 0 1 1 *';

  const bare: number[] = [];
  const ready1k: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    spawnSync(process.execPath, [join(root, 'dist/main.js'), 'explain', '2001'], { cwd: dir, stdio: 'ignore' });
    bare.push((performance.now() - t) / 1000);
    const bot = startBot(await env(1000, `store-1k-${i}.sqlite`, NEVER_SOON), dir);
    ready1k.push(await bot.when(/watching 1000 number/));
    await bot.stop();
  }

  // 30k: the first pass fires 10 s after the start, so the bot is first seen idle with nothing polled.
  const second = (new Date().getSeconds() + 12) % 60;
  const first = startBot(await env(30_000, 'store-30k.sqlite', `${second} * * * * *`), dir);
  const ready30k = [await first.when(/watching 30000 number/)];
  await sleep(1000);
  const idleBefore = rssMb(first.child.pid);
  let peak = idleBefore;
  const sampler = setInterval(() => (peak = Math.max(peak, rssMb(first.child.pid))), 200);
  const passAt = await first.when(/pass: 30000 number/);
  clearInterval(sampler);
  await sleep(2000);
  const idleBetween = rssMb(first.child.pid);
  await first.stop();

  const restart: number[] = [];
  for (let i = 0; i < 2; i++) {
    const again = startBot(await env(30_000, 'store-30k.sqlite', NEVER_SOON), dir);
    const watching = await again.when(/watching 30000 number/);
    const serving = await again.serving();
    ready30k.push(watching);
    restart.push(watching - serving);
    await again.stop();
  }
  d360.kill('SIGTERM');
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
      `  baseline (node dist/main.js explain 2001: node and our modules, nothing started): ${range(bare)} s`,
      `  1,000 numbers: ${range(ready1k)} s over ${ready1k.length} starts (target ≤ 3 s) ${verdict(ok1k)}`,
      `  30,000 numbers: ${ready30k.map((s) => s.toFixed(2)).join(', ')} s (empty store, then twice with 30,000 records; ` +
        `target ≤ 6 s) ${verdict(ok30k)}`,
      `  restart with 30,000 records, serving to watching: ${range(restart)} s (target ≤ 2 s) ${verdict(okRestart)}`,
      `  RSS with 30,000 numbers: idle before the first pass ${idleBefore.toFixed(0)} MB, between passes ${idleBetween.toFixed(0)} MB ` +
        `(target ≤ 200 MB) ${verdict(okMem)}; peak during the pass ${peak.toFixed(0)} MB; the pass ended ` +
        `${(passAt - ready30k[0]!).toFixed(0)} s after ready`,
    ],
  };
}
