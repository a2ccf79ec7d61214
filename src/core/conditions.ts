import { entryById } from '../catalog/index.js';
import type { BlindSpot, Observation } from './observation.js';

/** A problem seen in one observation, in the engine's terms. */
export interface Sighting {
  readonly key: string;
  readonly code: string;
  /** None for a blind spot: its key says its kind, and the views word it. */
  readonly title?: string;
  readonly severity: 'critical' | 'warning' | 'info';
  readonly detail?: string;
  /** Certain on first sight: opens an incident without waiting for a second poll. */
  readonly opensAtOnce: boolean;
  readonly count?: number;
}

/** Every kind of blind spot, typed by kind: a condition key `blind:<kind>` names one, and the views word each. */
const BLIND_KINDS: Record<BlindSpot['kind'], true> = {
  timeout: true,
  refused: true,
  dns: true,
  reset: true,
  network: true,
  monitoring: true,
  garbage: true,
  'unexpected-status': true,
  redirect: true,
  'too-large': true,
};

export type BlindKind = BlindSpot['kind'];

const BLIND_PREFIX = 'blind:';

/** The blind spot a condition key names, or undefined (a catalog entry, or a kind this version does not know). */
export function blindKindOf(key: string | undefined): BlindKind | undefined {
  if (!key?.startsWith(BLIND_PREFIX)) return undefined;
  const kind = key.slice(BLIND_PREFIX.length);
  return Object.hasOwn(BLIND_KINDS, kind) ? (kind as BlindKind) : undefined;
}

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
      key: `${BLIND_PREFIX}${kind}`,
      code: kind === 'unexpected-status' ? `HTTP ${observation.blindSpot.status}` : kind,
      severity: 'warning',
      detail: observation.blindSpot.detail,
      opensAtOnce: false,
    });
  }
  return out;
}
