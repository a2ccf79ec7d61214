import { createD360Client } from '../../src/d360/client.js';
import { createLogger } from '../../src/telemetry/log.js';
import { createPoller } from '../../src/monitor/poller.js';
import type { NumberRecord } from '../../src/core/records.js';
import { createMonitor, type Monitor } from '../../src/monitor/service.js';
import { createStore } from '../../src/store/kv.js';
import { createRecordStore } from '../../src/store/record-store.js';

/** A real monitor watching no numbers, for tests of surfaces that do not poll. */
export async function idleMonitor(): Promise<Monitor> {
  const records = createRecordStore<NumberRecord>(await createStore('memory://'), 'number');
  const poller = createPoller({ numbers: [], client: createD360Client(), concurrency: 1 });
  return createMonitor({ poller, records, logger: createLogger({ level: 'error', write: () => {} }), onChange: () => {} });
}
