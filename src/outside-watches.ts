import type { StartConfig } from './config/config.js';
import { createPartnerClient } from './d360/partner-client.js';
import { createStatusClient } from './d360/status-client.js';
import type { Monitor } from './monitor/monitor-api.js';
import { type ChannelSnapshot, createPartnerWatch } from './monitor/partner.js';
import { createScheduler } from './schedule/scheduler.js';
import { createStatusWatch } from './monitor/status-watch.js';
import type { Store } from './store/open.js';
import type { Logger } from './telemetry/log.js';

/** Where the last Partner API listing is kept: a restart compares its first listing with it. */
const PARTNER_LISTING_KEY = 'partner:last-listing';

/**
 * The two sources beside the health calls, each on its own schedule: the Partner API listing (changes between
 * listings reach the engine like WABA webhook signals) and 360dialog's status page (a standing report notes
 * every open card). Either is off when it is not configured.
 */
export function createOutsideWatches(config: StartConfig, monitor: Monitor, logger: Logger, store?: Store) {
  const partnerLog = logger.child('partner');
  const partner = config.partner
    ? createPartnerWatch({
        client: createPartnerClient({ ...config.partner, timeoutMs: config.d360TimeoutMs }),
        numbers: config.numbers,
        logger: partnerLog,
        observe: (o) => monitor.ingest(o),
        ...(store ? { store: store.document<Record<string, ChannelSnapshot>>(PARTNER_LISTING_KEY) } : {}),
      })
    : undefined;
  const listings =
    partner && config.partner
      ? createScheduler({ schedule: config.partner.schedule, task: () => partner.list(), logger: partnerLog, name: 'partner' })
      : undefined;
  const statusLog = logger.child('status');
  const statusUrl = config.statusPage.url;
  const checkStatus = statusUrl
    ? createStatusWatch({
        read: createStatusClient(statusUrl, config.d360TimeoutMs),
        report: (note) => monitor.platform(note),
        logger: statusLog,
      })
    : undefined;
  const statusPolls = checkStatus
    ? createScheduler({ schedule: config.statusPage.schedule, task: checkStatus, logger: statusLog, name: 'status' })
    : undefined;
  return { partner, listings, checkStatus, statusPolls };
}
