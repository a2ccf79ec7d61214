import { enqueue } from './outbox.js';
import { type Incident, isOpen, type NumberRecord } from './records.js';

/** Every condition the incident shows now is one a group card speaks for. */
export function isCovered(record: NumberRecord, incident: Incident): boolean {
  const keys = record.coveredKeys;
  if (!keys || keys.length === 0) return false;
  const active = incident.conditions.filter((c) => c.activeSince !== undefined);
  return active.length > 0 && active.every((c) => keys.includes(c.key));
}

export const postQueued = (record: NumberRecord, incident: Incident) =>
  record.outbox.some((i) => i.incidentId === incident.id && i.effect.kind === 'post-card');

/**
 * A group incident starts or stops speaking for some of this number's conditions. Covered and
 * still without a card, the number's queued post and thread are withdrawn (nothing was sent
 * yet); uncovered while still broken, it gets its own card now.
 */
export function cover(record: NumberRecord, keys: readonly string[], now: number): void {
  if (keys.length === 0) delete record.coveredKeys;
  else record.coveredKeys = [...keys];
  const incident = record.incident;
  if (!isOpen(incident) || incident.card) return;
  if (isCovered(record, incident)) {
    record.outbox = record.outbox.filter((i) => i.incidentId !== incident.id || i.inFlightSince !== undefined);
    return;
  }
  // Still broken once no group speaks for it: its own card now. Recovering (nothing active): no card at all.
  const broken = incident.conditions.some((c) => c.activeSince !== undefined);
  if (broken && !postQueued(record, incident)) enqueue(record, incident.id, { kind: 'post-card' }, now);
}
