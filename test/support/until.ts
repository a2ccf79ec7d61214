/**
 * Waiting on events: a predicate polled until it holds. Nothing here measures time; the guard only
 * turns a wait that can never end into a failure that says what never happened.
 */

/** How long `until` waits before it calls a wait a hang: far beyond any wait of a healthy run, even on a loaded machine. */
export const HANG_GUARD_MS = 90_000;

/**
 * Resolves with the predicate's first truthy answer, polling it. Not a timing claim: the guard is
 * only there so that a wait that can never end fails with `what` (and `context()`, e.g. the bot's log).
 */
export async function until<T>(
  probe: () => T | Promise<T>,
  what: string,
  options: { guardMs?: number; everyMs?: number; context?: () => string } = {},
): Promise<NonNullable<T>> {
  const guard = Date.now() + (options.guardMs ?? HANG_GUARD_MS);
  for (;;) {
    const value = await probe();
    if (value) return value as NonNullable<T>;
    if (Date.now() > guard) throw new Error(`never happened: ${what}${options.context ? `\n${tail(options.context())}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, options.everyMs ?? 25));
  }
}

/** The end of a log, for a failure's message: enough to see what the bot was doing, not all it ever said. */
export function tail(text: string, lines = 30): string {
  return text
    .split('\n')
    .slice(-lines)
    .map((l) => (l.length > 400 ? `${l.slice(0, 400)} …` : l))
    .join('\n');
}
