import { type NumberRecord, SCHEDULED_BY } from './records.js';

/**
 * When the wall clock steps (NTP correction, a VM resumed, an operator's mistake), every rule
 * that measures time against a stored wall time would misfire: a step forward makes a 2-minute
 * 500 look an hour old and escalates it; a step back makes fresh answers look older than the last
 * one and freezes the number. Moving the stored times that rules measure from by the same step
 * keeps every duration what it really was. Times only shown to people (opened, first and last
 * seen) stay as they were.
 */
export function shiftClock(record: NumberRecord, byMs: number): void {
  const shift = (t: number | undefined) => (t === undefined ? undefined : t + byMs);
  if (record.lastPolledAt !== undefined) record.lastPolledAt += byMs;
  if (record.lastRecheckAt !== undefined) record.lastRecheckAt += byMs;
  for (const run of Object.values(record.active)) {
    run.since += byMs;
    if (run.seenAt !== undefined) run.seenAt += byMs;
  }
  for (const episodes of Object.values(record.episodes)) episodes.starts = episodes.starts.map((t) => t + byMs);
  // "/wa-mute … 2h" holds two real hours; a numbers.yml window ends at a wall time and is left as written.
  const window = record.maintenance;
  if (window && window.by !== SCHEDULED_BY) record.maintenance = { ...window, until: window.until + byMs };
  const incident = record.incident;
  if (!incident) return;
  for (const condition of incident.conditions) {
    const since = shift(condition.activeSince);
    if (since !== undefined) condition.activeSince = since;
  }
  for (const key of ['lastReminderAt', 'mutedUntil', 'lastCardAt', 'resolvedAt'] as const) {
    const moved = shift(incident[key]);
    if (moved !== undefined) incident[key] = moved;
  }
  // Reminders count from when the incident opened until the first one: keep that interval too.
  if (incident.lastReminderAt === undefined) incident.lastReminderAt = incident.openedAt + byMs;
}
