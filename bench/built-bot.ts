/**
 * What the benches of the real process share: the build they run (dist/, as `npm start` runs it), a numbers file of
 * N lines on one key, the fake 360dialog in a process of its own, and the variables the built bot starts with.
 */
import { spawn, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { freePort } from '../test/support/bot-process.js';

const root = new URL('..', import.meta.url).pathname;

/** dist/, compiled from the sources as they are now. */
export function buildDist(): void {
  const build = spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('npm run build failed');
}

/** numbers.yml with `count` Cloud numbers, `Line 0` …, all on the key in D360_KEY. */
export function writeNumbers(file: string, count: number): string {
  writeFileSync(file, `numbers:\n${Array.from({ length: count }, (_, i) => `  - name: Line ${i}\n    apiKeyEnv: D360_KEY\n`).join('')}`);
  return file;
}

/** The fake 360dialog in its own process (so its CPU is not the bot's), answering after `latencyMs`. */
export async function startD360Process(latencyMs: number): Promise<{ readonly url: string; stop(): void }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'bench/d360-fake-process.ts'), String(latencyMs)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve) =>
    createInterface({ input: child.stdout }).on('line', (l) => l.startsWith('url ') && resolve(l.slice(4))),
  );
  return { url, stop: () => child.kill() };
}

/** The variables a built bot starts with against the fakes; `more` adds or overrides (POLL_CONCURRENCY, TZ …). */
export async function botVariables(options: {
  readonly slackApiUrl: string;
  readonly numbersFile: string;
  readonly d360Url: string;
  readonly storeUrl: string;
  readonly schedule: string;
  readonly more?: Record<string, string>;
}): Promise<Record<string, string>> {
  return {
    SLACK_BOT_TOKEN: 'xoxb-bench-fake',
    SLACK_SIGNING_SECRET: 'bench-secret',
    SLACK_INCIDENT_CHANNEL: 'C0INCIDENTS',
    SLACK_API_URL: options.slackApiUrl,
    PORT: String(await freePort()),
    WA_NUMBERS_FILE: options.numbersFile,
    D360_KEY: 'bench-key',
    D360_BASE_URL: options.d360Url,
    STORE_URL: options.storeUrl,
    POLL_SCHEDULE: options.schedule,
    LOG_LEVEL: 'info',
    ...options.more,
  };
}
