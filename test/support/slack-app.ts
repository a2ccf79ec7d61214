import type { AddressInfo } from 'node:net';
import type { SlackConfig } from '../../src/config/config.js';
import { createLogger, type Logger } from '../../src/telemetry/log.js';
import type { HttpRoute } from '../../src/http/route.js';
import { createSlackApp, type SlackApp } from '../../src/slack/app.js';
import type { SlackDeps } from '../../src/slack/deps.js';
import { idleMonitor } from './monitor.js';
import type { FakeSlack } from '../fakes/slack-api.js';

export const SIGNING_SECRET = 'test-signing-secret-not-real';
export const BOT_TOKEN = 'xoxb-test-fake-bot-token';
export const APP_TOKEN = 'xapp-test-fake-app-token';

export interface RunningApp {
  readonly slack: SlackApp;
  /** HTTP mode: the bot's base URL. */
  readonly url: string;
  readonly logs: string[];
  readonly logger: Logger;
  stop(): Promise<void>;
}

/** The real Bolt app, as main.ts builds it, pointed at a fake Slack, on an ephemeral port. */
export async function startApp(
  fake: FakeSlack,
  options: { socket?: boolean; routes?: HttpRoute[]; deps?: Omit<SlackDeps, 'logger' | 'once'>; port?: number } = {},
): Promise<RunningApp> {
  const logs: string[] = [];
  const slack: SlackConfig = {
    botToken: BOT_TOKEN,
    incidentChannel: 'C0INCIDENTS',
    apiUrl: fake.apiUrl,
    ...(options.socket ? { appToken: APP_TOKEN } : { signingSecret: SIGNING_SECRET }),
  };
  const logger = createLogger({ level: 'debug', secrets: [BOT_TOKEN, APP_TOKEN, SIGNING_SECRET], write: (line) => logs.push(line) });
  const deps = options.deps ?? { monitor: await idleMonitor(), numbers: [] };
  const app = createSlackApp({ slack, port: options.port ?? 0, logger, deps, ...(options.routes ? { routes: options.routes } : {}) });
  const server = await app.start();
  const port = server ? (server.address() as AddressInfo).port : 0;
  return { slack: app, url: `http://127.0.0.1:${port}`, logs, logger, stop: () => app.stop() };
}
