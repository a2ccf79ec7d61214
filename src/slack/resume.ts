import { isNumberRecord, type NumberRecord } from '../core/records.js';
import type { RecordStore } from '../store/record-store.js';
import { fields, type Logger } from '../telemetry/log.js';

/**
 * What a previous run left undelivered: the records with a non-empty outbox, and how many calls
 * were in flight. One pass over the store in pages, not a read per record: 30,000 records must
 * not slow the start. A malformed record is skipped, named, and never blocks the start.
 */
export async function resumable(records: RecordStore<NumberRecord>, logger: Logger): Promise<{ pending: string[]; inFlightLeft: number }> {
  const pending: string[] = [];
  let inFlightLeft = 0;
  for await (const page of records.entries()) {
    for (const [number, record] of page) {
      if (!isNumberRecord(record)) {
        logger.error(`store record "${number}" is malformed: skipped (its Slack updates, if any, are lost)`, fields({ number }));
        continue;
      }
      if (record.outbox.length === 0) continue;
      pending.push(number);
      inFlightLeft += record.outbox.filter((i) => i.inFlightSince !== undefined).length;
    }
  }
  return { pending, inFlightLeft };
}
