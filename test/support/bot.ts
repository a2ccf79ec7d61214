import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FakeSlack } from '../fakes/slack-api.js';
import { botEnv, type InProcessBot, startInProcess } from './e2e.js';

/** The whole bot in this process: its `bot` (runPass, tick, digest, monitor), URL, log lines and stop. */
export type TestBot = InProcessBot;

export interface TestBotOptions {
  /** numbers.yml as text. */
  readonly numbersYaml?: string;
  /** More variables: API keys, overrides. */
  readonly env?: Record<string, string>;
  readonly channelIntervalMs?: number;
}

/**
 * The whole bot as main.ts builds it — configuration read from variables and a numbers file,
 * then createBot — pointed at a fake Slack, on an ephemeral port, with a store in memory (which
 * `settled()` cannot read: use the harness with SQLite for that).
 * Polls run when the test calls them (the schedule is once a year). The e2e harness (e2e.ts)
 * builds it; this is its shortest form, for tests of one surface.
 */
export async function startTestBot(slack: FakeSlack, options: TestBotOptions = {}): Promise<TestBot> {
  const dir = mkdtempSync(join(tmpdir(), 'wa-bot-'));
  if (options.numbersYaml !== undefined) writeFileSync(join(dir, 'numbers.yml'), options.numbersYaml);
  const env = botEnv(slack, dir, { STORE_URL: 'memory://test', ...options.env });
  return startInProcess({ env, dir }, options.channelIntervalMs !== undefined ? { channelIntervalMs: options.channelIntervalMs } : {});
}
