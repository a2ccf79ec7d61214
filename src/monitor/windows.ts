import { activeWindow } from '../config/maintenance.js';
import type { WaNumber } from '../config/numbers.js';
import type { NumberRecord } from '../core/records.js';
import type { RecordStore } from '../store/record-store.js';
import type { Monitor } from './monitor-api.js';

/** Who a scheduled window is "set by" on cards and in /wa-status. */
import { SCHEDULED_BY } from '../core/records.js';
/** The store's window and the file's agree when their ends are this close (clocks read a moment apart). */
const SAME_END_MS = 60_000;

/**
 * Starts numbers.yml maintenance windows through the same mute as /wa-mute, before each pass: a
 * window's end is the engine's own deadline, so only the start needs following here.
 */
export function createWindowFollower(
  numbers: readonly WaNumber[],
  records: RecordStore<NumberRecord>,
  monitor: Pick<Monitor, 'mute'>,
  now: () => number,
): () => Promise<void> {
  const scheduled = numbers.filter((n) => n.maintenance && n.maintenance.length > 0);
  return async () => {
    const at = now();
    for (const n of scheduled) {
      const window = activeWindow(n.maintenance ?? [], at);
      if (!window) continue;
      const current = (await records.get(n.name))?.maintenance;
      if (current && Math.abs(current.until - window.until) < SAME_END_MS) continue;
      await monitor.mute(n.name, SCHEDULED_BY, { forMs: window.until - at, ...(window.reason ? { reason: window.reason } : {}) });
    }
  };
}
