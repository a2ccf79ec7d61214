/**
 * A poll pass as the real process pays for it: the built bot, started as `npm start` starts it
 * (10,000 numbers, fake Slack, fake 360dialog answering after 20 ms, 64 in flight), its CPU read
 * from the OS (/proc/<pid>/stat) from one pass's end to the next's: the pass, and everything else
 * the process does in that minute (logging, metrics, the tick, grouping, App Home, delivery).
 * Baseline, in the same run and in turn with each of the bot's passes: the minimal keep-alive got
 * client of bench/pass-worker.ts making the same 10,000 calls to the same fake, in its own process,
 * its CPU read the same way. `tsx bench/run.ts pass-process`; `BENCH_CPU_PROF=dir` profiles the bot.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { startFakeSlack } from '../test/fakes/slack-api.js';
import { freePort } from '../test/support/bot-process.js';
import { buildDist, cpuMsOf } from './idle.js';
import { startFlags } from './pass.js';
import { startBot } from './startup.js';
import { verdict } from './stats.js';
import { median, nextLine, range, spawnWorker } from './workers.js';

const root = new URL('..', import.meta.url).pathname;
const NUMBERS = 10_000;
const LATENCY_MS = 20;
const CONCURRENCY = 64;
/** Passes after the first (which creates every record and is not counted). */
const ROUNDS = 3;
/** A pass a minute: the bot's pass and the baseline's fit in it one after the other. */
const SCHEDULE = '0 * * * * *';
const TARGET = 1.25;

export async function benchPassProcess(): Promise<{ ok: boolean; lines: string[] }> {
  buildDist();
  const slack = await startFakeSlack();
  const d360 = spawn(process.execPath, ['--import', 'tsx', join(root, 'bench/d360-fake-process.ts'), String(LATENCY_MS)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const d360Url = await new Promise<string>((resolve) =>
    createInterface({ input: d360.stdout }).on('line', (l) => l.startsWith('url ') && resolve(l.slice(4))),
  );
  const dir = mkdtempSync(join(tmpdir(), 'wa-bench-pass-process-'));
  const file = join(dir, 'numbers.yml');
  writeFileSync(file, `numbers:\n${Array.from({ length: NUMBERS }, (_, i) => `  - name: Line ${i}\n    apiKeyEnv: D360_KEY\n`).join('')}`);
  const got = spawnWorker([join(root, 'bench/pass-worker.ts'), 'got', d360Url, String(NUMBERS), String(CONCURRENCY)], startFlags());
  await nextLine(got, 'ready');
  const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  const bot = startBot(
    {
      SLACK_BOT_TOKEN: 'xoxb-bench-fake',
      SLACK_SIGNING_SECRET: 'bench-secret',
      SLACK_INCIDENT_CHANNEL: 'C0INCIDENTS',
      SLACK_API_URL: slack.apiUrl,
      PORT: String(await freePort()),
      WA_NUMBERS_FILE: file,
      D360_KEY: 'bench-key',
      D360_BASE_URL: d360Url,
      STORE_URL: `sqlite://${join(dir, 'store.sqlite')}`,
      POLL_SCHEDULE: SCHEDULE,
      POLL_CONCURRENCY: String(CONCURRENCY),
      D360_STATUS_URL: 'off',
      LOG_LEVEL: 'info',
    },
    dir,
    profile,
  );
  const bots: number[] = [];
  const gots: number[] = [];
  let mark = 0;
  for (let pass = 1; pass <= ROUNDS + 1; pass++) {
    await bot.when(new RegExp(`pass: ${NUMBERS} number`), 180_000, pass);
    const now = cpuMsOf(bot.child.pid);
    if (pass > 1) bots.push(now - mark);
    mark = now;
    // The baseline's pass right after the bot's, while the bot waits for its next minute.
    const before = cpuMsOf(got.child.pid);
    got.child.stdin?.write('go\n');
    await nextLine(got, '{');
    if (pass > 1) gots.push(cpuMsOf(got.child.pid) - before);
  }
  await bot.stop();
  got.child.kill();
  d360.kill('SIGTERM');
  await slack.close();
  rmSync(dir, { recursive: true, force: true });

  const ratios = bots.map((b, i) => b / (gots[i] ?? Number.NaN));
  const ratio = median(bots) / median(gots);
  const ok = ratio <= TARGET;
  return {
    ok,
    lines: [
      `poll pass, whole process: the built bot as npm start runs it (${NUMBERS} numbers, fake Slack, fake 360dialog answering after ` +
        `${LATENCY_MS} ms, ${CONCURRENCY} in flight), CPU from /proc from one pass's end to the next (a minute apart)`,
      `  baseline: minimal keep-alive got client (bench/pass-worker.ts got), same calls, same fake, own process, ` +
        `/proc CPU, after each bot pass`,
      `  bot ${range(bots.map((b) => b / 1000))} CPU s per pass (median ${(median(bots) / 1000).toFixed(2)}), ` +
        `got ${range(gots.map((g) => g / 1000))} (median ${(median(gots) / 1000).toFixed(2)}); ${ROUNDS} passes after a first one`,
      `  ratio bot/got ${ratio.toFixed(2)} (per pass ${range(ratios)}; target ≤ ${TARGET}) ${verdict(ok)}`,
    ],
  };
}
