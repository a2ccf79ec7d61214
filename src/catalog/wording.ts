import type { CatalogEntry, Escalation, EscalationRule, Generation, Surface } from './types.js';

export const GENERATION_LABEL: Record<Generation, string> = {
  onprem: 'On-Premise API (retired October 2025)',
  cloud: 'Cloud API',
  '360dialog': '360dialog gateway',
};

/** The same, where there is room for a word or two. */
export const GENERATION_SHORT: Record<Generation, string> = {
  onprem: 'On-Premise',
  cloud: 'Cloud API',
  '360dialog': '360dialog',
};

export const SURFACE_LABEL: Record<Surface, string> = {
  'api-response': 'API response',
  webhook: 'webhook',
  'health-check': 'health check',
  hub: '360dialog Hub',
};

export function ruleText(rule: EscalationRule): string {
  switch (rule.kind) {
    case 'persists':
      return rule.minutes >= 120 ? `lasts more than ${rule.minutes / 60} hours` : `lasts more than ${rule.minutes} minutes`;
    case 'repeats':
      return `is seen more than ${rule.moreThan} times in ${rule.withinHours} hours`;
    case 'after-new-key':
      return 'still fails after you generate a new API key';
    case 'judgement':
      return 'you did not expect it';
  }
}

/** A headline and a reason, both plain text, for an escalation box. */
export function escalationText(escalation: Escalation): { headline: string; detail: string } {
  switch (escalation.verdict) {
    case 'now':
      return { headline: 'Contact 360dialog support now', detail: escalation.why };
    case 'if':
      return { headline: `Contact 360dialog support ${escalation.when}`, detail: ifDetail(escalation.rule) };
    case 'no':
      return { headline: 'No need to contact 360dialog: fix it yourself', detail: escalation.why };
    case 'meta':
      return { headline: 'Contact Meta (WhatsApp Manager or Meta support), not 360dialog', detail: escalation.why };
  }
}

export function whereText(entry: CatalogEntry): string {
  const status = entry.httpStatus !== undefined ? ` · HTTP ${entry.httpStatus}` : '';
  return `${GENERATION_LABEL[entry.generation]} · ${entry.surfaces.map((s) => SURFACE_LABEL[s]).join(', ')}${status}`;
}

/** "470" or "200–299": how the code is written for people. */
export function codeText(entry: CatalogEntry): string {
  return entry.range ? `${entry.range[0]}–${entry.range[1]}` : entry.code;
}

function ifDetail(rule: EscalationRule): string {
  switch (rule.kind) {
    case 'persists':
    case 'repeats':
      return `Until then, follow the steps above. wa-health-bot tracks this on its incident cards and says when it ${ruleText(rule)}.`;
    case 'after-new-key':
      return 'Generate a new key first (it revokes every older key of the number); the incident card escalates if the new key fails too.';
    case 'judgement':
      return 'Only you can tell whether it was expected; if it was not, contact support with the details listed below.';
  }
}
