import type { Logger } from '../telemetry/log.js';

/** Wall and monotonic clocks may drift apart this much before it counts as a step of the wall clock. */
const CLOCK_STEP_MS = 60_000;

/**
 * The wall clock stepped when it moved differently from the monotonic clock. Then every stored
 * time the rules measure from is moved by the step (the engine's clock-jump), so a step neither
 * escalates everything at once nor makes fresh answers look older than the last one.
 * Returns the check to run before each pass and tick.
 */
export function createClockWatch(options: {
  readonly now: () => number;
  readonly monotonic: () => number;
  readonly logger: Logger;
  readonly shift: (byMs: number, at: number) => Promise<void>;
}): () => Promise<void> {
  let offset: number | undefined;
  return async () => {
    const current = options.now() - options.monotonic();
    const step = offset === undefined ? 0 : current - offset;
    offset = current;
    if (Math.abs(step) < CLOCK_STEP_MS) return;
    const direction = step > 0 ? 'forward' : 'back';
    options.logger.warn(
      `the wall clock stepped ${direction} by ${Math.round(Math.abs(step) / 1000)} s: time-based rules keep real durations`,
    );
    await options.shift(step, options.now());
  };
}
