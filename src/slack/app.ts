import type { Server } from 'node:http';
import { App } from '@slack/bolt';
import { BotError } from '../errors.js';
import type { SlackConfig } from '../config/config.js';
import type { HttpRoute } from '../http/route.js';
import type { Store } from '../store/open.js';
import type { Logger } from '../telemetry/log.js';
import { boltLogger } from './bolt-logger.js';
import { createListenerErrorHandler } from './errors.js';
import type { SlackDeps } from './deps.js';
import { createOnce, ONCE_TTL_MS } from './once.js';
import { createHttpReceiver } from './receiver/http-receiver.js';
import { registerAll } from './register.js';

export interface SlackAppOptions {
  readonly slack: SlackConfig;
  readonly port: number;
  readonly logger: Logger;
  readonly routes?: readonly HttpRoute[];
  readonly deps: Omit<SlackDeps, 'logger' | 'once'>;
  /** Where "acted on once" is recorded; without a store every delivery acts. */
  readonly store?: Pick<Store, 'claims'>;
}

export interface SlackApp {
  readonly app: App;
  readonly mode: 'socket' | 'http';
  /** Checks the bot token (auth.test), then listens; in HTTP mode resolves to the server. */
  start(): Promise<Server | undefined>;
  stop(): Promise<void>;
}

/**
 * The Bolt app: in HTTP mode over our own receiver (slack/receiver/http-receiver.ts), which owns the request
 * checks and our routes without patching anything of Bolt's; Socket Mode when SLACK_APP_TOKEN is set.
 */
export function createSlackApp(options: SlackAppOptions): SlackApp {
  const { slack, port, logger } = options;
  const log = logger.child('slack');
  const bolt = boltLogger(log);
  const routes = options.routes ?? [];
  const mode = slack.appToken ? 'socket' : 'http';
  const common = {
    token: slack.botToken,
    logger: bolt,
    // auth.test runs in start(), where a bad token can stop the process with a clear message.
    deferInitialization: true,
    extendedErrorHandler: true,
    clientOptions: {
      slackApiUrl: slack.apiUrl,
      // Our own delivery code retries; the default (10 retries over 30 minutes) would hide outages.
      retryConfig: { retries: 2, factor: 2, minTimeout: 500, maxTimeout: 5000 },
    },
  };
  const app = slack.appToken
    ? new App({
        ...common,
        socketMode: true,
        appToken: slack.appToken,
        customRoutes: routes.map((r) => ({ path: r.path, method: r.method, handler: r.handler })),
        installerOptions: { port },
      })
    : new App({
        ...common,
        receiver: createHttpReceiver({ signingSecret: slack.signingSecret ?? '', routes, logger: log, boltLogger: bolt }),
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
        const started = await app.start(port);
        return mode === 'http' ? (started as Server) : undefined;
      } catch (error) {
        throw startError(error, port);
      }
    },
    async stop() {
      await app.stop();
    },
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
