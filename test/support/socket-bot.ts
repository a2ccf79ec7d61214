import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FakeSlack } from '../fakes/slack-api.js';
import type { FakeSocketMode } from '../fakes/socket-mode.js';
import { type BotProcess, freePort, startBot } from './bot-process.js';
import { APP_TOKEN, BOT_TOKEN } from './slack-app.js';

export interface SocketBot {
  readonly bot: BotProcess;
  /** http://127.0.0.1:PORT: /readyz, /metrics, webhooks. */
  readonly url: string;
  /** The working directory: its SQLite store survives a restart in the same place. */
  readonly cwd: string;
  /** GET /readyz: status and body. */
  ready(): Promise<{ status: number; body: { status: string; reasons?: string[]; socket?: Record<string, number> } }>;
  metrics(): Promise<string>;
}

/**
 * The real bot process in Socket Mode (SLACK_APP_TOKEN set), pointed at a fake Slack whose
 * apps.connections.open hands out the fake Socket Mode server; resolves once it says it is up
 * (whether or not Slack has let it connect yet). No numbers: the Slack surface is what is tested.
 */
export async function startSocketBot(
  slack: FakeSlack,
  socket: FakeSocketMode,
  options: { env?: Record<string, string>; cwd?: string; waitFor?: RegExp } = {},
): Promise<SocketBot> {
  slack.socketUrl = socket.url;
  const cwd = options.cwd ?? mkdtempSync(join(tmpdir(), 'wa-socket-'));
  const port = await freePort();
  const bot = startBot(
    {
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_APP_TOKEN: APP_TOKEN,
      SLACK_INCIDENT_CHANNEL: 'C0INCIDENTS',
      SLACK_API_URL: slack.apiUrl,
      PORT: String(port),
      STORE_URL: `sqlite://${join(cwd, 'store.sqlite')}`,
      POLL_SCHEDULE: '0 0 1 1 *',
      LOG_LEVEL: 'debug',
      ...options.env,
    },
    cwd,
  );
  await bot.waitFor(options.waitFor ?? /answering \/wa-error only|watching \d+ number/);
  const url = `http://127.0.0.1:${port}`;
  return {
    bot,
    url,
    cwd,
    async ready() {
      const res = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(5000) });
      return { status: res.status, body: (await res.json()) as Awaited<ReturnType<SocketBot['ready']>>['body'] };
    },
    metrics: () => fetch(`${url}/metrics`, { signal: AbortSignal.timeout(5000) }).then((r) => r.text()),
  };
}

/** A slash command as Slack puts it in a `slash_commands` envelope's payload. */
export function commandPayload(command: string, text: unknown, responseUrl: string, trigger = `${Date.now()}.${Math.random()}`) {
  return {
    token: 'deprecated',
    team_id: 'T0FAKE',
    team_domain: 'fake',
    channel_id: 'C0INCIDENTS',
    channel_name: 'wa-incidents',
    user_id: 'U0OPERATOR',
    user_name: 'operator',
    command,
    text,
    api_app_id: 'A0FAKE',
    is_enterprise_install: 'false',
    response_url: responseUrl,
    trigger_id: trigger,
  };
}

/** An `app_home_opened` event as Slack puts it in an `events_api` envelope's payload. */
export function homeOpenedPayload(eventId: string, user: string) {
  return {
    token: 'deprecated',
    team_id: 'T0FAKE',
    api_app_id: 'A0FAKE',
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ enterprise_id: null, team_id: 'T0FAKE', user_id: 'U0BOT', is_bot: true, is_enterprise_install: false }],
    event: { type: 'app_home_opened', user, channel: 'D0HOME', tab: 'home', event_ts: `${Date.now() / 1000}` },
  };
}
