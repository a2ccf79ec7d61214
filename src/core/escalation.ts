import { entryById } from '../catalog/index.js';
import { ruleText } from '../catalog/wording.js';
import type { FiredEscalation, NumberRecord } from './records.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** The longest window any repeat rule of the catalog looks back over: how long episodes are kept. */
export const EPISODE_WINDOW_MS = 24 * HOUR;

function minutes(ms: number): number {
  return Math.floor(ms / MINUTE);
}

/**
 * The catalog's escalation rules, evaluated against what the record has seen, for one condition
 * currently being seen. Returns the escalation to raise, or undefined.
 */
export function evaluateRule(
  record: NumberRecord,
  key: string,
  now: number,
  keyFingerprint: string | undefined,
): FiredEscalation | undefined {
  const entry = entryById(key);
  const run = record.active[key];
  if (!entry || !run) return undefined;
  const { escalation } = entry;
  const base = { conditionKey: key, code: entry.code, at: now };
  if (escalation.verdict === 'now') return { ...base, rule: 'escalate at once', reason: `${entry.code} ${entry.title}: ${escalation.why}` };
  if (escalation.verdict !== 'if') return undefined;

  const rule = escalation.rule;
  switch (rule.kind) {
    case 'persists': {
      const lasted = now - run.since;
      return lasted > rule.minutes * MINUTE
        ? {
            ...base,
            rule: ruleText(rule),
            reason: `${entry.code} has lasted ${minutes(lasted)} minutes (the rule: more than ${rule.minutes})`,
          }
        : undefined;
    }
    case 'repeats': {
      const since = now - rule.withinHours * HOUR;
      const count = (record.episodes[key]?.starts ?? []).filter((t) => t > since).length;
      return count > rule.moreThan
        ? {
            ...base,
            rule: ruleText(rule),
            reason: `${entry.code} seen ${count} times in ${rule.withinHours} hours (the rule: more than ${rule.moreThan})`,
          }
        : undefined;
    }
    case 'after-new-key':
      // Compare fingerprints of the key, never keys: the run began with one key, it fails with another.
      return run.keyFingerprint !== undefined && keyFingerprint !== undefined && run.keyFingerprint !== keyFingerprint
        ? { ...base, rule: ruleText(rule), reason: `${entry.code} still fails after the API key was changed` }
        : undefined;
    case 'judgement':
      return undefined;
  }
}
