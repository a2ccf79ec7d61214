/**
 * An idle bot's CPU: the built bot, started as `npm start` starts it, with 2,000 and 20,000 open
 * incidents seeded through the real store (a SQLite file) before the process starts, and nothing
 * due for the next hour (no poll, no reminder, no escalation, no card to post). Baseline, in the
 * same window: an empty bot (the same numbers, an empty store). All four bots run side by side, so
 * each window is the same minute of the same machine for all of them. CPU is the whole process's,
 * read from the OS (/proc/<pid>/stat utime + stime), not an in-process timer.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_ENGINE_OPTIONS, step } from '../src/core/engine.js';
import { nextDeadline } from '../src/core/deadline.js';
import { emptyRecord, type NumberRecord } from '../src/core/records.js';
import { openStore } from '../src/store/open.js';
import { startFakeSlack } from '../test/fakes/slack-api.js';
import { type Bot, startBot } from './startup.js';
import { botVariables, buildDist, writeNumbers } from './built-bot.js';
import { verdict } from './stats.js';
import { median, range } from './workers.js';

const _root = new URL('..', import.meta.url).pathname;
const SIZES = [2_000, 20_000];
const WINDOW_MS = 30_000;
/**
 * After "watching": the first tick (at most 30 s away; it loads every record and builds the deadline
 * index) is over by then, and so are the heap-shrinking collections V8's memory reducer runs some
 * 10–20 s after the allocations of a start or a load stop (seen with --trace-gc): one-off costs of
 * starting, not of being idle.
 */
const SETTLE_MS = 70_000;
const WINDOWS = Number(process.env.BENCH_IDLE_WINDOWS ?? 4);
const MIN = 60_000;
const DAY = 24 * 60 * MIN;
/** Daily, twelve hours from now: a real interval (what the grouping window is cut from), and no pass in the windows. */
const POLL_SCHEDULE = `0 ${(new Date().getUTCHours() + 12) % 24} * * *`;
/** Clock ticks per second for /proc/<pid>/stat (USER_HZ): 100 on every Linux this runs on. */
const USER_HZ = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** utime + stime of a process, in ms: fields 14 and 15 of /proc/<pid>/stat, after the parenthesised name. */
export function cpuMsOf(pid: number | undefined): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / USER_HZ;
}

/**
 * `count` numbers down with a 401 since three days ago, each reminded a minute ago and its card
 * posted: open, with the next reminder 59 minutes away and nothing in any outbox. Opened days ago,
 * they form no group (a group forms from numbers that broke within one poll interval of each other).
 */
export async function seed(storeUrl: string, count: number): Promise<void> {
  const store = await openStore(storeUrl);
  const records = store.records<NumberRecord>('number');
  const now = Date.now();
  const [opened, reminded] = [now - 3 * DAY, now - MIN];
  const down = (number: string) => ({
    number,
    at: opened,
    state: 'down' as const,
    findings: [{ entryId: '360dialog-401', code: '401', severity: 'critical' as const }],
    summary: '401',
    source: 'poll' as const,
  });
  const one = (number: string, i: number): NumberRecord => {
    const first = step(emptyRecord(number), { kind: 'observation', observation: down(number) }, opened);
    const after = step(first, { kind: 'tick' }, reminded);
    const incident = after.incident && { ...after.incident, card: { channel: 'C0INCIDENTS', ts: `1700000000.${i}` } };
    const record = { ...after, outbox: [], ...(incident ? { incident } : {}) };
    const due = nextDeadline(record, DEFAULT_ENGINE_OPTIONS);
    if (record.incident?.status !== 'open' || due === undefined || due < now + 30 * MIN) throw new Error(`seeding ${number}: due ${due}`);
    return record;
  };
  for (let i = 0; i < count; i += 1000) {
    const batch = Array.from({ length: Math.min(1000, count - i) }, (_, j) => `Line ${i + j}`);
    await records.updateMany(batch.map((id, j) => ({ id, fn: () => one(id, i + j) })));
  }
  await store.close();
}

interface Subject {
  readonly label: string;
  readonly numbers: number;
  readonly open: number;
  bot?: Bot;
  readonly windows: number[];
}

export async function benchIdle(): Promise<{ ok: boolean; lines: string[] }> {
  buildDist();
  const slack = await startFakeSlack();
  const dir = mkdtempSync(join(tmpdir(), 'wa-bench-idle-'));
  const subjects: Subject[] = SIZES.flatMap((n) => [
    { label: `empty, ${n} numbers`, numbers: n, open: 0, windows: [] },
    { label: `${n} open`, numbers: n, open: n, windows: [] },
  ]);
  for (const [i, s] of subjects.entries()) {
    const storeUrl = `sqlite://${join(dir, `store-${i}.sqlite`)}`;
    if (s.open > 0) await seed(storeUrl, s.open);
    const env = await botVariables({
      slackApiUrl: slack.apiUrl,
      numbersFile: writeNumbers(join(dir, `numbers-${i}.yml`), s.numbers),
      // Never called: no pass runs in the window.
      d360Url: 'http://127.0.0.1:9',
      storeUrl,
      schedule: POLL_SCHEDULE,
      more: { TZ: 'UTC', D360_STATUS_URL: 'off' },
    });
    s.bot = startBot(env, dir);
  }
  for (const s of subjects) await s.bot?.when(new RegExp(`watching ${s.numbers} number`));
  await sleep(SETTLE_MS);
  for (let w = 0; w < WINDOWS; w++) {
    const before = subjects.map((s) => cpuMsOf(s.bot?.child.pid));
    await sleep(WINDOW_MS);
    for (const [i, s] of subjects.entries()) s.windows.push(cpuMsOf(s.bot?.child.pid) - (before[i] ?? 0));
  }
  for (const s of subjects) await s.bot?.stop();
  await slack.close();
  rmSync(dir, { recursive: true, force: true });
  return report(subjects);
}

/**
 * The verdict reads each bot's median window: a window may hold one of the heap-shrinking collections
 * V8 runs once allocation has stopped (tens of ms, once, at a time of V8's choosing after a start or a
 * load; --trace-gc names them "Mark-Compact (reduce)"), for the empty bot as much as the full ones.
 * The max is printed beside it, so nothing is hidden.
 */
function report(subjects: Subject[]): { ok: boolean; lines: string[] } {
  const mid = (s: Subject | undefined) => median(s?.windows ?? [Number.NaN]);
  const max = (s: Subject | undefined) => Math.max(...(s?.windows ?? [Number.NaN]));
  const tick = 1000 / USER_HZ;
  const [empty2k, open2k, empty20k, open20k] = subjects;
  const ok2k = mid(open2k) < 50;
  // "No faster than log N": ten times the incidents may cost at most log(20,000)/log(2,000) times as much.
  const allowed = (mid(open2k) * Math.log(20_000)) / Math.log(2_000);
  const ok20k = mid(open20k) <= Math.max(allowed, mid(open2k) + tick);
  const lines = [
    `idle CPU of the whole bot process per ${WINDOW_MS / 1000} s (OS utime+stime, ${tick} ms resolution), nothing due:`,
    `  built bot as npm start runs it, fake Slack, polls off; open incidents seeded in the SQLite file before the start;`,
    `  baseline: an empty bot (same numbers, empty store) in the same windows, side by side; ${WINDOWS} windows each`,
  ];
  for (const s of subjects)
    lines.push(
      `  ${s.label.padEnd(22)} median ${mid(s).toFixed(0)} ms, range ${range(s.windows, 0)} ms ` +
        `(windows in order: ${s.windows.map((w) => w.toFixed(0)).join(', ')})`,
    );
  const ratio = (a: Subject | undefined, b: Subject | undefined) => (mid(a) / Math.max(mid(b), tick)).toFixed(2);
  lines.push(
    `  2,000 open: median ${mid(open2k).toFixed(0)} ms, max ${max(open2k).toFixed(0)} ms (target < 50 ms) ${verdict(ok2k)}; ` +
      `ratio to the empty bot ${ratio(open2k, empty2k)} (medians; one clock tick when the empty bot's is 0)`,
    `  20,000 open: median ${mid(open20k).toFixed(0)} ms, max ${max(open20k).toFixed(0)} ms (log N growth allows ` +
      `${allowed.toFixed(0)} ms, or one clock tick more) ${verdict(ok20k)}; ratio to the empty bot ${ratio(open20k, empty20k)}`,
  );
  return { ok: ok2k && ok20k, lines };
}
