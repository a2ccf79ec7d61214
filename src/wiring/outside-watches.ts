import type { StartConfig } from '../config/config.js';
import { createPartnerClient } from '../d360/partner-client.js';
import { createStatusClient } from '../d360/status-client.js';
import type { Monitor } from '../monitor/monitor-api.js';
import type { NumberRecord } from '../core/records.js';
import { type ChannelSnapshot, createPartnerWatch } from '../monitor/partner.js';
import { createPartnerWarnings, type OpenWarnings } from '../monitor/partner-warnings.js';
import { createStatusWatch } from '../monitor/status-watch.js';
import type { Store } from '../store/open.js';
import type { RecordStore } from '../store/record-store.js';
import type { Logger } from '../telemetry/log.js';

/** Where the last Partner API listing is kept: a restart compares its first listing with it. */
const PARTNER_LISTING_KEY = 'partner:last-listing';
/** The Partner API warnings still open: a restart edits the message it posted rather than posting again. */
const PARTNER_WARNINGS_KEY = 'partner:open-warnings';

/** Where Slack work is queued (the numbers' records, which the notifier delivers) and how it learns of new work. */
export interface Delivery {
  readonly records: RecordStore<NumberRecord>;
  readonly changed: (id: string) => void;
}

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
export function createOutsideWatches(config: StartConfig, monitor: Monitor, logger: Logger, store?: Store, delivery?: Delivery) {
  const partnerLogger = logger.child('partner');
  // Drops on channels in no numbers.yml entry are said in SLACK_INCIDENT_CHANNEL, through the notifier as cards are.
  const warnings =
    store && delivery
      ? createPartnerWarnings({
          records: delivery.records,
          open: store.document<OpenWarnings>(PARTNER_WARNINGS_KEY),
          changed: delivery.changed,
          logger: partnerLogger,
        })
      : undefined;
  const partner = config.partner
    ? createPartnerWatch({
        client: createPartnerClient({ ...config.partner, timeoutMs: config.d360TimeoutMs }),
        numbers: config.numbers,
        logger: partnerLogger,
        observe: (o) => monitor.ingest(o),
        ...(store ? { store: store.document<Record<string, ChannelSnapshot>>(PARTNER_LISTING_KEY) } : {}),
        ...(warnings ? { warnings } : {}),
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
