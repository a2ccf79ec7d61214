import type { Incident } from '../../core/records.js';

/** What a card or a ticket is drawn from: the incident, its number, and the time of drawing. */
export interface CardContext {
  readonly incident: Incident;
  readonly number: { readonly name: string; readonly phone?: string; readonly api: 'cloud' | 'onprem' };
  readonly now: number;
}
