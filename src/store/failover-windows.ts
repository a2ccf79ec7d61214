import type { Logger } from '../telemetry/log.js';
import { createMemoryWindows } from './memory-windows.js';
import type { SharedWindows } from './shared-windows.js';

/** After a failure, the shared windows are left alone this long before being tried again. */
export const RETRY_MS = 5000;

export interface FailoverOptions {
  readonly logger: Pick<Logger, 'error' | 'info'>;
  /** This replica's own windows; in memory by default. */
  readonly local?: SharedWindows;
  readonly retryMs?: number;
  readonly now?: () => number;
}

/**
 * The shared windows, or this replica's own while they cannot answer: a Redis outage must not stop
 * webhooks from being counted. Every write goes to both, so the local windows already hold what this
 * replica counted when Redis goes away (its share of the window, not the others'). The outage is said
 * once, Redis is tried again every few seconds, and its return is said once too. What was counted
 * locally meanwhile stays local: the shared windows miss it until it ages out of them.
 */
export function withFailover(shared: SharedWindows, options: FailoverOptions): SharedWindows {
  const local = options.local ?? createMemoryWindows(options.now ? { now: options.now } : {});
  const now = options.now ?? Date.now;
  const retryMs = options.retryMs ?? RETRY_MS;
  let down = false;
  let retryAt = 0;

  /** `op` on the shared windows, else on the local ones; a write (`mirror`) lands locally too. */
  const either = async <R>(what: string, op: (w: SharedWindows) => Promise<R>, mirror = false): Promise<R> => {
    if (down) {
      if (now() < retryAt) return op(local);
      // This call probes; the others stay local meanwhile rather than all waiting on a hung Redis.
      retryAt = now() + retryMs;
    }
    let result: R;
    try {
      result = await op(shared);
    } catch (error) {
      // Said once per outage: at thousands of statuses a second, a line per call would drown the log.
      if (!down) options.logger.error(`webhook state in Redis unavailable (${what}): counting on this replica alone meanwhile`, error);
      down = true;
      retryAt = now() + retryMs;
      return op(local);
    }
    if (down) options.logger.info('webhook state in Redis answers again');
    down = false;
    if (mirror) await op(local);
    return result;
  };

  return {
    claim: (keys, ttlMs) => either('deduplicating', (w) => w.claim(keys, ttlMs), true),
    add: (number, tallied, keepMs) => either('counting', (w) => w.add(number, tallied, keepMs), true),
    read: (number, sinceOf) => either('evaluating', (w) => w.read(number, sinceOf)),
    setRaised: (number, raised, empty) => either('evaluating', (w) => w.setRaised(number, raised, empty), true),
    numbers: () => either('listing', (w) => w.numbers()),
    learn: (number, phoneNumberId, wabaId) => either('learning routes', (w) => w.learn(number, phoneNumberId, wabaId), true),
    routes: () => either('routing', (w) => w.routes()),
    close: async () => {
      await Promise.all([shared.close(), local.close()]);
    },
  };
}
