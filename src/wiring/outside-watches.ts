import type { StartConfig } from '../config/config.js';
import { createPartnerClient } from '../d360/partner-client.js';
import { createStatusClient } from '../d360/status-client.js';
import type { Monitor } from '../monitor/monitor-api.js';
import { type ChannelSnapshot, createPartnerWatch } from '../monitor/partner.js';
import { createStatusWatch } from '../monitor/status-watch.js';
import type { Store } from '../store/open.js';
import type { Logger } from '../telemetry/log.js';

/** Where the last Partner API listing is kept: a restart compares its first listing with it. */
export const PARTNER_LISTING_KEY = 'partner:last-listing';

/** A source read on a schedule of its own: what to run, and when. */
export interface OutsideWatch {
  readonly run: () => Promise<unknown>;
  readonly schedule: string;
}

/**
 * The two sources beside the health calls, each on its own schedule: the Partner API listing (changes between
 * listings reach the engine like WABA webhook signals) and 360dialog's status page (a standing report notes
 * every open card). Either is off when it is not configured. The composition root schedules them.
 */
export function createOutsideWatches(config: StartConfig, monitor: Monitor, logger: Logger, store?: Store) {
  const partner = config.partner
    ? createPartnerWatch({
        client: createPartnerClient({ ...config.partner, timeoutMs: config.d360TimeoutMs }),
        numbers: config.numbers,
        logger: logger.child('partner'),
        observe: (o) => monitor.ingest(o),
        ...(store ? { store: store.document<Record<string, ChannelSnapshot>>(PARTNER_LISTING_KEY) } : {}),
      })
    : undefined;
  const listings: OutsideWatch | undefined =
    partner && config.partner ? { run: () => partner.list(), schedule: config.partner.schedule } : undefined;
  const statusUrl = config.statusPage.url;
  const status: OutsideWatch | undefined = statusUrl
    ? {
        run: createStatusWatch({
          read: createStatusClient(statusUrl, config.d360TimeoutMs),
          report: (note) => monitor.platform(note),
          logger: logger.child('status'),
        }),
        schedule: config.statusPage.schedule,
      }
    : undefined;
  return { partner, listings, status };
}
