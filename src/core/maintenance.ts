import type { IncidentEvent } from './events.js';
import { type Incident, isOpen, type MaintenanceWindow, type NumberRecord } from './records.js';
import { tell } from './story.js';

/**
 * Maintenance windows (/wa-mute, numbers.yml `maintenance:`): the number is still polled and shown,
 * but its incident is muted until the window ends. The window lives on the record, not the incident,
 * so an incident that opens during it starts muted; its end is said in the thread.
 */

type Say = (incident: Incident, event: IncidentEvent) => void;
type Redraw = (incident: Incident) => void;

/** Mutes an open incident for the window, with its reason: the card shows both. */
function muteFor(incident: Incident, window: MaintenanceWindow, now: number): void {
  tell(incident, {
    kind: 'muted',
    at: now,
    by: window.by,
    until: window.until,
    window: true,
    ...(window.reason ? { reason: window.reason } : {}),
  });
  incident.mutedUntil = window.until;
  incident.mutedBy = window.by;
  if (window.reason) incident.muteReason = window.reason;
  else delete incident.muteReason;
}

export function startWindow(record: NumberRecord, window: MaintenanceWindow, say: Say, redraw: Redraw): void {
  record.maintenance = window;
  const incident = record.incident;
  if (!isOpen(incident)) return;
  say(incident, { kind: 'muted', by: window.by, forMs: window.until - window.at, ...(window.reason ? { reason: window.reason } : {}) });
  muteFor(incident, window, window.at);
  redraw(incident);
}

/** An incident opened or reopened during a window starts muted. */
export function inheritWindow(record: NumberRecord, incident: Incident, now: number): void {
  const window = record.maintenance;
  if (window && window.until > now && incident.mutedUntil !== window.until) muteFor(incident, window, now);
}

/** `/wa-unmute` (by someone) or the window's end (by nobody): the thread hears it and the card is redrawn. */
export function endWindow(record: NumberRecord, by: string | undefined, say: Say, redraw: Redraw, now: number): void {
  const window = record.maintenance;
  delete record.maintenance;
  const incident = record.incident;
  if (!isOpen(incident) || incident.mutedUntil === undefined || (!window && !by)) return;
  delete incident.mutedUntil;
  delete incident.mutedBy;
  delete incident.muteReason;
  // A window that ran out ended at its own time, whenever the tick noticed.
  tell(incident, { kind: 'unmuted', at: by || !window ? now : Math.min(window.until, now), ...(by ? { by } : {}) });
  redraw(incident);
  say(incident, { kind: 'unmuted', ...(by ? { by } : {}) });
}

/** Whether a tick at `now` ends the window. */
export const windowOver = (record: NumberRecord, now: number) => record.maintenance !== undefined && record.maintenance.until <= now;
