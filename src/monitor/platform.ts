import type { EngineInput } from '../core/engine.js';
import type { PlatformNote } from '../core/records.js';

/**
 * Carries what 360dialog's status page reports onto every open card: at once when the report
 * changes, and after each pass or tick for incidents opened since (an unchanged step writes nothing).
 */
export function createPlatformFollower(options: {
  readonly openIds: () => readonly string[];
  readonly apply: (batch: ReadonlyArray<readonly [string, EngineInput]>, at: number) => Promise<void>;
  readonly now: () => number;
  readonly batch: number;
}) {
  let current: PlatformNote | undefined;
  const applyAll = async () => {
    const ids = options.openIds();
    const input: EngineInput = { kind: 'platform', ...(current ? { note: current } : {}) };
    const at = options.now();
    for (let i = 0; i < ids.length; i += options.batch)
      await options.apply(
        ids.slice(i, i + options.batch).map((id) => [id, input] as const),
        at,
      );
  };
  return {
    async report(note: PlatformNote | undefined) {
      current = note;
      await applyAll();
    },
    /** New incidents learn of a report still standing; nothing to do while the page is clear. */
    async follow() {
      if (current) await applyAll();
    },
  };
}
