import type { Severity } from './types.js';

/** The one order of severities, worst first: every sort of entries, conditions or numbers uses it. */
export const SEVERITY_ORDER: readonly Severity[] = ['critical', 'warning', 'info'];

/** Negative when `a` is worse than `b`: sorts worst first. */
export function bySeverity(a: Severity, b: Severity): number {
  return SEVERITY_ORDER.indexOf(a) - SEVERITY_ORDER.indexOf(b);
}
