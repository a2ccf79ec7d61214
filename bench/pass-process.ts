/**
 * A poll pass as the real process pays for it: the built bot, started as `npm start` starts it
 * (10,000 numbers, fake Slack, fake 360dialog answering after 20 ms, 64 in flight), its CPU read
 * from the OS (/proc/<pid>/stat) from one pass's end to the next's: the pass, and everything else
 * the process does in that minute (logging, metrics, the tick, grouping, App Home, delivery).
 * Baseline, in the same run and in turn with each of the bot's passes: the minimal keep-alive got
 * client of bench/pass-worker.ts making the same 10,000 calls to the same fake, in its own process,
 * its CPU read the same way. `tsx bench/run.ts pass-process`; `BENCH_CPU_PROF=dir` profiles the bot.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeSlack } from '../test/fakes/slack-api.js';
import { botVariables, buildDist, startD360Process, writeNumbers } from './built-bot.js';
import { cpuMsOf } from './idle.js';
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
  const d360 = await startD360Process(LATENCY_MS);
  const d360Url = d360.url;
  const dir = mkdtempSync(join(tmpdir(), 'wa-bench-pass-process-'));
  const file = writeNumbers(join(dir, 'numbers.yml'), NUMBERS);
  const got = spawnWorker([join(root, 'bench/pass-worker.ts'), 'got', d360Url, String(NUMBERS), String(CONCURRENCY)], startFlags());
  await nextLine(got, 'ready');
  const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  const variables = await botVariables({
    slackApiUrl: slack.apiUrl,
    numbersFile: file,
    d360Url,
    storeUrl: `sqlite://${join(dir, 'store.sqlite')}`,
    schedule: SCHEDULE,
    more: { POLL_CONCURRENCY: String(CONCURRENCY), D360_STATUS_URL: 'off' },
  });
  const bot = startBot(variables, dir, profile);
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
  d360.stop();
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
