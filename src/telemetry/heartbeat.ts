import type { Logger } from './log.js';

export interface Heartbeat {
  /** Requests the URL once; resolves when done or given up, never rejects. */
  beat(): Promise<void>;
}

export interface HeartbeatOptions {
  readonly url: string;
  readonly logger: Logger;
  /** A dead-man's switch only needs to hear "alive": a slow one must not hold up the next pass. */
  readonly timeoutMs?: number;
}

/**
 * HEARTBEAT_URL (Healthchecks.io, Better Stack, Cronitor …) requested after every completed pass, so
 * someone is told when the bot stops. A failure is logged once per change (failing, failing another
 * way, reachable again), not once per pass: at one pass a minute a dead endpoint would flood the log.
 * The URL is never logged (ping URLs carry their check's secret; the logger scrubs it anyway).
 */
export function createHeartbeat(options: HeartbeatOptions): Heartbeat {
  const { url, logger } = options;
  const timeoutMs = options.timeoutMs ?? 5000;
  let lastProblem: string | undefined;

  const outcome = async (): Promise<string | undefined> => {
    try {
      const res = await fetch(url, { method: 'GET', signal: AbortSignal.timeout(timeoutMs), redirect: 'follow' });
      // The body says nothing we need; reading it lets the connection be reused.
      await res.arrayBuffer().catch(() => undefined);
      return res.ok ? undefined : `HTTP ${res.status}`;
    } catch (error) {
      const e = error as { name?: string; cause?: { code?: string } };
      if (e.name === 'TimeoutError') return `no answer within ${timeoutMs / 1000} s`;
      return e.cause?.code ?? e.name ?? 'request failed';
    }
  };

  return {
    async beat() {
      const problem = await outcome();
      if (problem === lastProblem) return;
      if (problem === undefined) logger.info('heartbeat: the monitoring endpoint answers again');
      else logger.warn(`heartbeat failed (${problem}): whoever watches HEARTBEAT_URL will think the bot is down`);
      lastProblem = problem;
    },
  };
}
