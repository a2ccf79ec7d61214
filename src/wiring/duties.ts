import type { Scheduler } from '../schedule/scheduler.js';
import type { Logger } from '../telemetry/log.js';

/**
 * Work only the leader does (polls, ticks, digests, status-page and Partner API reads, Slack delivery):
 * started together when this replica takes the lease, paused together when it loses it, stopped
 * together at shutdown — one list, so no schedule can be forgotten in one of the three places.
 */
export interface Duty {
  readonly name: string;
  start(): Promise<void> | void;
  /** Stops until the next start: a replica that leads again resumes. */
  pause(): Promise<void>;
  stop(): Promise<void>;
}

/** A schedule as a duty; `first` runs once at each start, before the schedule's own first tick (a listing, a status read). */
export function scheduled(name: string, scheduler: Scheduler, logger: Logger, first?: () => Promise<unknown>): Duty {
  return {
    name,
    start() {
      first?.().catch((error: unknown) => logger.warn(`the first ${name} run failed; the schedule retries`, error));
      scheduler.start();
    },
    pause: () => scheduler.pause(),
    stop: () => scheduler.stop(),
  };
}

export interface Duties {
  startAll(): Promise<void>;
  pauseAll(): Promise<void>;
  stopAll(): Promise<void>;
}

/** Duties start in the order given and pause and stop in the reverse one: delivery (listed first) outlives what feeds it. */
export function createDuties(duties: ReadonlyArray<Duty | undefined>): Duties {
  const list = duties.filter((d): d is Duty => d !== undefined);
  const reversed = [...list].reverse();
  return {
    async startAll() {
      for (const duty of list) await duty.start();
    },
    async pauseAll() {
      for (const duty of reversed) await duty.pause();
    },
    async stopAll() {
      for (const duty of reversed) await duty.stop();
    },
  };
}
