import type { Finding } from '../core/observation.js';
import { clip } from '../text/clip.js';

/** What the readers of WABA fields share: tolerant accessors (a payload is never trusted) and one finding shape. */

export type Json = Record<string, unknown>;
export const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
/** A non-empty string, or a number as its decimal text; anything else is absent. */
export const text = (v: unknown): string | undefined =>
  typeof v === 'string' && v !== '' ? v : typeof v === 'number' && Number.isFinite(v) ? String(v) : undefined;
export const upper = (v: unknown): string => text(v)?.toUpperCase() ?? '';
/** Meta documents some enums as a one-item list (waba_ban_state: ["DISABLE"]) and prints them plain elsewhere. */
export const first = (v: unknown): unknown => (Array.isArray(v) ? v[0] : v);

/** What one change of a WABA field means: findings it raises, condition keys it ends, and a line for people. */
export interface Mapped {
  findings: Finding[];
  clears: string[];
  phone?: string;
  portfolioLimit?: string;
  /** Said on the card's last-check line when the change only ends conditions (no raw condition keys there). */
  note?: string;
  /** Conditions Meta gave an end time (a restriction's `expiration`, ms): ended when it passes. */
  expires?: Array<{ key: string; at: number }>;
}

export const none = (): Mapped => ({ findings: [], clears: [] });

export function finding(
  entryId: string,
  code: string,
  severity: Finding['severity'],
  detail: string,
  about?: { key: string; subject: string },
): Finding {
  return { entryId, code, severity, detail: clip(detail, 300), ...(about ? { key: about.key, subject: clip(about.subject, 120) } : {}) };
}

/** A Unix time in seconds as "YYYY-MM-DD HH:MM UTC"; undefined for none, and for one no date can hold (1e13 s). */
export function utcMinuteOf(seconds: unknown): string | undefined {
  const s = Number(seconds);
  if (!Number.isFinite(s) || s <= 0 || s * 1000 > MAX_DATE_MS) return undefined;
  return `${new Date(s * 1000).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
/** The latest time a JavaScript Date holds (year 275760): past it, toISOString throws. */
const MAX_DATE_MS = 8.64e15;

/** A condition held once per thing (`<entry>@<what>`): the thing's own clears end it, nobody else's. */
export const keyed = (entryId: string, what: string): string => `${entryId}@${what}`;
