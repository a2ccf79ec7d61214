import { isValidSchedule } from '../schedule/scheduler.js';
import type { Env } from './env.js';

/** 360dialog's status page, in the Statuspage v2 summary format the page serves. */
export const DEFAULT_STATUS_URL = 'https://status.360dialog.com/api/v2/summary.json';
export const DEFAULT_STATUS_SCHEDULE = '*/2 * * * *';

export interface StatusPageConfig {
  /** Undefined: `off`. */
  readonly url?: string;
  readonly schedule: string;
}

/** D360_STATUS_URL (a full http(s) URL, or `off`) and D360_STATUS_SCHEDULE (node-cron). */
export function readStatusPageConfig(env: Env, problems: string[]): StatusPageConfig {
  const raw = env.D360_STATUS_URL?.trim() || DEFAULT_STATUS_URL;
  const schedule = env.D360_STATUS_SCHEDULE?.trim() || DEFAULT_STATUS_SCHEDULE;
  if (!isValidSchedule(schedule))
    problems.push(`D360_STATUS_SCHEDULE is "${schedule}", which is not a cron expression (default every 2 minutes).`);
  if (raw.toLowerCase() === 'off') return { schedule };
  if (!/^https?:\/\/[^\s]+$/i.test(raw)) {
    problems.push(`D360_STATUS_URL is "${raw}": use the full URL of the status page's JSON summary, or off.`);
    return { schedule };
  }
  return { url: raw, schedule };
}
