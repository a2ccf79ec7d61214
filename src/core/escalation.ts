import { entryById } from '../catalog/index.js';
import type { FiredEscalation, NumberRecord } from './records.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** The longest window any repeat rule of the catalog looks back over: how long episodes are kept. */
export const EPISODE_WINDOW_MS = 24 * HOUR;

/**
 * The catalog's escalation rules, evaluated against what the record has seen, for one condition
 * currently being seen. Returns the escalation to raise — which rule, and the figures it fired on
 * (the views word them) — or undefined.
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
  if (escalation.verdict === 'now') return { ...base, kind: 'at-once' };
  if (escalation.verdict !== 'if') return undefined;

  const rule = escalation.rule;
  switch (rule.kind) {
    case 'persists': {
      const lastedMs = now - run.since;
      return lastedMs > rule.minutes * MINUTE ? { ...base, kind: 'persists', lastedMs, minutes: rule.minutes } : undefined;
    }
    case 'repeats': {
      const since = now - rule.withinHours * HOUR;
      const count = (record.episodes[key]?.starts ?? []).filter((t) => t > since).length;
      return count > rule.moreThan
        ? { ...base, kind: 'repeats', count, withinHours: rule.withinHours, moreThan: rule.moreThan }
        : undefined;
    }
    case 'after-new-key':
      // Compare fingerprints of the key, never keys: the run began with one key, it fails with another.
      return run.keyFingerprint !== undefined && keyFingerprint !== undefined && run.keyFingerprint !== keyFingerprint
        ? { ...base, kind: 'after-new-key' }
        : undefined;
    case 'judgement':
      return undefined;
  }
}
