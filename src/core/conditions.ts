import { entryById } from '../catalog/index.js';
import type { BlindSpot, Observation } from './observation.js';

/** A problem seen in one observation, in the engine's terms. */
export interface Sighting {
  readonly key: string;
  readonly code: string;
  readonly title: string;
  readonly severity: 'critical' | 'warning' | 'info';
  readonly detail?: string;
  /** Certain on first sight: opens an incident without waiting for a second poll. */
  readonly opensAtOnce: boolean;
  readonly count?: number;
}

/** Typed by kind, so a new kind of blind spot cannot reach a card without a title. */
const BLIND_TITLES: Record<BlindSpot['kind'], string> = {
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

/** The problems an observation shows. Info-level findings (a gateway still connecting) are not problems. */
export function sightingsOf(observation: Observation): Sighting[] {
  const out: Sighting[] = [];
  for (const f of observation.findings) {
    if (f.severity === 'info') continue;
    const entry = entryById(f.entryId);
    const title = entry?.title ?? f.title ?? `Undocumented code ${f.code}`;
    out.push({
      key: f.key ?? f.entryId,
      code: f.code,
      title: f.subject ? `${title}: ${f.subject}` : title,
      severity: f.severity,
      ...(f.detail ? { detail: f.detail } : {}),
      ...(f.count !== undefined ? { count: f.count } : {}),
      opensAtOnce: entry?.opensAtOnce === true,
    });
  }
  if (observation.blindSpot) {
    const kind = observation.blindSpot.kind;
    out.push({
      key: `blind:${kind}`,
      code: kind === 'unexpected-status' ? `HTTP ${observation.blindSpot.status}` : kind,
      title: BLIND_TITLES[kind],
      severity: 'warning',
      detail: observation.blindSpot.detail,
      opensAtOnce: false,
    });
  }
  return out;
}
