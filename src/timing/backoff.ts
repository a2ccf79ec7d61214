/**
 * The one backoff: exponential from `firstMs`, capped at `maxMs`, with "equal jitter" (half the wait
 * fixed, half random) so that many numbers, channels or replicas that failed together do not all come
 * back in the same millisecond — and no wait is ever shorter than half its step.
 */
export interface Backoff {
  readonly firstMs: number;
  readonly maxMs: number;
  /** 0 (no jitter, for waits a person reads off a log) to 1 (the default: half of each wait is random). */
  readonly jitter?: number;
}

/** The wait before try `attempt` (1 = the first retry). `random` is injectable for tests. */
export function backoffMs(policy: Backoff, attempt: number, random: () => number = Math.random): number {
  const step = Math.min(policy.maxMs, policy.firstMs * 2 ** Math.max(0, attempt - 1));
  const jitter = Math.min(1, Math.max(0, policy.jitter ?? 1));
  return Math.round(step * (1 - jitter / 2) + step * (jitter / 2) * random());
}
