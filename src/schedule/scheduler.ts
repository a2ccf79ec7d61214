/**
 * The one owner of node-cron: validating an expression (config/ does, at start) and running a task on it
 * (the bot's schedules). A leaf: it imports nothing of ours but the logger's type, so config/ and the
 * composition root can both use it without a cycle.
 */
import cron from 'node-cron';
import type { Logger } from '../telemetry/log.js';

export function isValidSchedule(expression: string): boolean {
  return cron.validate(expression);
}

/** The time between the next two runs of an expression: what a pass "on time" means, before any task exists. */
export function intervalOf(expression: string): number {
  const probe = cron.createTask(expression, () => undefined);
  try {
    return spanOf(probe.getNextRuns(2));
  } finally {
    void probe.destroy();
  }
}

const spanOf = ([a, b]: Date[]) => (a && b ? b.getTime() - a.getTime() : 5 * 60_000);

export interface Scheduler {
  start(): void;
  /** Stops the schedule until the next start (a replica that stops leading starts again when it leads again). */
  pause(): Promise<void>;
  stop(): Promise<void>;
  /** The time between the next two runs: what "overdue" means for readiness. */
  intervalMs(): number;
}

/**
 * Runs `task` on a node-cron schedule. A run that is still going when the next tick comes is not
 * doubled: node-cron's noOverlap skips the tick (a slow 360dialog must not pile up passes).
 */
export function createScheduler(options: { schedule: string; task: () => Promise<unknown>; logger: Logger; name?: string }): Scheduler {
  const { logger } = options;
  const task = cron.createTask(
    options.schedule,
    async () => {
      try {
        await options.task();
      } catch (error) {
        logger.error('scheduled run failed', error);
      }
    },
    {
      name: options.name ?? 'poll',
      noOverlap: true,
      logger: {
        info: (msg: string) => logger.debug(msg),
        warn: (msg: string) => logger.info(`skipped a tick: ${msg}`),
        error: (msg: string | Error) => logger.error(msg),
        debug: (msg: string) => logger.debug(msg),
      },
    },
  );
  return {
    start: () => {
      task.start();
    },
    pause: async () => {
      await task.stop();
    },
    stop: async () => {
      await task.destroy();
    },
    intervalMs: () => spanOf(task.getNextRuns(2)),
  };
}
