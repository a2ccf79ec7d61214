import { isValidSchedule } from '../schedule/scheduler.js';
import type { Env } from './env.js';
import { Secret } from './secret.js';

export const DEFAULT_PARTNER_BASE_URL = 'https://hub.360dialog.io/api/v2';

/** 360dialog Partner API discovery: optional, on when both the key and the partner id are set. */
export interface PartnerConfig {
  readonly apiKey: Secret;
  readonly partnerId: string;
  readonly baseUrl: string;
  /** node-cron expression; the poll schedule unless PARTNER_SCHEDULE says otherwise. */
  readonly schedule: string;
}

export function readPartnerConfig(env: Env, pollSchedule: string, problems: string[]): PartnerConfig | undefined {
  const apiKey = env.D360_PARTNER_API_KEY?.trim();
  const partnerId = env.D360_PARTNER_ID?.trim();
  if (!apiKey && !partnerId) return undefined;
  if (!apiKey || !partnerId) {
    const missing = apiKey ? 'D360_PARTNER_ID (your partner id, ending in PA)' : 'D360_PARTNER_API_KEY (Partner Hub → API Keys)';
    problems.push(`Partner API discovery needs both variables: set ${missing}, or unset the other one.`);
    return undefined;
  }
  const baseUrl = (env.D360_PARTNER_BASE_URL?.trim() || DEFAULT_PARTNER_BASE_URL).replace(/\/+$/, '');
  if (!/^https?:\/\/[^\s/]+/.test(baseUrl))
    problems.push(`D360_PARTNER_BASE_URL is "${baseUrl}": use an http(s) URL (default ${DEFAULT_PARTNER_BASE_URL}).`);
  const schedule = env.PARTNER_SCHEDULE?.trim() || pollSchedule;
  if (!isValidSchedule(schedule)) problems.push(`PARTNER_SCHEDULE is "${schedule}", which is not a cron expression: e.g. "*/15 * * * *".`);
  return { apiKey: new Secret(apiKey), partnerId, baseUrl, schedule };
}
