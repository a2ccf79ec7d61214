import type { IncidentEvent } from './events.js';
import { startWindow } from './maintenance.js';
import { type Incident, isOpen, type NumberRecord, type PlatformNote } from './records.js';
import { tell } from './story.js';

/**
 * What people and 360dialog's status page do to an open incident — acknowledge it, mute it, report on the
 * platform — told in the thread, kept in the incident's story and redrawn on the card. The engine's step
 * hands these inputs here with its two voices.
 */
type Say = (incident: Incident, event: IncidentEvent) => void;
type Redraw = (incident: Incident) => void;

export function acknowledge(incident: Incident | undefined, by: string, now: number, say: Say, redraw: Redraw): void {
  if (!isOpen(incident) || incident.acknowledged) return;
  incident.acknowledged = { by, at: now };
  tell(incident, { kind: 'acknowledged', at: now, by });
  redraw(incident);
  say(incident, { kind: 'acknowledged', by });
}

/** A mute of the incident, or (`window`) a maintenance window that also mutes incidents opening during it. */
export function mute(
  record: NumberRecord,
  input: { readonly by: string; readonly forMs: number; readonly reason?: string; readonly window?: boolean },
  now: number,
  say: Say,
  redraw: Redraw,
): void {
  if (input.window) {
    const window = { at: now, until: now + input.forMs, by: input.by, ...(input.reason ? { reason: input.reason } : {}) };
    startWindow(record, window, say, redraw);
    return;
  }
  const incident = record.incident;
  if (!isOpen(incident)) return;
  say(incident, { kind: 'muted', by: input.by, forMs: input.forMs });
  incident.mutedUntil = now + input.forMs;
  incident.mutedBy = input.by;
  tell(incident, { kind: 'muted', at: now, by: input.by, until: now + input.forMs });
  redraw(incident);
}

/** What the status page reports now (nothing: all clear), said once per change. */
export function notePlatform(incident: Incident | undefined, note: PlatformNote | undefined, now: number, say: Say, redraw: Redraw): void {
  if (!isOpen(incident) || incident.platform?.summary === note?.summary) return;
  const was = incident.platform;
  if (note) incident.platform = note;
  else delete incident.platform;
  redraw(incident);
  tell(incident, { kind: 'platform', at: now, ...(note ? { summary: note.summary } : {}) });
  if (note) say(incident, { kind: 'platform', summary: note.summary, ...(note.since !== undefined ? { since: note.since } : {}) });
  else if (was) say(incident, { kind: 'platform' });
}
