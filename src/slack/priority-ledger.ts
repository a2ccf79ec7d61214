import { type PriorityLedger, type PriorityUse, recordUse } from '../core/priority-budget.js';
import type { Store } from '../store/open.js';

/**
 * The fleet's priority requests of the month: one row in the shared store, read-modify-written through the
 * record store (Redis: versioned compare-and-set), so two replicas asking at once and a restart count right.
 */
export interface PriorityLedgerStore {
  read(): Promise<PriorityLedger | undefined>;
  /** Adds a use (once per submission) and resolves with the ledger as stored. */
  record(use: PriorityUse): Promise<PriorityLedger | undefined>;
}

const PREFIX = 'support';
const ID = 'priority-ledger';

const isLedger = (v: unknown): v is PriorityLedger =>
  typeof v === 'object' && v !== null && typeof (v as PriorityLedger).month === 'string' && Array.isArray((v as PriorityLedger).uses);

export function createPriorityLedger(store: Pick<Store, 'records'>): PriorityLedgerStore {
  const records = store.records<PriorityLedger>(PREFIX);
  return {
    // A hand-edited or foreign row counts nothing rather than breaking the modal.
    read: async () => {
      const value = await records.get(ID);
      return isLedger(value) ? value : undefined;
    },
    record: (use) => records.update(ID, (current) => recordUse(isLedger(current) ? current : undefined, use)),
  };
}
