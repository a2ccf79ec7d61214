import { performance } from 'node:perf_hooks';

/** One source of reasons the bot is not ready (the store, Slack delivery, a stalled monitor, the socket); empty when fine. */
export type ProblemSource = () => Promise<readonly string[]> | readonly string[];

/** Every source asked at once; a source that throws is itself a reason, never a crash of /readyz. */
export function createReadiness(sources: readonly ProblemSource[]): () => Promise<string[]> {
  return async () => {
    const answers = await Promise.all(
      sources.map(async (source) => {
        try {
          return await source();
        } catch (error) {
          return [`readiness check failed: ${String(error)}`];
        }
      }),
    );
    return answers.flat();
  };
}

/**
 * Whether poll passes run on time: "stalled" once no pass has finished for twice the schedule plus a
 * call budget (one slow pass is not yet a stalled monitor). Only while `active` — a follower polls
 * nothing, and a bot with no numbers has no passes to be late with. Monotonic time: a wall-clock step
 * neither hides nor invents a stall.
 */
export interface PassWatch {
  /** Polling (re)starts now: the first pass is due from here. */
  started(): void;
  passed(): void;
  readonly problems: ProblemSource;
}

export function createPassWatch(options: {
  readonly intervalMs: number;
  readonly budgetMs: number;
  readonly active: () => boolean;
  readonly monotonic?: () => number;
}): PassWatch {
  const mono = options.monotonic ?? (() => performance.now());
  let since: number | undefined;
  return {
    started() {
      since = mono();
    },
    passed() {
      since = mono();
    },
    problems() {
      if (since === undefined || !options.active()) return [];
      const limit = 2 * options.intervalMs + options.budgetMs;
      const late = mono() - since;
      return late > limit
        ? [`no poll pass has finished for ${Math.round(late / 1000)} s (the schedule allows ${Math.round(limit / 1000)} s)`]
        : [];
    },
  };
}
