import { bySeverity } from '../catalog/severity.js';
import type { Severity } from '../catalog/types.js';
import type { WaNumber } from '../config/numbers.js';
import { isGroupId } from '../core/grouping.js';
import {
  type FiredEscalation,
  isMuted,
  isNumberRecord,
  isOpen,
  type LastCheck,
  type NumberRecord,
  type SupportCase,
} from '../core/records.js';
import type { RecordStore } from '../store/record-store.js';

/** What /wa-status (and App Home) show: one entry per watched number, read from the store in one scan. */
export type FleetState = 'open' | 'acknowledged' | 'muted' | 'healthy' | 'unchecked';

export interface FleetCondition {
  /** Which condition: a catalog entry id, or `blind:<kind>` (the views word it; it has no title). */
  readonly key: string;
  readonly code: string;
  readonly title?: string;
  readonly severity: Severity;
  readonly lastDetail?: string;
}

export interface FleetEntry {
  readonly name: string;
  readonly phone?: string;
  readonly state: FleetState;
  readonly severity?: Severity;
  /** Newest health answer applied (any number, healthy or not). */
  readonly lastPolledAt?: number;
  readonly lastCheck?: LastCheck;
  readonly openedAt?: number;
  readonly resolvedAt?: number;
  readonly card?: { readonly channel: string; readonly ts: string };
  readonly conditions: readonly FleetCondition[];
  /** What fired, as data: the views say why. */
  readonly escalations: readonly FiredEscalation[];
  readonly acknowledgedBy?: string;
  readonly mutedUntil?: number;
  readonly mutedBy?: string;
  readonly muteReason?: string;
  /** Cases opened with 360dialog about the open incident (the Escalate button): /wa-status lists them. */
  readonly supportCases?: readonly SupportCase[];
}

/**
 * A channel the Partner API lists that matches no numbers.yml entry: shown in /wa-status, never carded
 * (no key to poll or re-check it, no channel of its own); add it to numbers.yml to get cards.
 */
export interface DiscoveredNumber {
  readonly name: string;
  readonly phone?: string;
  readonly status?: string;
  readonly quality?: string;
  readonly limit?: string;
  /** What is wrong with it now, from the listings (quality YELLOW, limit lowered …); empty when fine. */
  readonly warnings: readonly string[];
}

export interface FleetSnapshot {
  readonly at: number;
  /** Partner API channels in no numbers.yml entry, warnings first (none without the Partner API). */
  readonly discovered?: readonly DiscoveredNumber[];
  /** Open incidents first (worst severity, oldest first), then muted, then healthy and unchecked by name. */
  readonly entries: readonly FleetEntry[];
  readonly counts: Readonly<Record<FleetState, number>>;
  /** The newest answer from any number: "last check 2 minutes ago". */
  readonly lastCheckAt?: number;
}

const ORDER: Record<FleetState, number> = { open: 0, acknowledged: 1, muted: 2, unchecked: 3, healthy: 4 };

export function fleetEntry(number: WaNumber, record: NumberRecord | undefined, at: number): FleetEntry {
  const entry = incidentEntry(number, record, at);
  const window = record?.maintenance;
  // A maintenance window with no incident open: the number is still shown as muted, with until, who and why.
  if (!window || window.until <= at || entry.state === 'muted' || entry.state === 'open' || entry.state === 'acknowledged') return entry;
  return {
    ...entry,
    state: 'muted',
    mutedUntil: window.until,
    mutedBy: window.by,
    ...(window.reason ? { muteReason: window.reason } : {}),
  };
}

function incidentEntry(number: WaNumber, record: NumberRecord | undefined, at: number): FleetEntry {
  const base = { name: number.name, ...(number.phone ? { phone: number.phone } : {}) };
  if (!record) return { ...base, state: 'unchecked', conditions: [], escalations: [] };
  const incident = record.incident;
  const polled = record.lastPolledAt !== undefined ? { lastPolledAt: record.lastPolledAt } : {};
  if (!incident)
    return { ...base, ...polled, state: record.lastPolledAt === undefined ? 'unchecked' : 'healthy', conditions: [], escalations: [] };
  const open = isOpen(incident);
  const state: FleetState = !open ? 'healthy' : isMuted(incident, at) ? 'muted' : incident.acknowledged ? 'acknowledged' : 'open';
  const conditions = open
    ? incident.conditions.map((c) => ({
        key: c.key,
        code: c.code,
        ...(c.title !== undefined ? { title: c.title } : {}),
        severity: c.severity,
        ...(c.lastDetail ? { lastDetail: c.lastDetail } : {}),
      }))
    : [];
  const severity = conditions.map((c) => c.severity).sort(bySeverity)[0];
  return {
    ...base,
    ...polled,
    state,
    ...(severity ? { severity } : {}),
    ...(incident.lastCheck ? { lastCheck: incident.lastCheck } : {}),
    openedAt: incident.openedAt,
    ...(incident.resolvedAt !== undefined ? { resolvedAt: incident.resolvedAt } : {}),
    ...(incident.card ? { card: incident.card } : {}),
    conditions,
    escalations: incident.escalations,
    ...(open && incident.acknowledged ? { acknowledgedBy: incident.acknowledged.by } : {}),
    ...(state === 'muted' ? { mutedUntil: incident.mutedUntil, ...(incident.mutedBy ? { mutedBy: incident.mutedBy } : {}) } : {}),
    ...(state === 'muted' && incident.muteReason ? { muteReason: incident.muteReason } : {}),
    ...(open && incident.supportCases?.length ? { supportCases: incident.supportCases } : {}),
  };
}

export async function buildFleetSnapshot(
  numbers: readonly WaNumber[],
  records: RecordStore<NumberRecord>,
  at: number,
): Promise<FleetSnapshot> {
  const byName = new Map<string, NumberRecord>();
  for await (const page of records.entries())
    for (const [id, record] of page) if (!isGroupId(id) && isNumberRecord(record)) byName.set(id, record);
  const entries = numbers.map((n) => fleetEntry(n, byName.get(n.name), at));
  entries.sort(
    (a, b) =>
      ORDER[a.state] - ORDER[b.state] ||
      (a.severity && b.severity ? bySeverity(a.severity, b.severity) : 0) ||
      (a.state === 'healthy' || a.state === 'unchecked' ? 0 : (a.openedAt ?? 0) - (b.openedAt ?? 0)) ||
      a.name.localeCompare(b.name),
  );
  const counts: Record<FleetState, number> = { open: 0, acknowledged: 0, muted: 0, healthy: 0, unchecked: 0 };
  let lastCheckAt: number | undefined;
  for (const e of entries) {
    counts[e.state] += 1;
    if (e.lastPolledAt !== undefined) lastCheckAt = Math.max(lastCheckAt ?? 0, e.lastPolledAt);
  }
  return { at, entries, counts, ...(lastCheckAt !== undefined ? { lastCheckAt } : {}) };
}

/**
 * Slack wants an answer within 3 s and people run /wa-status in bursts during an incident: one
 * store scan serves every ask for a few seconds, and concurrent asks share the scan in flight.
 */
export function createFleetReader(
  numbers: readonly WaNumber[],
  records: RecordStore<NumberRecord>,
  now: () => number,
  cacheMs = 5_000,
): () => Promise<FleetSnapshot> {
  let cached: { at: number; snapshot: Promise<FleetSnapshot> } | undefined;
  return () => {
    const at = now();
    if (cached && at - cached.at < cacheMs && at >= cached.at) return cached.snapshot;
    const snapshot = buildFleetSnapshot(numbers, records, at);
    cached = { at, snapshot };
    snapshot.catch(() => {
      if (cached?.snapshot === snapshot) cached = undefined;
    });
    return snapshot;
  };
}
