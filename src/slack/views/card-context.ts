import type { WaNumber } from '../../config/numbers.js';
import type { Incident } from '../../core/records.js';

/** What a card or a ticket is drawn from: the incident, its number, and the time of drawing. */
export interface CardContext {
  readonly incident: Incident;
  readonly number: { readonly name: string; readonly phone?: string; readonly api: 'cloud' | 'onprem' };
  readonly now: number;
  /** Who to ping when the card is posted or the incident escalates (ids as configured; validated again when drawn). */
  readonly oncall?: readonly string[];
}

/** The context for drawing an incident's card; no configured number means the "monitoring degraded" pseudo-number. */
export function cardContext(incident: Incident, number: WaNumber | undefined, now: number): CardContext {
  const shown = number
    ? { name: number.name, ...(number.phone ? { phone: number.phone } : {}), api: number.api }
    : { name: incident.number, api: 'cloud' as const };
  return { incident, number: shown, now, ...(number?.oncall?.length ? { oncall: number.oncall } : {}) };
}
