import type { Env } from './env.js';

/** What the Escalate button needs to know of the partner's 360dialog plan. */
export interface SupportConfig {
  /**
   * D360_PRIORITY_ESCALATIONS: priority escalations the plan includes per calendar month (UTC) — Growth 2,
   * Premium 5 (360dialog partner programme → Plan Benefits). Unset: not tracked.
   */
  readonly priorityEscalations?: number;
}

/** A plan with more than this is a typo, not a plan. */
const MAX = 1000;

export function readSupportConfig(env: Env, problems: string[]): SupportConfig {
  const raw = env.D360_PRIORITY_ESCALATIONS?.trim();
  if (raw === undefined || raw === '') return {};
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isInteger(n) || n > MAX) {
    problems.push(
      `D360_PRIORITY_ESCALATIONS is "${raw}": use the whole number of priority escalations your 360dialog plan includes a ` +
        'month (Growth 2, Premium 5), or unset it to not track them.',
    );
    return {};
  }
  return { priorityEscalations: n };
}
