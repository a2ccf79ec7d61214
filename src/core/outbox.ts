import type { IncidentEvent } from './events.js';
import type { Effect, Incident, NumberRecord, OutboxItem } from './records.js';

/**
 * The outbox of one number's record, as pure bookkeeping: what to queue (and what a queued item
 * already covers), what is in flight, and what each delivery outcome does to the queue. The
 * notifier does the I/O and the pacing; nothing here talks to Slack or reads a clock.
 */

/** How a delivery attempt ended, as the notifier reports it. */
export type Settlement =
  /** Slack accepted it; a new card's place comes along. */
  | { readonly kind: 'sent'; readonly card?: { readonly channel: string; readonly ts: string } }
  /** Nothing left to do for it (its incident is gone, or Slack refused it for good). */
  | { readonly kind: 'drop' }
  /** The card was deleted in Slack: post a fresh one carrying the latest state. */
  | { readonly kind: 'card-gone' }
  /** Not delivered; the notifier decides when to try again (its clock, not the wall clock). */
  | { readonly kind: 'retry'; readonly error: string }
  /** Slack refused the message as drawn: try once more with the smallest rendering. */
  | { readonly kind: 'compact'; readonly error: string }
  /** A call found in flight after a restart did not reach Slack after all: send it as if new. */
  | { readonly kind: 'release' };

/** A message that keeps growing would outgrow Slack's limits and its reader: start a new one. */
const MAX_EVENTS_PER_REPLY = 8;

const isPending = (item: OutboxItem) => item.inFlightSince === undefined;

function push(record: NumberRecord, incidentId: string, effect: Effect, now: number): void {
  record.outbox.push({ seq: record.nextSeq, incidentId, effect, createdAt: now, attempts: 0 });
  record.nextSeq += 1;
}

/** Adds events to a pending reply of the incident; a newer reminder replaces an older one. */
function mergeReply(item: OutboxItem, events: readonly IncidentEvent[], broadcast: boolean): Effect | undefined {
  if (item.effect.kind !== 'reply') return undefined;
  const incoming = new Set(events.map((e) => e.kind));
  const kept = incoming.has('reminder') ? item.effect.events.filter((e) => e.kind !== 'reminder') : item.effect.events;
  if (kept.length + events.length > MAX_EVENTS_PER_REPLY) return undefined;
  return { kind: 'reply', events: [...kept, ...events], ...(broadcast || item.effect.broadcast ? { broadcast: true } : {}) };
}

/**
 * Queues an effect for an incident's card, folding it into what is already queued:
 * - a card edit is covered by a pending post or edit, since cards are drawn from the latest state;
 * - a reply joins the incident's pending reply (reminders collapse into the newest);
 * - a timeline is covered by a pending one (it too is drawn from the latest state).
 * Returns whether anything new was queued.
 */
export function enqueue(record: NumberRecord, incidentId: string, effect: Effect, now: number): boolean {
  const pending = record.outbox.filter((item) => item.incidentId === incidentId && isPending(item));
  if (effect.kind === 'update-card') {
    if (pending.some((item) => item.effect.kind === 'update-card' || item.effect.kind === 'post-card')) return false;
  } else if (effect.kind === 'timeline') {
    // Drawn from the incident when delivered: one pending timeline already tells the latest story.
    if (pending.some((item) => item.effect.kind === 'timeline')) return false;
  } else if (effect.kind === 'reply') {
    for (const item of pending) {
      const merged = mergeReply(item, effect.events, effect.broadcast === true);
      if (!merged) continue;
      const index = record.outbox.indexOf(item);
      record.outbox[index] = { ...item, effect: merged };
      return true;
    }
  }
  push(record, incidentId, effect, now);
  return true;
}

/** The item to deliver next: the oldest. Effects of one record go out in order. */
export function nextItem(record: NumberRecord): OutboxItem | undefined {
  return record.outbox[0];
}

/** The incident an item draws from: the open one, or one replaced while its card still had work queued. */
export function incidentOf(record: NumberRecord, item: OutboxItem): Incident | undefined {
  return [record.incident, record.previous].find((incident) => incident?.id === item.incidentId);
}

/**
 * Marks an item as being sent. From here the engine folds nothing more into it (it may already
 * be drawn), and a restart knows the call may have reached Slack.
 */
export function markInFlight(record: NumberRecord, seq: number, at: number): void {
  const item = record.outbox.find((i) => i.seq === seq);
  if (item) item.inFlightSince = at;
}

/**
 * The canvas an incident's timeline was written to: kept on the incident (a retry of the reply does not write
 * a second one) and shown on its card, which is redrawn.
 */
export function noteCanvas(record: NumberRecord, incidentId: string, canvas: { id: string; url?: string }, now: number): void {
  const incident = [record.incident, record.previous].find((i) => i?.id === incidentId);
  if (!incident || incident.timelineCanvas) return;
  incident.timelineCanvas = canvas;
  if (incident.card) enqueue(record, incidentId, { kind: 'update-card' }, now);
}

/** Applies a delivery outcome to the queue. */
export function settle(record: NumberRecord, seq: number, outcome: Settlement, at: number): void {
  const index = record.outbox.findIndex((i) => i.seq === seq);
  const item = record.outbox[index];
  if (!item) return;
  const incident = incidentOf(record, item);
  switch (outcome.kind) {
    case 'sent':
      record.outbox.splice(index, 1);
      if (item.effect.kind === 'post-card' && outcome.card && incident) incident.card = outcome.card;
      break;
    case 'drop':
      record.outbox.splice(index, 1);
      break;
    case 'card-gone':
      record.outbox.splice(index, 1);
      if (incident) {
        delete incident.card;
        record.outbox.unshift({
          seq: record.nextSeq,
          incidentId: item.incidentId,
          effect: { kind: 'post-card' },
          createdAt: at,
          attempts: 0,
        });
        record.nextSeq += 1;
      }
      break;
    case 'retry':
    case 'compact':
      item.attempts += 1;
      item.lastError = outcome.error;
      if (outcome.kind === 'compact') item.compact = true;
      delete item.inFlightSince;
      break;
    case 'release':
      delete item.inFlightSince;
      break;
  }
  if (record.previous && !record.outbox.some((i) => i.incidentId === record.previous?.id)) delete record.previous;
}

/** An outbox item as an older version stored it: replies carried ready-made text. */
type StoredEffect = Effect | { readonly kind: 'reply'; readonly text: string; readonly broadcast?: boolean };

/** Brings outbox items stored by an older version to today's shape, so they still deliver. */
export function upgradeOutbox(record: NumberRecord): NumberRecord {
  if (!record.outbox.some((item) => item.effect.kind === 'reply' && !('events' in item.effect))) return record;
  const outbox = record.outbox.map((item) => {
    const effect = item.effect as StoredEffect;
    if (effect.kind !== 'reply' || 'events' in effect) return item;
    const upgraded: Effect = {
      kind: 'reply',
      events: [{ kind: 'legacy-text', text: effect.text }],
      ...(effect.broadcast ? { broadcast: true } : {}),
    };
    return { ...item, effect: upgraded };
  });
  return { ...record, outbox };
}

/**
 * What delivering an item is worth, lowest first: a new card or an escalation tells people
 * something they must act on; an edit keeps a card true; a reminder only repeats. When a channel
 * is backed up, its most valuable work goes first.
 */
export function worthOf(item: OutboxItem): number {
  const effect = item.effect;
  if (effect.kind === 'post-card') return 0;
  if (effect.kind === 'update-card') return 1;
  if (effect.kind === 'timeline') return 2;
  if (effect.broadcast || effect.events.some((e) => e.kind === 'escalated' || e.kind === 'relapsed')) return 0;
  return isReminderOnly(item) ? 3 : 2;
}

/** A thread reply that only says "still open": it can wait, and many of them fold into one digest. */
export function isReminderOnly(item: OutboxItem): boolean {
  return item.effect.kind === 'reply' && item.effect.events.length > 0 && item.effect.events.every((e) => e.kind === 'reminder');
}
