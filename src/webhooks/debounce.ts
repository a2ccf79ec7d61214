export interface Debounce {
  /** A number's windows changed; `urgent` (an account-level code) looks at once rather than after the delay. */
  mark(number: string, urgent: boolean): void;
  /** Every number marked and not yet looked at, taken out (for a flush). */
  take(): string[];
  stop(): void;
}

/**
 * Gathers the numbers whose windows changed and hands them to `look` together, at most `ms` after
 * the first: the engine sees one observation per number per look, not one per webhook call.
 */
export function createDebounce(ms: number, look: (numbers: string[]) => void): Debounce {
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  const take = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    const numbers = [...pending];
    pending.clear();
    return numbers;
  };
  const fire = () => {
    const numbers = take();
    if (numbers.length > 0) look(numbers);
  };
  return {
    mark(number, urgent) {
      pending.add(number);
      if (urgent) fire();
      else if (!timer) {
        timer = setTimeout(fire, ms);
        timer.unref?.();
      }
    },
    take,
    stop: () => void (timer && clearTimeout(timer)),
  };
}
