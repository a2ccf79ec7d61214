import type { Server } from 'node:http';
import { App, type Logger as BoltLogger, LogLevel } from '@slack/bolt';
import type { SlackConfig } from '../config/config.js';
import type { HttpRoute } from '../http/route.js';
import type { Level, Logger } from '../telemetry/log.js';
import { registerAll, type SlackDeps } from './register.js';

export interface SlackAppOptions {
  readonly slack: SlackConfig;
  readonly port: number;
  readonly logger: Logger;
  readonly routes?: readonly HttpRoute[];
  readonly deps: Omit<SlackDeps, 'logger'>;
}

export interface SlackApp {
  readonly app: App;
  readonly mode: 'socket' | 'http';
  /** Checks the bot token (auth.test), then listens; in HTTP mode resolves to the server. */
  start(): Promise<Server | undefined>;
  stop(): Promise<void>;
}

// Bolt's LogLevel values are these same strings.
const BOLT_LEVEL: Record<Level, LogLevel> = {
  debug: LogLevel.DEBUG,
  info: LogLevel.INFO,
  warn: LogLevel.WARN,
  error: LogLevel.ERROR,
};

/** Bolt wants its own logger shape; ours keeps the secret scrubbing. */
function boltLogger(logger: Logger): BoltLogger {
  let current = logger;
  return {
    debug: (...msg) => current.debug(...msg),
    info: (...msg) => current.info(...msg),
    warn: (...msg) => current.warn(...msg),
    error: (...msg) => current.error(...msg),
    setLevel: (level) => {
      const entry = Object.entries(BOLT_LEVEL).find(([, v]) => v === level);
      if (entry) current.level = entry[0] as Level;
    },
    getLevel: () => BOLT_LEVEL[current.level],
    setName: (name) => {
      current = logger.child(name);
    },
  };
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
  const app =
    mode === 'socket'
      ? new App({ ...common, socketMode: true, appToken: slack.appToken, customRoutes, installerOptions: { port } })
      : new App({ ...common, signingSecret: slack.signingSecret ?? '', endpoints: '/slack/events', customRoutes });

  app.error(async (error) => {
    logger.error('unhandled error in a Slack listener', error);
  });
  registerAll(app, { ...options.deps, logger });

  return {
    app,
    mode,
    async start() {
      await app.init();
      const started = await app.start(port);
      return mode === 'http' ? (started as Server) : undefined;
    },
    async stop() {
      await app.stop();
    },
  };
}
