import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { App, HTTPReceiver } from '@slack/bolt';
import { BotError } from '../errors.js';
import type { SlackConfig } from '../config/config.js';
import type { HttpRoute } from '../http/route.js';
import type { Store } from '../store/open.js';
import type { Logger } from '../telemetry/log.js';
import { boltLogger } from './bolt-logger.js';
import { createListenerErrorHandler } from './errors.js';
import type { SlackDeps } from './deps.js';
import { createOnce, ONCE_TTL_MS } from './once.js';
import { registerAll } from './register.js';
import { guardReceiver } from './request-guard.js';

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

export function createSlackApp(options: SlackAppOptions): SlackApp {
  const { slack, port, logger } = options;
  const customRoutes = (options.routes ?? []).map((r) => ({ path: r.path, method: r.method, handler: r.handler }));
  const common = {
    token: slack.botToken,
    logger: boltLogger(logger.child('slack')),
    // auth.test runs in start(), where a bad token can stop the process with a clear message.
    deferInitialization: true,
    clientOptions: {
      slackApiUrl: slack.apiUrl,
      // Our own delivery code retries; the default (10 retries over 30 minutes) would hide outages.
      retryConfig: { retries: 2, factor: 2, minTimeout: 500, maxTimeout: 5000 },
    },
  };
  const mode = slack.appToken ? 'socket' : 'http';
  let app: App;
  if (mode === 'socket') {
    app = new App({
      ...common,
      socketMode: true,
      appToken: slack.appToken,
      customRoutes,
      installerOptions: { port },
      extendedErrorHandler: true,
    });
  } else {
    const receiver = new HTTPReceiver({
      signingSecret: slack.signingSecret ?? '',
      endpoints: '/slack/events',
      customRoutes,
      logger: common.logger,
    });
    guardReceiver(receiver, logger.child('slack'));
    routeOwnPathsFirst(receiver, options.routes ?? []);
    app = new App({ ...common, receiver, extendedErrorHandler: true });
  }
  app.error(createListenerErrorHandler(logger.child('slack')));
  registerAll(app, { ...options.deps, logger, once: createOnce(options.store?.claims('slack', ONCE_TTL_MS), logger.child('slack')) });

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

/**
 * Our plain routes (webhooks, health, metrics) are literal paths: matched by a map lookup before Bolt's
 * router, which builds a path-to-regexp matcher per custom route on every request — a third of a webhook's
 * CPU. Anything else, including odd spellings of our paths, goes through Bolt as before.
 */
function routeOwnPathsFirst(receiver: HTTPReceiver, routes: readonly HttpRoute[]): void {
  const own = new Map(routes.map((r) => [`${r.method} ${r.path}`, r.handler]));
  const internals = receiver as unknown as { requestListener: (req: IncomingMessage, res: ServerResponse) => void };
  const bolt = internals.requestListener;
  internals.requestListener = (req, res) => {
    const url = req.url ?? '/';
    const query = url.indexOf('?');
    const handler = own.get(`${req.method?.toUpperCase()} ${query < 0 ? url : url.slice(0, query)}`);
    if (handler) handler(req, res);
    else bolt(req, res);
  };
}
