import { entryById } from '../catalog/index.js';
import type { EngineOptions } from './engine.js';
import type { NumberRecord } from './records.js';

const MINUTE = 60_000;

/**
 * The earliest time at which a tick could change the record, or undefined when no tick ever can
 * (no open incident). A tick before this time is a no-op, so the monitor need not visit the record.
 * Mirrors what the engine's tick does: webhook conditions expire, time-based escalation rules
 * fire, reminders are sent (never while muted or once acknowledged).
 */
export function nextDeadline(record: NumberRecord, options: EngineOptions): number | undefined {
  const incident = record.incident;
  // A maintenance window's end is said in the thread and redraws the card.
  if (incident?.status !== 'open') return record.maintenance?.until;
  // A Partner API warning is ended by a later listing, never by time.
  if (incident.partner) return undefined;
  let earliest = Number.POSITIVE_INFINITY;
  const consider = (at: number) => {
    if (at < earliest) earliest = at;
  };

  for (const [key, run] of Object.entries(record.active)) {
    if (run.source === 'webhook') consider((run.seenAt ?? run.since) + options.webhookStaleMs);
    if (incident.escalations.some((e) => e.conditionKey === key)) continue;
    const escalation = entryById(key)?.escalation;
    // Fires on the first look; the engine looks after every observation, so this only catches a record it has not looked at.
    if (escalation?.verdict === 'now') consider(run.since);
    // "More than N minutes": strictly more, so the first millisecond after.
    else if (escalation?.verdict === 'if' && escalation.rule.kind === 'persists')
      consider(run.since + escalation.rule.minutes * MINUTE + 1);
    // Repeat and new-key rules change only with a new observation (time only ages episodes out), and
    // every observation is followed by an escalation check: a tick can never be first to fire them.
  }

  if (!incident.acknowledged) {
    const reminder = (incident.lastReminderAt ?? incident.openedAt) + options.reminderIntervalMs;
    // While muted the tick stops before reminders: the first one due comes when the mute ends.
    consider(incident.mutedUntil === undefined ? reminder : Math.max(reminder, incident.mutedUntil));
  }
  if (record.maintenance) consider(record.maintenance.until);
  return Number.isFinite(earliest) ? earliest : undefined;
}
