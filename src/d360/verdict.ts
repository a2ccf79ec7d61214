import { entriesForCode, entryById } from '../catalog/index.js';
import type { CatalogEntry, Severity } from '../catalog/types.js';
import type { WaNumber } from '../config/numbers.js';
import type { BlindSpot, Finding } from '../core/observation.js';

/** What one classifier concluded: findings, or a blind spot when the answer makes no sense. */
export interface Verdict {
  readonly findings: Finding[];
  readonly blindSpot?: BlindSpot;
}

/** Redacts, flattens whitespace and cuts upstream text short: everything quoted from an answer goes through it. */
export type Clean = (text: string, max?: number) => string;

export const SEVERITY_ORDER: Record<Severity, number> = { info: 0, warning: 1, critical: 2 };

export function finding(entry: CatalogEntry, detail?: string, cap?: Severity): Finding {
  const severity = cap && SEVERITY_ORDER[entry.severity] > SEVERITY_ORDER[cap] ? cap : entry.severity;
  return { entryId: entry.id, code: entry.code, severity, ...(detail ? { detail } : {}) };
}

/** A catalog entry the classifiers rely on; its absence is a programming error, caught by the catalog tests. */
export function must(id: string): CatalogEntry {
  const entry = entryById(id);
  if (!entry) throw new Error(`catalog has no entry ${id}`);
  return entry;
}

export const garbage = (detail: string): Verdict => ({ findings: [], blindSpot: { kind: 'garbage', detail } });

/** The catalog entry for a code found in an answer, preferring the number's own API generation and non-webhook rows. */
export function entryForCode(code: number, api: WaNumber['api']): CatalogEntry | undefined {
  const entries = entriesForCode(String(code));
  const score = (e: CatalogEntry) =>
    (e.generation === (api === 'onprem' ? 'onprem' : 'cloud') ? 0 : 1) * 2 +
    (e.surfaces.some((s) => s === 'api-response' || s === 'health-check') ? 0 : 1);
  return [...entries].sort((a, b) => score(a) - score(b))[0];
}

/**
 * Any JSON value as text, for quoting: a field upstream should have sent as a string may be an
 * object, and String() throws on `{"toString": 1}`. Objects too deep to serialise become a marker.
 */
export function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined) return String(value);
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return '[unreadable value]';
  }
}

/** A code field as a whole number, whether upstream sent 131047 or "131047"; anything else is no code. */
export function codeOf(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\s*\d{1,15}\s*$/.test(value) ? Number(value) : Number.NaN;
  return Number.isInteger(n) ? n : undefined;
}
