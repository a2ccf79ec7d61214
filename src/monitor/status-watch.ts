import type { PlatformNote } from '../core/records.js';
import type { StatusReading } from '../d360/status-page.js';
import type { Logger } from '../telemetry/log.js';

/**
 * Follows 360dialog's status page: a reported problem goes onto every open card ("360dialog
 * already knows"), its end is noted in place. A page that cannot be read changes nothing and is
 * logged once, not on every poll.
 */
export function createStatusWatch(options: {
  readonly read: () => Promise<StatusReading>;
  readonly report: (note: PlatformNote | undefined) => Promise<void>;
  readonly logger: Logger;
}) {
  let shown: string | undefined;
  let unreadable: string | undefined;
  return async () => {
    const reading = await options.read();
    if (reading.kind === 'unreadable') {
      if (unreadable !== reading.why)
        options.logger.warn(`360dialog's status page cannot be read (${reading.why}): cards go on without it`);
      unreadable = reading.why;
      return;
    }
    unreadable = undefined;
    const summary = reading.report?.summary;
    if (summary === shown) return;
    shown = summary;
    options.logger.info(summary ? `360dialog's status page reports: ${summary}` : "360dialog's status page reports no problem");
    const since = reading.report?.since;
    await options.report(summary ? { summary, ...(since !== undefined ? { since } : {}) } : undefined);
  };
}
