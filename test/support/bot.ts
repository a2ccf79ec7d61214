import { type Bot, createBot } from '../../src/bot.js';
import { readStartConfig } from '../../src/config/config.js';
import { createLogger } from '../../src/telemetry/log.js';
import type { FakeSlack } from '../fakes/slack-api.js';
import { BOT_TOKEN, SIGNING_SECRET } from './slack-app.js';

export interface TestBot {
  readonly bot: Bot;
  /** The bot's base URL (HTTP mode). */
  readonly url: string;
  readonly logs: string[];
  stop(): Promise<void>;
}

export interface TestBotOptions {
  /** numbers.yml as text. */
  readonly numbersYaml?: string;
  /** More variables: API keys, overrides. */
  readonly env?: Record<string, string>;
  readonly channelIntervalMs?: number;
}

/**
 * The whole bot as main.ts builds it — configuration read from variables and a numbers file,
 * then createBot — pointed at a fake Slack, on an ephemeral port, with a store in memory.
 * Polls run when the test calls them (the schedule is once a year).
 */
export async function startTestBot(slack: FakeSlack, options: TestBotOptions = {}): Promise<TestBot> {
  const env = {
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_INCIDENT_CHANNEL: 'C0INCIDENTS',
    SLACK_API_URL: slack.apiUrl,
    PORT: '0',
    STORE_URL: 'memory://test',
    POLL_SCHEDULE: '0 0 1 1 *',
    LOG_LEVEL: 'debug',
    D360_STATUS_URL: 'off',
    ...options.env,
  };
  const config = readStartConfig(env, { readFile: () => options.numbersYaml });
  const logs: string[] = [];
  const logger = createLogger({ level: 'debug', secrets: config.secrets, write: (line) => logs.push(line) });
  const bot = await createBot(config, {
    logger,
    ...(options.channelIntervalMs !== undefined ? { channelIntervalMs: options.channelIntervalMs } : {}),
  });
  const { port } = await bot.start();
  return { bot, url: `http://127.0.0.1:${port}`, logs, stop: () => bot.stop() };
}
