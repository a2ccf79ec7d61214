import type { Server } from 'node:http';
import { App } from '@slack/bolt';
import { BotError } from '../errors.js';
import type { SlackConfig } from '../config/config.js';
import type { HttpRoute } from '../http/route.js';
import type { Store } from '../store/open.js';
import type { Logger } from '../telemetry/log.js';
import type { Metrics } from '../telemetry/metrics.js';
import { boltLogger } from './bolt-logger.js';
import { createListenerErrorHandler } from './errors.js';
import type { SlackDeps } from './deps.js';
import { createOnce, ONCE_TTL_MS } from './once.js';
import { createHttpReceiver } from './receiver/http-receiver.js';
import { createSocketReceiver } from './receiver/socket-receiver.js';
import type { SocketSnapshot } from './receiver/socket-state.js';
import { registerAll } from './register.js';

export interface SlackAppOptions {
  readonly slack: SlackConfig;
  readonly port: number;
  readonly logger: Logger;
  readonly routes?: readonly HttpRoute[];
  readonly deps: Omit<SlackDeps, 'logger' | 'once'>;
  /** Where "acted on once" is recorded; without a store every delivery acts. */
  readonly store?: Pick<Store, 'claims'>;
  readonly metrics?: Metrics;
}

export interface SlackApp {
  readonly app: App;
  readonly mode: 'socket' | 'http';
  /** Checks the bot token (auth.test), then listens on the port (Slack's endpoint in HTTP mode, our routes always). */
  start(): Promise<Server>;
  stop(): Promise<void>;
  /** Why Slack cannot reach the bot now (Socket Mode: no connection, refused, turned off); empty when it can. */
  problems(): string[];
  /** What /readyz shows of Slack either way: Socket Mode's connections (nothing in HTTP mode). */
  details(): { readonly socket?: SocketSnapshot };
}

/**
 * The Bolt app over one of our own receivers (slack/receiver/): HTTP at POST /slack/events, or Socket Mode
 * when SLACK_APP_TOKEN is set. Both serve our routes on PORT; neither patches anything of Bolt's.
 */
export function createSlackApp(options: SlackAppOptions): SlackApp {
  const { slack, port, logger } = options;
  const log = logger.child('slack');
  const bolt = boltLogger(log);
  const routes = options.routes ?? [];
  const mode = slack.appToken ? 'socket' : 'http';
  const socket = slack.appToken
    ? createSocketReceiver({
        appToken: slack.appToken,
        apiUrl: slack.apiUrl,
        routes,
        logger: logger.child('socket'),
        ...(options.metrics ? { metrics: options.metrics } : {}),
      })
    : undefined;
  const receiver = socket ?? createHttpReceiver({ signingSecret: slack.signingSecret ?? '', routes, logger: log, boltLogger: bolt });
  const app = new App({
    token: slack.botToken,
    receiver,
    logger: bolt,
    // auth.test runs in start(), where a bad token can stop the process with a clear message.
    deferInitialization: true,
    // No listener reads Bolt's conversation state: its store would run as middleware on every request for nothing.
    convoStore: false,
    extendedErrorHandler: true,
    clientOptions: {
      slackApiUrl: slack.apiUrl,
      // Our own delivery code retries; the default (10 retries over 30 minutes) would hide outages.
      retryConfig: { retries: 2, factor: 2, minTimeout: 500, maxTimeout: 5000 },
    },
  });
  app.error(createListenerErrorHandler(log));
  registerAll(app, { ...options.deps, logger, once: createOnce(options.store?.claims('slack', ONCE_TTL_MS), log) });

  return {
    app,
    mode,
    async start() {
      try {
        await app.init();
      } catch (error) {
        throw startError(error);
      }
      try {
        return (await app.start(port)) as Server;
      } catch (error) {
        throw startError(error, port);
      }
    },
    async stop() {
      await app.stop();
    },
    problems: () => socket?.state.problems() ?? [],
    details: () => (socket ? { socket: socket.state.snapshot() } : {}),
  };
}

/** Tells apart why the bot could not start: each cause has a different fix. */
function startError(error: unknown, port?: number): BotError {
  if (error instanceof BotError) return error;
  const e = error as { code?: string; data?: { error?: string }; original?: { code?: string } };
  if (e.code === 'EADDRINUSE')
    return new BotError('SLACK_START_PORT_IN_USE', `port ${port} is already in use: stop what listens there or set PORT`, { cause: error });
  if (e.code === 'slack_webapi_platform_error') {
    const why = e.data?.error ?? 'unknown';
    return new BotError('SLACK_START_TOKEN_REFUSED', `Slack refused the bot token (${why}): check SLACK_BOT_TOKEN, or reinstall the app`, {
      cause: error,
    });
  }
  if (e.code === 'slack_webapi_request_error' || e.code === 'slack_webapi_http_error') {
    return new BotError('SLACK_START_UNREACHABLE', 'Slack could not be reached: check the network, a proxy, or SLACK_API_URL', {
      cause: error,
    });
  }
  return new BotError('SLACK_START_FAILED', `could not connect to Slack: ${error instanceof Error ? error.message : String(error)}`, {
    cause: error,
  });
}
