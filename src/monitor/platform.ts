import type { EngineInput } from '../core/engine.js';
import type { PlatformNote } from '../core/records.js';

/**
 * Carries what 360dialog's status page reports onto every open card: at once when the report
 * changes, and after each pass or tick for incidents opened since (an unchanged step writes nothing).
 */
export function createPlatformFollower(options: {
  readonly openIds: () => readonly string[];
  /**
   * Moves whenever `openIds()` changed (a record joined or left it). With it, a tick
   * that changed nothing does not list and compare every open record (20,000 of them at 30 s intervals
   * while a report stands): an idle bot sleeps (issue 25). Without it, every follow compares.
   */
  readonly openVersion?: () => number;
  readonly apply: (batch: ReadonlyArray<readonly [string, EngineInput]>, at: number) => Promise<void>;
  readonly now: () => number;
  readonly batch: number;
}) {
  let current: PlatformNote | undefined;
  /** Open records that have the current report: a standing report is not stepped into them again every tick. */
  const told = new Set<string>();
  /** `openVersion()` when every record then open had been told the current report. */
  let followed: number | undefined;
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
      followed = undefined;
      const version = options.openVersion?.();
      await applyTo(options.openIds());
      followed = version;
    },
    /** Incidents opened since learn of a report still standing; nothing to do while the page is clear. */
    async follow() {
      if (!current) return;
      // Read before the list: a record noted while this follow applies moves it, and the next follow looks again.
      const version = options.openVersion?.();
      if (version !== undefined && version === followed) return;
      const open = new Set(options.openIds());
      // A record that closed forgets it was told, so its next incident is told again.
      for (const id of told) if (!open.has(id)) told.delete(id);
      await applyTo([...open].filter((id) => !told.has(id)));
      followed = version;
    },
  };
}
