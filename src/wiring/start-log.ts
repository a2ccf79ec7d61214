import type { StartConfig } from '../config/config.js';
import type { Logger } from '../telemetry/log.js';
import { WEBHOOK_PATH } from '../webhooks/receiver.js';

/** What the operator reads once the bot is up: how Slack reaches it, webhooks, dry run, and what it watches. */
export function logStarted(config: StartConfig, logger: Logger, how: { mode: string; port: number | undefined; webhooks: boolean }) {
  const { port } = how;
  logger.info(
    how.mode === 'socket'
      ? 'Slack reaches the bot in Socket Mode (each connection is logged as it opens)'
      : `listening for Slack on http://0.0.0.0:${port}/slack/events`,
  );
  logger.info(
    how.webhooks
      ? `360dialog webhooks accepted at POST ${WEBHOOK_PATH} on port ${port ?? config.port}`
      : '360dialog webhook receiver off (set WEBHOOK_SECRET to turn it on)',
  );
  if (config.dryRun) logger.warn('DRY_RUN=1: Slack changes are logged here, not sent');
  if (config.numbers.length === 0) logger.info('no WhatsApp numbers configured (numbers.yml or D360_API_KEY): answering /wa-error only');
  else {
    logger.info(
      `watching ${config.numbers.length} number(s) on "${config.pollSchedule}", ${config.pollConcurrency} calls at most in flight`,
    );
  }
}
