import { bySeverity } from '../../catalog/severity.js';
import type { Condition, Incident } from '../../core/records.js';

/** Which conditions a card or ticket shows first. */

export const isActive = (incident: Incident, c: Condition) => incident.status === 'open' && c.activeSince !== undefined;

const escalatedKeys = (incident: Incident) => new Set(incident.escalations.map((e) => e.conditionKey));

/** Worst first: by severity, then the escalated one, then the longest-standing. */
export function byConcern(incident: Incident): (a: Condition, b: Condition) => number {
  const escalated = escalatedKeys(incident);
  return (a, b) =>
    bySeverity(a.severity, b.severity) || Number(escalated.has(b.key)) - Number(escalated.has(a.key)) || a.firstSeen - b.firstSeen;
}

/** Active conditions first, worst first; then the ones no longer seen, most recent first. */
export function ordered(incident: Incident): Condition[] {
  const active = incident.conditions.filter((c) => isActive(incident, c)).sort(byConcern(incident));
  const earlier = incident.conditions.filter((c) => !isActive(incident, c)).sort((a, b) => b.lastSeen - a.lastSeen);
  return [...active, ...earlier];
}

/** The condition the card is about: the worst one seen now, or, when none is, the worst one seen at all. */
export function leadCondition(incident: Incident): Condition | undefined {
  const active = incident.conditions.filter((c) => isActive(incident, c));
  return [...(active.length > 0 ? active : incident.conditions)].sort(byConcern(incident))[0];
}
