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
  /** Open records that have the current report: a standing report is not stepped into them again every tick. */
  const told = new Set<string>();
  const applyTo = async (ids: readonly string[]) => {
    for (const id of ids) told.add(id);
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
      told.clear();
      await applyTo(options.openIds());
    },
    /** Incidents opened since learn of a report still standing; nothing to do while the page is clear. */
    async follow() {
      if (!current) return;
      const open = new Set(options.openIds());
      // A record that closed forgets it was told, so its next incident is told again.
      for (const id of told) if (!open.has(id)) told.delete(id);
      await applyTo([...open].filter((id) => !told.has(id)));
    },
  };
}
