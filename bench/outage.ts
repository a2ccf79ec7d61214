/**
 * A platform outage: N numbers answer 500 at once. Measured from the end of the detecting pass
 * (the second sighting opens the incidents) to the last Slack call it causes, with the whole bot built by createBot
 * against a fake Slack and a fake 360dialog in this process. Baseline, in the same run: one
 * number failing alone — what a single incident costs to reach Slack.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBot } from '../src/bot.js';
import { readStartConfig } from '../src/config/config.js';
import { createLogger } from '../src/telemetry/log.js';
import { startFakeD360 } from '../test/fakes/d360.js';
import { startFakeSlack } from '../test/fakes/slack-api.js';
import { verdict } from './stats.js';

const ERROR_500 = { status: 500, json: { meta: { httpCode: 500, developerMessage: 'Internal server error', success: false } } };

async function outage(count: number): Promise<{ toLastCallMs: number; topLevel: number; calls: number; passMs: number }> {
  const slack = await startFakeSlack();
  const d360 = await startFakeD360();
  const dir = mkdtempSync(join(tmpdir(), 'wa-bench-outage-'));
  const entry = (i: number) => `  - name: Line ${i}\n    apiKeyEnv: K${i}\n    baseUrl: ${d360.url}\n`;
  const yaml = `numbers:\n${Array.from({ length: count }, (_, i) => entry(i)).join('')}`;
  const keys = Object.fromEntries(Array.from({ length: count }, (_, i) => [`K${i}`, `bench-outage-key-${i}-0123456789`]));
  for (const key of Object.values(keys)) d360.script(key, ERROR_500);
  const env = {
    SLACK_BOT_TOKEN: 'xoxb-bench-fake',
    SLACK_SIGNING_SECRET: 'bench-signing-secret',
    SLACK_INCIDENT_CHANNEL: 'C0INCIDENTS',
    SLACK_API_URL: slack.apiUrl,
    PORT: '0',
    STORE_URL: `sqlite://${join(dir, 'store.sqlite')}`,
    POLL_SCHEDULE: '0 0 1 1 *',
    POLL_CONCURRENCY: '64',
    D360_STATUS_URL: 'off',
    ...keys,
  };
  const config = readStartConfig(env, { readFile: () => yaml });
  const bot = await createBot(config, { logger: createLogger({ level: 'error', write: () => {} }) });
  await bot.start();
  await bot.runPass(); // first sighting: the flap guard waits for a second
  const before = slack.calls.length;
  // Detection is the end of the second pass: only then has the bot seen every number twice. (360dialog's
  // 500s are retried twice with backoff, so the pass itself takes seconds; it is printed beside.)
  const passStart = Date.now();
  await bot.runPass();
  const detected = Date.now();
  const passMs = detected - passStart;
  // Quiet for 3 s after the last call: everything the outage causes has reached Slack.
  let lastCount = slack.calls.length;
  let lastAt = performance.now();
  while (performance.now() - lastAt < 3000) {
    await new Promise((r) => setTimeout(r, 100));
    if (slack.calls.length !== lastCount) {
      lastCount = slack.calls.length;
      lastAt = performance.now();
    }
  }
  const toLastCallMs = Math.max(0, (slack.calls.at(-1)?.at ?? detected) - detected);
  const result = { toLastCallMs, topLevel: slack.cards().length, calls: slack.calls.length - before, passMs };
  await bot.stop();
  await slack.close();
  await d360.close();
  rmSync(dir, { recursive: true, force: true });
  return result;
}

export async function benchOutage(): Promise<{ ok: boolean; lines: string[] }> {
  const lines = [
    'platform outage: start of the detecting pass to the last Slack call, the whole bot (createBot), fake Slack and 360dialog in-process',
  ];
  const baseline = await outage(1);
  lines.push(
    `  baseline, 1 number failing: ${(baseline.toLastCallMs / 1000).toFixed(2)} s, ${baseline.calls} Slack call(s); ` +
      `the detecting pass took ${(baseline.passMs / 1000).toFixed(1)} s`,
  );
  let ok = true;
  for (const count of [1_000, 10_000]) {
    const r = await outage(count);
    const pass = r.topLevel <= 3 && r.toLastCallMs <= 60_000;
    ok &&= pass;
    lines.push(
      `  ${count} numbers failing: ${(r.toLastCallMs / 1000).toFixed(2)} s to the last call, ${r.calls} Slack calls, ` +
        `${r.topLevel} top-level message(s) (target ≤ 3 within 60 s) ${verdict(pass)}; ratio to one number ` +
        `${(r.toLastCallMs / Math.max(1, baseline.toLastCallMs)).toFixed(2)}; the detecting pass took ${(r.passMs / 1000).toFixed(1)} s`,
    );
  }
  return { ok, lines };
}
