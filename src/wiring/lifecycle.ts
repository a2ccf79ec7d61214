import type { StartConfig } from '../config/config.js';
import type { Notifier } from '../slack/notifier.js';
import type { SlackApp } from '../slack/app.js';
import type { SharedWindows } from '../store/webhook-windows.js';
import type { Logger } from '../telemetry/log.js';
import type { WebhookIngest } from '../webhooks/ingest.js';
import type { PassWatch } from './readiness.js';
import { logStarted } from './start-log.js';
import type { State } from './state.js';
import type { Work } from './work.js';

/** The built bot's parts that start and stop: Slack, the lease and what the leader does, webhooks, the store. */
export interface Running {
  readonly config: StartConfig;
  readonly logger: Logger;
  readonly state: State;
  readonly slack: SlackApp;
  readonly work: Work;
  readonly notifier: Notifier;
  readonly passWatch: PassWatch;
  readonly webhooks?: WebhookIngest;
  readonly windows?: SharedWindows;
}

/**
 * Slack first (a refused token ends the start before anything polls), then the lease: the leader's duties
 * start on gaining it and pause on losing it, all together. Resolves to the HTTP port in HTTP mode.
 */
export async function startRunning(parts: Running): Promise<{ readonly port?: number }> {
  const { config, logger, state, slack, work, notifier, passWatch } = parts;
  let server: Awaited<ReturnType<SlackApp['start']>>;
  try {
    server = await slack.start();
  } catch (error) {
    await state.close();
    throw error;
  }
  const address = server?.address();
  const port = typeof address === 'object' && address ? address.port : undefined;
  logStarted(config, logger, { mode: slack.mode, port, webhooks: parts.webhooks !== undefined });
  await state.leadership.start({
    onGain: async () => {
      passWatch.started();
      await work.duties.startAll();
    },
    onLose: async (why) => {
      if (why === 'shutting down') logger.info('leader shutting down: polls, ticks and delivery stop');
      else logger.warn(`not polling or delivering any more: ${why}`);
      await work.duties.pauseAll();
    },
    onChanged: (number, worth) => notifier.notify(number, worth),
  });
  return port === undefined ? {} : { port };
}

/** The lease goes first, so a standby takes over at once; then the duties, webhooks, Slack and the store. */
export async function stopRunning(parts: Running): Promise<void> {
  const { logger, state, slack, work, webhooks, windows } = parts;
  await state.leadership.stop();
  await work.duties.stopAll();
  webhooks?.stop();
  await webhooks?.flush();
  await slack.stop().catch((error) => logger.warn('error while stopping Slack', error));
  await windows?.close();
  await state.close();
}
