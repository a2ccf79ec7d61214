import { performance } from 'node:perf_hooks';
import { bySeverity } from '../catalog/severity.js';
import { isMuted, isOpen, type NumberRecord } from '../core/records.js';
import type { RecordStore } from '../store/record-store.js';
import type { Metrics } from '../telemetry/metrics.js';

/** A scrape every 15 s (Prometheus' usual) reads the store at most this often. */
const CACHE_MS = 10_000;

interface Snapshot {
  /** `severity/state` → count. */
  readonly incidents: Map<string, number>;
  readonly outboxItems: number;
  /** Wall-clock creation time of the oldest queued effect. */
  readonly oldestCreatedAt?: number;
}

/**
 * Open incidents by severity and state, outbox depth and the oldest item's age, for /metrics.
 * Read from the records themselves, one scan of `records.entries()` per scrape at most, cached
 * for 10 s: the store is the truth every replica shares, and counting inside the monitor's
 * `settle` would miss what another replica or a restart changed. A scan of 10,000 records is a
 * few pages from SQLite; at Prometheus' pace that is a fraction of a percent of the bot's time.
 */
export function registerFleetGauges(metrics: Metrics, records: RecordStore<NumberRecord>, now: () => number = Date.now): void {
  let cached: { at: number; snapshot: Snapshot } | undefined;

  const scan = async (at: number): Promise<Snapshot> => {
    const incidents = new Map<string, number>();
    let outboxItems = 0;
    let oldestCreatedAt: number | undefined;
    for await (const page of records.entries()) {
      for (const [, record] of page) {
        outboxItems += record.outbox.length;
        for (const item of record.outbox) oldestCreatedAt = Math.min(oldestCreatedAt ?? item.createdAt, item.createdAt);
        const incident = record.incident;
        // A Partner API warning is a message about channels in no numbers.yml entry, not an incident.
        if (!isOpen(incident) || incident.partner) continue;
        const severity = incident.conditions.map((c) => c.severity).sort(bySeverity)[0] ?? 'none';
        const state = isMuted(incident, at) ? 'muted' : incident.acknowledged ? 'acknowledged' : 'open';
        const key = `${severity}/${state}`;
        incidents.set(key, (incidents.get(key) ?? 0) + 1);
      }
    }
    return { incidents, outboxItems, ...(oldestCreatedAt !== undefined ? { oldestCreatedAt } : {}) };
  };

  metrics.onScrape(async () => {
    const mono = performance.now();
    if (!cached || mono - cached.at > CACHE_MS) cached = { at: mono, snapshot: await scan(now()) };
    const { incidents, outboxItems, oldestCreatedAt } = cached.snapshot;
    for (const [key, count] of incidents) {
      const [severity = 'none', state = 'open'] = key.split('/');
      metrics.set('wa_health_open_incidents', count, { severity, state });
    }
    metrics.set('wa_health_outbox_items', outboxItems);
    metrics.set('wa_health_outbox_oldest_age_seconds', oldestCreatedAt === undefined ? 0 : Math.max(0, now() - oldestCreatedAt) / 1000);
  });
}
