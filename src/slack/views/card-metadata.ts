import { isMuted } from '../../core/records.js';
import { clip } from '../../text/clip.js';
import type { CardContext } from './card-context.js';
import { isActive, leadCondition, ordered } from './condition-order.js';

/** Every card carries this event type: other tools find cards by it, and a restart finds a post whose answer it never saw. */
export const CARD_EVENT = 'wa_health_incident';
/** Every thread reply carries this, with the outbox sequence number that sent it. */
export const REPLY_EVENT = 'wa_health_reply';

/** The states a card's metadata names, in the order they win: a resolved incident is no longer muted. */
export type CardState = 'open' | 'acknowledged' | 'muted' | 'resolved';

/**
 * Slack message metadata: an event type (letters, digits and underscores — Slack ignores one with other
 * punctuation) and a flat payload. Slack's types allow strings, numbers, booleans and objects (or arrays of
 * objects) of those as values, and its schema guide asks for snake_case keys; we use only primitives, so a
 * workflow's metadata trigger can match any field. Metadata is readable by any user or app in the workspace.
 */
export interface CardMetadata {
  readonly event_type: typeof CARD_EVENT;
  readonly event_payload: Readonly<Record<string, string | number | boolean>>;
}

/** Codes named at most, and how long a name or phone may be: the payload stays small whatever numbers.yml holds. */
const MAX_CODES = 20;
const MAX_NAME = 200;
const MAX_PHONE = 40;
/** Slack ids only: anything else (a typo in a store hand-edited) is left out, never passed on. */
const SLACK_USER = /^[UW][A-Z0-9]{2,}$/;

const seconds = (ms: number) => Math.floor(ms / 1000);

export function cardState(ctx: CardContext): CardState {
  const { incident } = ctx;
  if (incident.status === 'resolved') return 'resolved';
  if (isMuted(incident, ctx.now)) return 'muted';
  return incident.acknowledged ? 'acknowledged' : 'open';
}

/**
 * What a card says to machines — workflows, other incident tools, and our own crash recovery, which
 * finds a card by `incident_id` (reconcile.ts). Never a key or anything read from 360dialog's answers:
 * names, codes, severity, state and times only. `minimal` (for a card Slack refused as drawn, which
 * may be the metadata's fault) keeps only what recovery needs.
 */
export function cardMetadata(ctx: CardContext, minimal = false): CardMetadata {
  const { incident, number } = ctx;
  if (minimal) return { event_type: CARD_EVENT, event_payload: { incident_id: incident.id } };
  const shown = incident.conditions.some((c) => isActive(incident, c))
    ? incident.conditions.filter((c) => isActive(incident, c))
    : ordered(incident);
  const codes = [...new Set(shown.map((c) => c.code))].slice(0, MAX_CODES);
  const muted = isMuted(incident, ctx.now) && incident.mutedUntil !== undefined;
  const acknowledgedBy = incident.acknowledged?.by;
  const payload: Record<string, string | number | boolean> = {
    incident_id: incident.id,
    number: clip(number.name, MAX_NAME),
    ...(number.phone ? { phone: clip(number.phone, MAX_PHONE) } : {}),
    api: number.api,
    state: cardState(ctx),
    severity: leadCondition(incident)?.severity ?? 'warning',
    codes: codes.join(','),
    opened_at: seconds(incident.openedAt),
    ...(incident.resolvedAt !== undefined && incident.status === 'resolved' ? { resolved_at: seconds(incident.resolvedAt) } : {}),
    ...(acknowledgedBy && SLACK_USER.test(acknowledgedBy) ? { acknowledged_by: acknowledgedBy } : {}),
    ...(muted ? { muted_until: seconds(incident.mutedUntil as number) } : {}),
    escalated: incident.status === 'open' && incident.escalations.length > 0,
    relapses: incident.relapses,
    ...(incident.group ? { group: true, numbers_affected: Object.keys(incident.group.members).length } : {}),
  };
  return { event_type: CARD_EVENT, event_payload: payload };
}
