import { isEmergency, SAME_CONDITION } from './grouping.js';
import type { Incident } from './records.js';

/**
 * How 360dialog's support would triage a case about this incident, by their published rules
 * (docs.360dialog.com → Support → response and resolution time; "why some issues are not emergencies"):
 *
 * - severity 1: a core service down for all; 2: down for a subset, or a core function badly impaired;
 *   3: minor, a workaround exists.
 * - emergency: all messages failing on all channels despite a correct setup; an unannounced suspension by
 *   Meta; a critical API or webhook failure; a Meta platform-wide outage. Not an emergency: one number
 *   failing while the others work, verification delays, suspensions preceded by notices, template
 *   rejections within Meta's review time. Emergencies are triaged within 30 minutes; the rest is downgraded.
 *
 * The bot only sees its own fleet, so "all" means the numbers one incident channel watches.
 */
export interface SupportTriage {
  readonly severity: 1 | 2 | 3;
  readonly emergency: boolean;
  readonly why: TriageReason;
}

export type TriageReason =
  /** A group incident covers half or more of a channel's numbers: most of the fleet fails the same way. */
  | 'most-numbers'
  /** A group incident covers fewer than half: a subset fails the same way. */
  | 'several-numbers'
  /** The account was banned with no warning signal before it. */
  | 'unannounced-suspension'
  /** One number cannot send while the others work. */
  | 'one-number-down'
  /** Only warnings: messages still go out. */
  | 'warnings-only'
  /** Most numbers gave no answer at all: our side (network, DNS) before it is 360dialog's. */
  | 'our-side';

/** Signals that warn before an account is disabled: a ban after one of these was announced. */
const WARNINGS_BEFORE_A_BAN = ['signal-account-violation', 'signal-account-restricted', 'signal-account-alert'];
const BAN = 'signal-account-disabled';
const keyOf = (key: string) => key.split('@')[0] ?? key;

export function triage(incident: Incident, options: { readonly monitoring?: boolean } = {}): SupportTriage {
  if (options.monitoring) return { severity: 3, emergency: false, why: 'our-side' };
  const critical = incident.conditions.some((c) => c.severity === 'critical');
  const { group } = incident;
  // Many numbers failing the same way is an outage whatever one number's severity says (a 500 on each is a
  // warning alone): the group card calls it an emergency at the same share. Info-only groups are not.
  if (group && incident.conditions.some((c) => c.severity !== 'info')) {
    const members = Object.keys(group.members).length;
    return isEmergency(SAME_CONDITION, members, group.watched)
      ? { severity: 1, emergency: true, why: 'most-numbers' }
      : { severity: 2, emergency: false, why: 'several-numbers' };
  }
  const keys = incident.conditions.map((c) => keyOf(c.key));
  if (keys.includes(BAN)) {
    const ban = incident.conditions.find((c) => keyOf(c.key) === BAN);
    const warned = incident.conditions.some((c) => WARNINGS_BEFORE_A_BAN.includes(keyOf(c.key)) && c.firstSeen < (ban?.firstSeen ?? 0));
    if (!warned) return { severity: 2, emergency: true, why: 'unannounced-suspension' };
  }
  return critical ? { severity: 2, emergency: false, why: 'one-number-down' } : { severity: 3, emergency: false, why: 'warnings-only' };
}
