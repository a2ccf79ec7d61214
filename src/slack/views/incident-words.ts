import { entryById } from '../../catalog/index.js';
import { type BlindKind, blindKindOf } from '../../core/conditions.js';
import type { IncidentEvent } from '../../core/events.js';
import type { FiredEscalation } from '../../core/records.js';

/**
 * The words for what the core records as data: why an escalation fired, and what a blind spot is.
 * Plain text (the callers escape); records keep kinds and figures, so rewording here rewords every
 * stored incident too. Records and replies stored by older versions carry sentences: those are shown
 * as they were written, except a blind spot's title, which its key's kind words afresh.
 */

const MINUTE = 60_000;

/** Typed by kind, so a new kind of blind spot cannot reach a card without a title. */
const BLIND_TITLES: Record<BlindKind, string> = {
  timeout: 'No answer from 360dialog (timed out)',
  refused: 'No answer from 360dialog (connection refused)',
  dns: "No answer from 360dialog (the host name doesn't resolve)",
  reset: 'No answer from 360dialog (connection reset)',
  network: 'No answer from 360dialog (network error)',
  monitoring: 'Monitoring degraded: 360dialog unreachable for most numbers',
  garbage: 'Health answer that makes no sense',
  'unexpected-status': 'Unexpected answer from 360dialog',
  redirect: '360dialog answered with a redirect to another host (not followed: the key stays home)',
  'too-large': 'Health answer too large (cut off at 1 MB)',
};

/** What a condition is, in a few words: a blind spot by its kind, anything else by its stored title. */
export function conditionTitle(c: { readonly key?: string; readonly code: string; readonly title?: string }): string {
  const blind = blindKindOf(c.key);
  if (blind) return BLIND_TITLES[blind];
  return c.title ?? entryById(c.key ?? '')?.title ?? `Undocumented code ${c.code}`;
}

/** Why an escalation fired, with its figures: "1014 has lasted 11 minutes (the rule: more than 10)". */
export function escalationReason(e: FiredEscalation): string {
  switch (e.kind) {
    case 'at-once': {
      const entry = entryById(e.conditionKey);
      // The catalog's reason as it reads now; a code dropped from it since still says what fired.
      return entry?.escalation.verdict === 'now'
        ? `${entry.code} ${entry.title}: ${entry.escalation.why}`
        : `${e.code}: the catalog says to contact 360dialog support at once`;
    }
    case 'persists':
      return `${e.code} has lasted ${Math.floor(e.lastedMs / MINUTE)} minutes (the rule: more than ${e.minutes})`;
    case 'repeats':
      return `${e.code} seen ${e.count} times in ${e.withinHours} hours (the rule: more than ${e.moreThan})`;
    case 'after-new-key':
      return `${e.code} still fails after the API key was changed`;
    case undefined:
      return e.reason;
  }
}

/** The reason of an escalation reply; one queued by an older version carries it in words already. */
export function escalatedReason(event: Extract<IncidentEvent, { kind: 'escalated' }>): string {
  return 'escalation' in event ? escalationReason(event.escalation) : event.reason;
}
