import { ConfigError } from '../errors.js';
import { isChannelId } from './channel-id.js';
import type { Env } from './env.js';
import { isLevel, type Level } from '../telemetry/log.js';
import { isValidSchedule } from '../schedule/scheduler.js';
import { hasWhitespaceOrControl, type NumbersSource, readNumbers, type WaNumber } from './numbers.js';
import { type LogFormat, readLogFormat, readTelemetryConfig, type TelemetryConfig } from './telemetry-config.js';
import { type PartnerConfig, readPartnerConfig } from './partner.js';
import { readStatusPageConfig, type StatusPageConfig } from './status-page.js';
import { readLeaseTtlMs } from './lease-config.js';
import { readSupportConfig, type SupportConfig } from './support.js';

/**
 * Configuration is read once, here, from an `env` object that main.ts passes in.
 * Every problem is collected and reported together, each naming the variable and the fix.
 */

export interface SlackConfig {
  readonly botToken: string;
  /** Set: Socket Mode. Unset: HTTP mode at POST /slack/events. */
  readonly appToken?: string;
  readonly signingSecret?: string;
  readonly incidentChannel: string;
  readonly apiUrl: string;
  /** SLACK_TIMELINE_CANVAS=1: a resolved incident's timeline is also written as a canvas (needs canvases:write). */
  readonly timelineCanvas?: boolean;
}

export interface CommonConfig {
  readonly port: number;
  readonly logLevel: Level;
  readonly logFormat: LogFormat;
}

export const DEFAULTS = {
  SLACK_API_URL: 'https://slack.com/api/',
  PORT: '3000',
  LOG_LEVEL: 'info',
  POLL_SCHEDULE: '*/5 * * * *',
  POLL_CONCURRENCY: '16',
  D360_TIMEOUT_MS: '10000',
  STORE_URL: 'sqlite://data/wa-health.sqlite',
  REMINDER_INTERVAL: '60',
  INCIDENT_OPEN_AFTER: '2',
  GROUP_MIN_NUMBERS: '3',
  GROUP_MIN_PERCENT: '30',
  INCIDENT_RESOLVE_AFTER: '2',
} as const;

/** Where each required Slack value comes from, for the error message. */
const WHERE = {
  SLACK_BOT_TOKEN:
    'the Bot User OAuth Token (xoxb-…): Slack app settings → OAuth & Permissions, after creating the app from ' +
    'manifest.yml and installing it',
  SLACK_SIGNING_SECRET:
    'Slack app settings → Basic Information → App Credentials → Signing Secret (or set SLACK_APP_TOKEN to use Socket ' +
    'Mode instead of HTTP)',
  SLACK_INCIDENT_CHANNEL:
    'the ID (C…) of the channel for incident cards: open the channel → its name → About, at the bottom; invite the bot there',
} as const;

const value = (env: Env, name: string): string | undefined => {
  const v = env[name]?.trim();
  return v === undefined || v === '' ? undefined : v;
};

/**
 * Secrets are refused, not trimmed, when they hold whitespace or control characters anywhere: a newline
 * pasted into a token would otherwise pass here and fail every call later as a "network" problem.
 */
function checkSecretShape(env: Env, names: readonly string[], problems: string[]): void {
  for (const name of names) {
    const raw = env[name];
    if (raw !== undefined && raw.trim() !== '' && hasWhitespaceOrControl(raw))
      problems.push(`${name} contains whitespace or a control character (a line break?): set it to the value alone, nothing around it.`);
  }
}

function readPort(env: Env, problems: string[]): number {
  const raw = value(env, 'PORT') ?? DEFAULTS.PORT;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    problems.push(`PORT is "${raw}": use a whole number from 0 to 65535 (default ${DEFAULTS.PORT}).`);
    return Number(DEFAULTS.PORT);
  }
  return port;
}

export function readCommonConfig(env: Env, problems: string[]): CommonConfig {
  const level = (value(env, 'LOG_LEVEL') ?? DEFAULTS.LOG_LEVEL).toLowerCase();
  if (!isLevel(level)) problems.push(`LOG_LEVEL is "${level}": use debug, info, warn or error.`);
  return { port: readPort(env, problems), logLevel: isLevel(level) ? level : 'info', logFormat: readLogFormat(env, problems) };
}

export function readSlackConfig(env: Env, problems: string[]): SlackConfig {
  const botToken = value(env, 'SLACK_BOT_TOKEN');
  const appToken = value(env, 'SLACK_APP_TOKEN');
  const signingSecret = value(env, 'SLACK_SIGNING_SECRET');
  const incidentChannel = value(env, 'SLACK_INCIDENT_CHANNEL');
  const apiUrl = value(env, 'SLACK_API_URL') ?? DEFAULTS.SLACK_API_URL;
  const timelineCanvas = value(env, 'SLACK_TIMELINE_CANVAS') ?? '0';

  // Token values are never echoed back: only their shape is described.
  checkSecretShape(env, ['SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN', 'SLACK_SIGNING_SECRET'], problems);
  if (!botToken) problems.push(`SLACK_BOT_TOKEN is not set: ${WHERE.SLACK_BOT_TOKEN}.`);
  else if (!botToken.startsWith('xoxb-'))
    problems.push('SLACK_BOT_TOKEN does not start with "xoxb-": use the Bot User OAuth Token, not a user or app-level token.');
  if (appToken && !appToken.startsWith('xapp-'))
    problems.push(
      'SLACK_APP_TOKEN does not start with "xapp-": use an app-level token with the connections:write scope (Basic ' +
        'Information → App-Level Tokens), or unset it for HTTP mode.',
    );
  if (!appToken && !signingSecret) problems.push(`SLACK_SIGNING_SECRET is not set (needed in HTTP mode): ${WHERE.SLACK_SIGNING_SECRET}.`);
  if (!incidentChannel) problems.push(`SLACK_INCIDENT_CHANNEL is not set: ${WHERE.SLACK_INCIDENT_CHANNEL}.`);
  else if (!isChannelId(incidentChannel))
    problems.push(`SLACK_INCIDENT_CHANNEL is "${incidentChannel}": use the channel ID (like C0123456789), not its name.`);
  if (!/^https?:\/\/\S+$/.test(apiUrl))
    problems.push(`SLACK_API_URL is "${apiUrl}": use an http(s) URL (default ${DEFAULTS.SLACK_API_URL}).`);
  if (timelineCanvas !== '0' && timelineCanvas !== '1')
    problems.push(
      `SLACK_TIMELINE_CANVAS is "${timelineCanvas}": use 1 to also write each resolved incident's timeline as a canvas, or unset it.`,
    );

  return {
    botToken: botToken ?? '',
    ...(appToken ? { appToken } : {}),
    ...(signingSecret ? { signingSecret } : {}),
    incidentChannel: incidentChannel ?? '',
    apiUrl: apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/`,
    timelineCanvas: timelineCanvas === '1',
  };
}

export interface MonitorConfig {
  readonly numbers: readonly WaNumber[];
  readonly pollSchedule: string;
  readonly pollConcurrency: number;
  /** Budget for one health call; not in the design's contract, an operator's escape hatch. */
  readonly d360TimeoutMs: number;
  readonly storeUrl: string;
  readonly webhookSecret?: string;
  /** 360dialog Partner API discovery (D360_PARTNER_API_KEY and D360_PARTNER_ID). */
  readonly partner?: PartnerConfig;
  /** Minutes between thread reminders of an open, unacknowledged incident. */
  readonly reminderIntervalMinutes: number;
  /** Consecutive problem polls before an incident opens; healthy polls before it resolves. */
  readonly openAfter: number;
  readonly resolveAfter: number;
  /** A group card forms at max(groupMinNumbers, groupMinPercent % of a channel's numbers) with one condition. */
  readonly groupMinNumbers: number;
  readonly groupMinPercent: number;
  /** DIGEST_SCHEDULE: a per-channel summary on this cron schedule; unset, no digest. */
  readonly digestSchedule?: string;
  /** LEASE_TTL_SECONDS in ms: how long a replica's Redis lease lasts (and so a failover takes). */
  readonly leaseTtlMs: number;
}

function readInteger(env: Env, name: keyof typeof DEFAULTS, min: number, max: number, problems: string[]): number {
  const raw = value(env, name) ?? DEFAULTS[name];
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    problems.push(`${name} is "${raw}": use a whole number from ${min} to ${max} (default ${DEFAULTS[name]}).`);
    return Number(DEFAULTS[name]);
  }
  return n;
}

export function readMonitorConfig(env: Env, source: NumbersSource, problems: string[]): MonitorConfig {
  const pollSchedule = value(env, 'POLL_SCHEDULE') ?? DEFAULTS.POLL_SCHEDULE;
  if (!isValidSchedule(pollSchedule))
    problems.push(
      `POLL_SCHEDULE is "${pollSchedule}", which is not a cron expression: use five fields (minute first) or six (second ` +
        `first), e.g. "*/5 * * * *".`,
    );
  const storeUrl = value(env, 'STORE_URL') ?? DEFAULTS.STORE_URL;
  if (!/^(sqlite|redis|rediss|memory):\/\/./.test(storeUrl))
    problems.push(`STORE_URL is "${storeUrl}": use sqlite://<path> or redis://<host>:<port>.`);
  const webhookSecret = value(env, 'WEBHOOK_SECRET');
  const partner = readPartnerConfig(env, pollSchedule, problems);
  const digestSchedule = value(env, 'DIGEST_SCHEDULE');
  if (digestSchedule && !isValidSchedule(digestSchedule))
    problems.push(`DIGEST_SCHEDULE is "${digestSchedule}", which is not a cron expression: e.g. "0 9 * * 1-5" (09:00 on weekdays).`);
  return {
    ...(digestSchedule ? { digestSchedule } : {}),
    numbers: readNumbers(env, source, problems),
    pollSchedule,
    pollConcurrency: readInteger(env, 'POLL_CONCURRENCY', 1, 1024, problems),
    d360TimeoutMs: readInteger(env, 'D360_TIMEOUT_MS', 100, 120_000, problems),
    storeUrl,
    leaseTtlMs: readLeaseTtlMs(env, problems),
    ...(webhookSecret ? { webhookSecret } : {}),
    ...(partner ? { partner } : {}),
    reminderIntervalMinutes: readInteger(env, 'REMINDER_INTERVAL', 1, 7 * 24 * 60, problems),
    openAfter: readInteger(env, 'INCIDENT_OPEN_AFTER', 1, 100, problems),
    resolveAfter: readInteger(env, 'INCIDENT_RESOLVE_AFTER', 1, 100, problems),
    groupMinNumbers: readInteger(env, 'GROUP_MIN_NUMBERS', 2, 1_000_000, problems),
    groupMinPercent: readInteger(env, 'GROUP_MIN_PERCENT', 0, 100, problems),
  };
}

function secretsOf(slack: SlackConfig | undefined, monitor: MonitorConfig): string[] {
  return [
    slack?.botToken,
    slack?.appToken,
    slack?.signingSecret,
    monitor.webhookSecret,
    monitor.partner?.apiKey.reveal(),
    ...monitor.numbers.map((n) => n.apiKey.reveal()),
  ].filter((s): s is string => s !== undefined && s !== '');
}

export interface StartConfig extends CommonConfig, MonitorConfig, TelemetryConfig, SupportConfig {
  readonly slack: SlackConfig;
  readonly statusPage: StatusPageConfig;
  /** Every secret value, for the logger to scrub. */
  readonly secrets: readonly string[];
}

/** Everything `npm start` needs; throws one ConfigError listing every problem. */
export function readStartConfig(env: Env, source: NumbersSource): StartConfig {
  const problems: string[] = [];
  const common = readCommonConfig(env, problems);
  const slack = readSlackConfig(env, problems);
  const monitor = readMonitorConfig(env, source, problems);
  const telemetry = readTelemetryConfig(env, problems);
  const statusPage = readStatusPageConfig(env, problems);
  const support = readSupportConfig(env, problems);
  if (problems.length > 0) throw new ConfigError(problems);
  const secrets = [...secretsOf(slack, monitor), ...(telemetry.heartbeatUrl ? [telemetry.heartbeatUrl] : [])];
  return { ...common, ...monitor, ...telemetry, ...support, slack, statusPage, secrets };
}

export interface CheckConfig extends CommonConfig, MonitorConfig {
  readonly secrets: readonly string[];
}

/** What `npm run check` needs: the numbers, no Slack. */
export function readCheckConfig(env: Env, source: NumbersSource): CheckConfig {
  const problems: string[] = [];
  const common = readCommonConfig(env, problems);
  const monitor = readMonitorConfig(env, source, problems);
  if (problems.length > 0) throw new ConfigError(problems, 'check');
  return { ...common, ...monitor, secrets: secretsOf(undefined, monitor) };
}
