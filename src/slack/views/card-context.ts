import type { WaNumber } from '../../config/numbers.js';
import type { Budget } from '../../core/priority-budget.js';
import type { Incident } from '../../core/records.js';

/** What a card or a ticket is drawn from: the incident, its number, and the time of drawing. */
export interface CardContext {
  readonly incident: Incident;
  readonly number: { readonly name: string; readonly phone?: string; readonly api: 'cloud' | 'onprem' };
  readonly now: number;
  /** Who to ping when the card is posted or the incident escalates (ids as configured; validated again when drawn). */
  readonly oncall?: readonly string[];
  /** The month's priority escalations (D360_PRIORITY_ESCALATIONS), when tracked: the verdict says what one more uses. */
  readonly budget?: Budget;
}

/** A group card pings at most this many: one outage must not read as a roll call. */
const MAX_GROUP_ONCALL = 10;

/**
 * Who a card without a number of its own pings. A group card: the on-call people of its members, in the
 * order they joined. "Monitoring degraded" (no number, no group): those on call for every number —
 * SLACK_ONCALL, which numbers.ts adds to each.
 */
function sharedOncall(incident: Incident, byName: ReadonlyMap<string, WaNumber>): readonly string[] {
  if (incident.group) {
    const members = Object.keys(incident.group.members).map((name) => byName.get(name)?.oncall ?? []);
    return [...new Set(members.flat())].slice(0, MAX_GROUP_ONCALL);
  }
  const lists = [...byName.values()].map((n) => n.oncall ?? []);
  const [first = [], ...rest] = lists;
  return first.filter((id) => rest.every((list) => list.includes(id)));
}

/** The context for drawing an incident's card; no configured number means a group card or "monitoring degraded". */
export function cardContext(incident: Incident, byName: ReadonlyMap<string, WaNumber>, now: number, budget?: Budget): CardContext {
  const number = byName.get(incident.number);
  const shown = number
    ? { name: number.name, ...(number.phone ? { phone: number.phone } : {}), api: number.api }
    : { name: incident.number, api: 'cloud' as const };
  const oncall = number ? (number.oncall ?? []) : sharedOncall(incident, byName);
  return { incident, number: shown, now, ...(oncall.length > 0 ? { oncall } : {}), ...(budget ? { budget } : {}) };
}
