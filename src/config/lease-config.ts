import type { Env } from './env.js';

/** The replicas' Redis lease: a dead leader is replaced within about this long. */
export const DEFAULT_LEASE_TTL_SECONDS = 15;
/** Below 3 s a GC pause or a slow Redis round trip would hand the lease around; above 2 min nobody polls for too long. */
export const LEASE_TTL_RANGE = { min: 3, max: 120 } as const;

/** LEASE_TTL_SECONDS, in milliseconds; only read by a replica on Redis, but checked whatever the store. */
export function readLeaseTtlMs(env: Env, problems: string[]): number {
  const raw = env.LEASE_TTL_SECONDS?.trim();
  if (raw === undefined || raw === '') return DEFAULT_LEASE_TTL_SECONDS * 1000;
  const seconds = Number(raw);
  const { min, max } = LEASE_TTL_RANGE;
  if (!/^\d+$/.test(raw) || seconds < min || seconds > max) {
    problems.push(
      `LEASE_TTL_SECONDS is "${raw}": use a whole number of seconds from ${min} to ${max} (default ${DEFAULT_LEASE_TTL_SECONDS}); ` +
        'a dead leader is replaced within this long.',
    );
    return DEFAULT_LEASE_TTL_SECONDS * 1000;
  }
  return seconds * 1000;
}
