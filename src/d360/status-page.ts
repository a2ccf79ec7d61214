import { graphemePrefix } from '../text/clip.js';

/**
 * 360dialog's public status page, read as data. Two formats are understood: Atlassian Statuspage's
 * v2 summary (`/api/v2/summary.json`: `status`, `components`, `incidents`) and Instatus' summary
 * (`/summary.json`: `page.status`, `activeIncidents`, `activeMaintenances`). Nothing here throws.
 */
export interface PlatformReport {
  /** One line for a card: "Cloud API degraded performance: Elevated error rates". */
  readonly summary: string;
  /** When the oldest active incident began (epoch ms), if the page says. */
  readonly since?: number;
}

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : {});
const list = (v: unknown): Json[] => (Array.isArray(v) ? v.map(obj) : []);
const text = (v: unknown): string => (typeof v === 'string' ? graphemePrefix(v.replace(/\s+/g, ' ').trim(), 160) : '');
const time = (v: unknown): number | undefined => {
  const t = typeof v === 'string' ? Date.parse(v) : Number.NaN;
  return Number.isFinite(t) ? t : undefined;
};

/** Components that matter to WhatsApp numbers: everything but marketing pages, docs and the like. */
const IRRELEVANT = /\b(website|docs?|documentation|blog|marketing|status page)\b/i;

function earliest(times: ReadonlyArray<number | undefined>): { since?: number } {
  const known = times.filter((t): t is number => t !== undefined);
  return known.length > 0 ? { since: Math.min(...known) } : {};
}

function statuspage(body: Json): PlatformReport | undefined {
  const incidents = list(body.incidents).filter((i) => !['resolved', 'postmortem', 'completed'].includes(text(i.status)));
  const broken = list(body.components).filter(
    (c) => text(c.status) !== '' && text(c.status) !== 'operational' && !IRRELEVANT.test(text(c.name)),
  );
  if (incidents.length === 0 && broken.length === 0) return undefined;
  const parts = [
    ...broken.slice(0, 3).map((c) => `${text(c.name)} ${text(c.status).replace(/_/g, ' ')}`),
    ...incidents.slice(0, 2).map((i) => text(i.name)),
  ].filter(Boolean);
  return { summary: parts.join('; ') || 'an incident is open', ...earliest(incidents.map((i) => time(i.started_at ?? i.created_at))) };
}

function instatus(body: Json): PlatformReport | undefined {
  const incidents = list(body.activeIncidents);
  if (incidents.length === 0 && text(obj(body.page).status) === 'UP') return undefined;
  if (incidents.length === 0) return { summary: `status ${text(obj(body.page).status).toLowerCase()}` };
  const parts = incidents
    .slice(0, 3)
    .map((i) => `${text(i.name)}${i.impact ? ` (${text(i.impact).toLowerCase().replace(/_/g, ' ')})` : ''}`);
  return { summary: parts.join('; '), ...earliest(incidents.map((i) => time(i.started))) };
}

export type StatusReading =
  | { readonly kind: 'read'; readonly report?: PlatformReport }
  | { readonly kind: 'unreadable'; readonly why: string };

/** What the page says: an active problem (report), all clear (no report), or that it cannot be read. */
export function readStatusPage(body: unknown): StatusReading {
  const json = obj(body);
  if ('components' in json || 'incidents' in json) return { kind: 'read', ...optional(statuspage(json)) };
  if ('activeIncidents' in json || 'page' in json) return { kind: 'read', ...optional(instatus(json)) };
  return { kind: 'unreadable', why: 'neither a Statuspage v2 nor an Instatus summary' };
}

const optional = (report: PlatformReport | undefined) => (report ? { report } : {});
