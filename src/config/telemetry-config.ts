import type { Env } from './env.js';

/** How the bot reports on itself and whether it may change anything in Slack (LOG_FORMAT is common to every command). */
export interface TelemetryConfig {
  /** Requested after every completed poll pass (a dead-man's switch). A credential of sorts: scrubbed from logs. */
  readonly heartbeatUrl?: string;
  /** Slack changes are logged and answered as if accepted, never sent. */
  readonly dryRun: boolean;
}

/** `json`: one JSON object per line, for log aggregators; `text`: for a terminal. */
export type LogFormat = 'text' | 'json';

const value = (env: Env, name: string): string | undefined => {
  const v = env[name]?.trim();
  return v === undefined || v === '' ? undefined : v;
};

export function readLogFormat(env: Env, problems: string[]): LogFormat {
  const format = (value(env, 'LOG_FORMAT') ?? 'text').toLowerCase();
  if (format === 'text' || format === 'json') return format;
  problems.push(`LOG_FORMAT is "${format}": use text (the default, for a terminal) or json (one object per line).`);
  return 'text';
}

export function readTelemetryConfig(env: Env, problems: string[]): TelemetryConfig {
  const heartbeatUrl = value(env, 'HEARTBEAT_URL');
  // The URL is not echoed: ping URLs carry their check's secret id.
  if (heartbeatUrl !== undefined && !URL.canParse(heartbeatUrl)) problems.push('HEARTBEAT_URL is not a URL: use an http(s) URL.');
  else if (heartbeatUrl !== undefined && !/^https?:$/.test(new URL(heartbeatUrl).protocol))
    problems.push('HEARTBEAT_URL does not start with http:// or https://: use the ping URL your monitoring service gives you.');
  const dryRun = value(env, 'DRY_RUN') ?? '0';
  if (dryRun !== '0' && dryRun !== '1')
    problems.push(`DRY_RUN is "${dryRun}": use 1 to log Slack changes instead of sending them, or unset it.`);
  return {
    ...(heartbeatUrl !== undefined ? { heartbeatUrl } : {}),
    dryRun: dryRun === '1',
  };
}
