import type { Severity } from '../catalog/types.js';
import type { HealthState } from './observation.js';
import type { IncidentEvent } from './events.js';
import type { FiredEscalation } from './fired-escalation.js';

export type { FiredEscalation, FiredRule, LegacyFiredRule } from './fired-escalation.js';

/**
 * What the bot keeps per number, as one store record: written whole, so the engine's state,
 * the incident and the Slack effects still to deliver change together or not at all.
 */

/** `signal`: single events (quality, limits, templates, account) that stay until an improvement clears them. */
export type ConditionSource = 'poll' | 'webhook' | 'signal';

/** A condition on an incident: a catalog entry, or a blind spot ("no answer: timeout"). */
export interface Condition {
  /** Catalog entry id, or `blind:<kind>` when the monitor could not read the number (the views word it by its kind). */
  readonly key: string;
  readonly code: string;
  /**
   * The catalog's title, or upstream's for a code the catalog does not document. A blind spot has none:
   * records stored by older versions carry a sentence here, which the views ignore for the kind's words.
   */
  readonly title?: string;
  readonly severity: Severity;
  /** Health polls or 360dialog webhooks: each source clears only its own conditions. */
  readonly source?: ConditionSource;
  /** First seen on this incident. */
  readonly firstSeen: number;
  lastSeen: number;
  /** Observations that showed it; for webhook conditions, failed messages. */
  count: number;
  /** Start of the current unbroken run of sightings; undefined while it is not being seen. */
  activeSince?: number;
  lastDetail?: string;
}

export interface LastCheck {
  readonly at: number;
  readonly state: HealthState;
  readonly summary: string;
  readonly source: 'poll' | 'recheck' | 'webhook';
  /** Slack user id of who pressed Re-check. */
  readonly by?: string;
  /** On-Premise answers may be this old. */
  readonly cachedUpToMs?: number;
}

export interface Incident {
  /** Stable across edits and relapses: `<number>#<opened at>`. */
  readonly id: string;
  readonly number: string;
  status: 'open' | 'resolved';
  readonly openedAt: number;
  resolvedAt?: number;
  /** Times it came back within the relapse window and was reopened. */
  relapses: number;
  conditions: Condition[];
  escalations: FiredEscalation[];
  acknowledged?: { readonly by: string; readonly at: number };
  mutedUntil?: number;
  mutedBy?: string;
  /** Why it is muted: a maintenance window's reason (user text, escaped when shown). */
  muteReason?: string;
  lastReminderAt?: number;
  lastCheck?: LastCheck;
  /**
   * The last Re-check someone pressed: kept apart from lastCheck, which the next scheduled poll replaces — often
   * before the card edit the click asked for is delivered (pacing, another replica), so the name would never show.
   */
  recheckedBy?: { readonly by: string; readonly at: number };
  /** Latest health answer that showed a problem, keys removed: pasted into support tickets. */
  evidence?: string;
  /** Where the card lives once Slack accepted it. */
  card?: { readonly channel: string; readonly ts: string };
  /** When the engine last asked for the card to be drawn (post or edit). */
  lastCardAt?: number;
  /** A group incident: one condition on many numbers of one channel, told on one card. */
  group?: GroupInfo;
  /** What 360dialog's status page reports while this incident is open: they already know. */
  platform?: PlatformNote;
  /** Support cases people opened with 360dialog about this incident (the Escalate button), oldest first. */
  supportCases?: SupportCase[];
  /** A Partner API warning: channels in no numbers.yml entry whose quality or limit dropped in one listing. */
  partner?: PartnerWarning;
}

/** One drop a Partner API listing showed on a channel that is in no numbers.yml entry. */
export interface PartnerDrop {
  readonly channelId: string;
  readonly name: string;
  readonly phone?: string;
  readonly kind: 'quality' | 'limit';
  /** The value before and after the drop (GREEN → RED, TIER_10K → TIER_2K). */
  readonly from: string;
  readonly to: string;
  /** When a later listing showed it back at `from` or better, and what it was then. */
  recoveredAt?: number;
  recoveredTo?: string;
  /** When a later listing no longer showed the channel among those in no numbers.yml entry (added there, or gone). */
  goneAt?: number;
}

/** A drop that needs nothing more said: recovered, or its channel no longer one of those in no numbers.yml entry. */
export const isClosed = (d: PartnerDrop): boolean => d.recoveredAt !== undefined || d.goneAt !== undefined;

/** The message one listing's drops are said in; its incident is open until every drop recovered. */
export interface PartnerWarning {
  readonly listedAt: number;
  readonly drops: PartnerDrop[];
}

/** One support case opened with 360dialog, as the person recorded it. */
export interface SupportCase {
  readonly at: number;
  /** Slack user id of who recorded it. */
  readonly by: string;
  /** 360dialog's ticket reference (user text: escaped when shown). */
  readonly ticket?: string;
  /** They also asked 360dialog for a priority escalation (counted against D360_PRIORITY_ESCALATIONS). */
  readonly priority: boolean;
}

export interface PlatformNote {
  readonly summary: string;
  readonly since?: number;
}

export interface GroupInfo {
  readonly channel: string;
  /** Member numbers and when each joined. */
  members: Record<string, number>;
  /** Numbers watched in the channel: what "183 of 200" counts against. */
  watched: number;
  /** The most members at once. */
  peak: number;
}

/** A Slack effect still to deliver. Cards are rendered from the incident at delivery time. */
export type Effect =
  | { readonly kind: 'post-card' }
  | { readonly kind: 'update-card' }
  /** One thread reply; events of one incident that queue up together are said in one message. */
  | { readonly kind: 'reply'; readonly events: readonly IncidentEvent[]; readonly broadcast?: boolean };

export interface OutboxItem {
  /** Increasing per record; together with the number, unique. */
  readonly seq: number;
  readonly incidentId: string;
  readonly effect: Effect;
  readonly createdAt: number;
  attempts: number;
  /** Written by the first version; retry timing now lives in the notifier's monotonic clock. */
  notBefore?: number;
  /** Set just before the Slack call: a post found in flight after a restart may have reached Slack. */
  inFlightSince?: number;
  lastError?: string;
  /** Slack refused the full rendering (too long, blocks refused): draw the smallest one that works. */
  compact?: boolean;
}

/** Sightings of a condition, kept for repeat rules ("555 more than 3 times in 24 hours"). */
export interface Episodes {
  /** Start times of separate runs of sightings, oldest first, pruned to the longest window. */
  starts: number[];
}

export interface NumberRecord {
  readonly number: string;
  /** Consecutive health polls with a problem / without one (webhooks do not count). */
  badStreak: number;
  goodStreak: number;
  /** Fingerprint of the API key of the last observation (never the key). */
  keyFingerprint?: string;
  /** Per condition key. */
  episodes: Record<string, Episodes>;
  /** Conditions seen on the last observation: when their current run began, and with which key. */
  active: Record<string, { since: number; seenAt?: number; keyFingerprint?: string; source?: ConditionSource }>;
  /** The open incident, or the last resolved one (kept for the relapse window). */
  incident?: Incident;
  /** An incident replaced while effects for its card were still queued: kept until they are delivered. */
  previous?: Incident;
  /** Time of the newest health answer applied: an older one arriving late is ignored. */
  lastPolledAt?: number;
  outbox: OutboxItem[];
  nextSeq: number;
  lastRecheckAt?: number;
  /** Condition keys a group incident of the number's channel speaks for: no card of its own for them. */
  coveredKeys?: string[];
  /** A maintenance window in force: incidents during it are muted (see core/maintenance.ts). */
  maintenance?: MaintenanceWindow;
}

/** Who a numbers.yml maintenance window is set by (the other windows carry a Slack user id). */
export const SCHEDULED_BY = 'numbers.yml';

export interface MaintenanceWindow {
  /** When it was set, and until when it holds. */
  readonly at: number;
  readonly until: number;
  /** Slack user id, or SCHEDULED_BY for a numbers.yml window. */
  readonly by: string;
  readonly reason?: string;
}

export function emptyRecord(number: string): NumberRecord {
  return { number, badStreak: 0, goodStreak: 0, episodes: {}, active: {}, outbox: [], nextSeq: 1 };
}

/**
 * A new incident replaces the record's last one. The card of the one replaced may still have edits
 * queued: it is kept as `previous` until they are delivered.
 */
export function openIncident(record: NumberRecord, now: number, rest: Pick<Incident, 'conditions'> & Partial<Incident>): Incident {
  const before = record.incident;
  if (before && record.outbox.some((item) => item.incidentId === before.id)) record.previous = before;
  else delete record.previous;
  const incident: Incident = {
    id: `${record.number}#${now}`,
    number: record.number,
    status: 'open',
    openedAt: now,
    relapses: 0,
    escalations: [],
    ...rest,
  };
  record.incident = incident;
  return incident;
}

export const isOpen = (incident: Incident | undefined): incident is Incident & { status: 'open' } => incident?.status === 'open';

/** Muted: the thread stays quiet (no replies), the card stays current. Only an open incident can be. */
export const isMuted = (incident: Incident, now: number): boolean =>
  incident.status === 'open' && incident.mutedUntil !== undefined && incident.mutedUntil > now;

/** The shape every stored number record has: anything else (hand-edited, from a future version) is skipped, not trusted. */
export function isNumberRecord(value: unknown): value is NumberRecord {
  const r = value as Partial<NumberRecord> | null;
  return (
    typeof r === 'object' &&
    r !== null &&
    typeof r.number === 'string' &&
    Array.isArray(r.outbox) &&
    typeof r.active === 'object' &&
    r.active !== null &&
    typeof r.episodes === 'object' &&
    r.episodes !== null
  );
}
