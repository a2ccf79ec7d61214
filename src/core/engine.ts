import type { Observation } from './observation.js';
import { shiftClock } from './clock-jump.js';
import { cover, isCovered, postQueued } from './cover.js';
import { sightingsOf } from './conditions.js';
import { evaluateRule } from './escalation.js';
import type { IncidentEvent, NamedCondition } from './events.js';
import { endWindow, inheritWindow, windowOver } from './maintenance.js';
import { enqueue, upgradeOutbox } from './outbox.js';
import {
  openIncident,
  type ConditionSource,
  type Effect,
  type Incident,
  isMuted,
  isOpen,
  type NumberRecord,
  type PlatformNote,
} from './records.js';
import type { SupportCase } from './support-case.js';
import { applySightings, trackRuns } from './sightings.js';
import { noteLearnt, noteTraces, recordCase } from './support-ids.js';
import { acknowledge, mute, notePlatform } from './people.js';
import { noteRecheck, tell } from './story.js';

export interface EngineOptions {
  /** Consecutive problem polls before an incident opens (certain conditions open at once). */
  readonly openAfter: number;
  /** Consecutive healthy polls before it resolves. */
  readonly resolveAfter: number;
  /** A relapse this soon after resolving reopens the same incident and card. */
  readonly relapseWindowMs: number;
  /** Thread reminder for an open, unacknowledged incident. */
  readonly reminderIntervalMs: number;
  /** Routine polls refresh the card (last seen, counts) at most this often. */
  readonly cardRefreshMs: number;
  /**
   * A webhook condition no webhook observation has confirmed for this long is dropped: its counts
   * live in memory and are gone after a restart, and nothing else would ever clear it.
   */
  readonly webhookStaleMs: number;
}

export const DEFAULT_ENGINE_OPTIONS: EngineOptions = {
  openAfter: 2,
  resolveAfter: 2,
  relapseWindowMs: 30 * 60_000,
  reminderIntervalMs: 60 * 60_000,
  cardRefreshMs: 15 * 60_000,
  webhookStaleMs: 70 * 60_000,
};

export type EngineInput =
  | { readonly kind: 'observation'; readonly observation: Observation; readonly by?: string }
  /** Time passes: duration rules and reminders are evaluated. */
  | { readonly kind: 'tick' }
  | { readonly kind: 'acknowledge'; readonly by: string }
  /** `window`: a maintenance window (/wa-mute, numbers.yml) that also mutes incidents opening during it. */
  | { readonly kind: 'mute'; readonly by: string; readonly forMs: number; readonly reason?: string; readonly window?: boolean }
  | { readonly kind: 'unmute'; readonly by: string }
  /** The condition keys a group incident of the number's channel now speaks for (none: the number speaks for itself). */
  | { readonly kind: 'cover'; readonly keys: readonly string[] }
  /** What 360dialog's status page reports now (nothing: all clear). */
  | { readonly kind: 'platform'; readonly note?: PlatformNote }
  /** The wall clock stepped by this much (monotonic time disagrees): rules keep their real durations. */
  | { readonly kind: 'clock-jump'; readonly byMs: number }
  /** Someone opened a case with 360dialog about this incident (the Escalate button's modal). */
  | { readonly kind: 'support-case'; readonly incidentId: string; readonly supportCase: SupportCase };

/** Queues a Slack effect for the incident's card; a muted incident's thread stays quiet. */
function emit(record: NumberRecord, incident: Incident, effect: Effect, now: number): void {
  if (effect.kind === 'reply' && isMuted(incident, now)) return;
  if (!incident.card && !postQueued(record, incident)) {
    // A group card speaks for this number: no card of its own, unless it already has one.
    if (effect.kind !== 'post-card' || isCovered(record, incident)) return;
  }
  if (enqueue(record, incident.id, effect, now) && effect.kind.endsWith('-card')) incident.lastCardAt = now;
}

function say(record: NumberRecord, incident: Incident, event: IncidentEvent, now: number, broadcast = false): void {
  emit(record, incident, { kind: 'reply', events: [event], ...(broadcast ? { broadcast: true } : {}) }, now);
}

const sayOf = (record: NumberRecord, now: number) => (incident: Incident, event: IncidentEvent) => say(record, incident, event, now);
const redrawOf = (record: NumberRecord, now: number) => (incident: Incident) => emit(record, incident, { kind: 'update-card' }, now);

const named = (c: { key: string; code: string; title?: string; detail?: string }): NamedCondition => ({
  key: c.key,
  code: c.code,
  ...(c.title !== undefined ? { title: c.title } : {}),
  ...(c.detail ? { detail: c.detail } : {}),
});

/** Fires every escalation rule that now holds for an active condition, once per condition and incident. */
function escalate(record: NumberRecord, incident: Incident, now: number): void {
  for (const key of Object.keys(record.active)) {
    if (incident.escalations.some((e) => e.conditionKey === key)) continue;
    const fired = evaluateRule(record, key, now, record.keyFingerprint);
    if (!fired) continue;
    incident.escalations.push(fired);
    emit(record, incident, { kind: 'update-card' }, now);
    say(record, incident, { kind: 'escalated', escalation: fired }, now, true);
  }
}

/**
 * The card's last-check line: a poll's answer stands until the next poll; a webhook's until the next poll or
 * webhook, so a signal that ends a condition (a pause lifted) is what the line says next, not the pause.
 */
function replacesLastCheck(incident: Incident, source: ConditionSource): boolean {
  return source === 'poll' || !incident.lastCheck || incident.lastCheck.source === 'webhook';
}

function wouldEscalate(record: NumberRecord, now: number): boolean {
  return Object.keys(record.active).some((key) => evaluateRule(record, key, now, record.keyFingerprint) !== undefined);
}

/**
 * One observation: runs and streaks first, then the incident (added to, relapsed, opened or eased), then
 * its escalations. Kept as one function, longer than a screen: the order of those steps is the rule.
 */
function observe(record: NumberRecord, observation: Observation, by: string | undefined, options: EngineOptions): void {
  const now = observation.at;
  // Webhooks speak only of the codes they carry: they neither clear poll conditions nor count as polls.
  // A signal (an observation with `clears`) is one event: it neither ends nor is ended by the aggregated counts.
  const source: ConditionSource = observation.source !== 'webhook' ? 'poll' : observation.clears ? 'signal' : 'webhook';
  const clears = observation.clears ? new Set(observation.clears) : undefined;
  // A pass applies its answers after it ends; a Re-check may have brought a newer one meanwhile.
  if (source === 'poll') {
    if (record.lastPolledAt !== undefined && now < record.lastPolledAt) return;
    record.lastPolledAt = now;
  }
  noteLearnt(record, observation);
  const sightings = sightingsOf(observation);
  const bad = sightings.length > 0;
  trackRuns(record, sightings, now, observation.keyFingerprint, source, clears);
  if (observation.keyFingerprint) record.keyFingerprint = observation.keyFingerprint;
  if (source === 'poll') {
    record.badStreak = bad ? record.badStreak + 1 : 0;
    record.goodStreak = bad ? 0 : record.goodStreak + 1;
  }

  const lastCheck = {
    at: now,
    state: observation.state,
    summary: observation.summary,
    source: observation.source,
    ...(by ? { by } : {}),
    ...(observation.cachedUpToMs ? { cachedUpToMs: observation.cachedUpToMs } : {}),
  };
  let incident = record.incident;

  if (bad) {
    // A webhook condition has passed the aggregator's threshold already, and a signal is certain: no second look needed.
    const confirmed =
      source !== 'poll' || record.badStreak >= options.openAfter || sightings.some((s) => s.opensAtOnce) || wouldEscalate(record, now);
    if (isOpen(incident)) {
      const { added, cleared, returned } = applySightings(incident, sightings, record, now, source, clears);
      if (added.length > 0) say(record, incident, { kind: 'condition-added', conditions: added.map(named) }, now);
      if (added.length > 0 || cleared || returned || by || now - (incident.lastCardAt ?? 0) >= options.cardRefreshMs)
        emit(record, incident, { kind: 'update-card' }, now);
    } else if (incident && incident.resolvedAt !== undefined && now - incident.resolvedAt <= options.relapseWindowMs && confirmed) {
      const recoveredFor = now - incident.resolvedAt;
      incident.status = 'open';
      incident.relapses += 1;
      tell(incident, { kind: 'relapsed', at: now, afterMs: recoveredFor });
      delete incident.timelineCanvas; // its next recovery writes the longer story to a new canvas
      delete incident.resolvedAt;
      applySightings(incident, sightings, record, now, source);
      emit(record, incident, { kind: 'update-card' }, now);
      say(record, incident, { kind: 'relapsed', afterMs: recoveredFor, conditions: sightings.map(named) }, now, true);
    } else if (confirmed) {
      incident = openIncident(record, now, { conditions: [] });
      applySightings(incident, sightings, record, now, source);
      emit(record, incident, { kind: 'post-card' }, now);
    }
    if (isOpen(incident)) {
      inheritWindow(record, incident, now);
      if (replacesLastCheck(incident, source)) incident.lastCheck = lastCheck;
      if (by) noteRecheck(incident, by, now);
      if (observation.evidence) incident.evidence = observation.evidence;
      noteTraces(incident, observation);
      escalate(record, incident, now);
    }
    return;
  }

  if (!isOpen(incident)) return;
  const open: Incident = incident;
  const { cleared } = applySightings(open, [], record, now, source, clears);
  if (replacesLastCheck(open, source)) open.lastCheck = lastCheck;
  if (by) noteRecheck(open, by, now);
  if (resolveIfClear(record, open, now, options, source === 'poll' ? 'polls' : 'webhooks')) return;
  if (by !== undefined || cleared || (source === 'poll' && record.goodStreak === 1)) {
    // First healthy answer: show it on the card, but wait for another before calling it resolved.
    emit(record, open, { kind: 'update-card' }, now);
  }
}

/** Resolves the incident once no condition of any source is active and polls have been healthy long enough. */
function resolveIfClear(
  record: NumberRecord,
  incident: Incident,
  now: number,
  options: EngineOptions,
  why: 'polls' | 'webhooks' | 'quiet',
): boolean {
  if (Object.keys(record.active).length > 0 || record.goodStreak < options.resolveAfter) return false;
  incident.status = 'resolved';
  incident.resolvedAt = now;
  emit(record, incident, { kind: 'update-card' }, now);
  const streak = why === 'polls' ? { streak: record.goodStreak } : {};
  say(record, incident, { kind: 'recovered', why, ...streak, afterMs: now - incident.openedAt }, now);
  // The story last, in a message of its own: drawn when delivered, from the incident as it ended.
  tell(incident, { kind: 'recovered', at: now });
  emit(record, incident, { kind: 'timeline' }, now);
  return true;
}

/** Drops webhook conditions nothing has confirmed for too long (their counts did not survive a restart). */
function expireWebhookConditions(record: NumberRecord, incident: Incident, now: number, options: EngineOptions): boolean {
  let expired = false;
  for (const [key, run] of Object.entries(record.active)) {
    if (run.source !== 'webhook' || now - (run.seenAt ?? run.since) < options.webhookStaleMs) continue;
    delete record.active[key];
    const condition = incident.conditions.find((c) => c.key === key);
    if (condition) delete condition.activeSince;
    expired = true;
  }
  return expired;
}

function tick(record: NumberRecord, now: number, options: EngineOptions): void {
  if (windowOver(record, now)) endWindow(record, undefined, sayOf(record, now), redrawOf(record, now), now);
  const incident = record.incident;
  // A Partner API warning (monitor/partner-warnings.ts) has no conditions and nothing to remind of: listings end it.
  if (!isOpen(incident) || incident.partner) return;
  if (expireWebhookConditions(record, incident, now, options)) {
    if (resolveIfClear(record, incident, now, options, 'quiet')) return;
    emit(record, incident, { kind: 'update-card' }, now);
  }
  escalate(record, incident, now);
  if (incident.acknowledged || isMuted(incident, now)) return;
  const since = incident.lastReminderAt ?? incident.openedAt;
  if (now - since >= options.reminderIntervalMs) {
    incident.lastReminderAt = now;
    const active = incident.conditions.filter((c) => c.activeSince !== undefined).map(named);
    say(record, incident, { kind: 'reminder', openForMs: now - incident.openedAt, conditions: active }, now);
  }
}

/**
 * The incident engine: a pure step from (record, input, now) to the next record, whose outbox
 * holds the Slack effects to deliver. No I/O; the clock comes in as `now`.
 */
export function step(
  current: NumberRecord,
  input: EngineInput,
  now: number,
  options: EngineOptions = DEFAULT_ENGINE_OPTIONS,
): NumberRecord {
  const record = upgradeOutbox(structuredClone(current));
  const incident = record.incident;
  switch (input.kind) {
    case 'observation':
      observe(record, input.observation, input.by, options);
      break;
    case 'tick':
      tick(record, now, options);
      break;
    case 'platform':
      notePlatform(incident, input.note, now, sayOf(record, now), redrawOf(record, now));
      break;
    case 'cover':
      cover(record, input.keys, now);
      break;
    case 'clock-jump':
      shiftClock(record, input.byMs);
      break;
    case 'acknowledge':
      acknowledge(incident, input.by, now, sayOf(record, now), redrawOf(record, now));
      break;
    case 'mute':
      mute(record, input, now, sayOf(record, now), redrawOf(record, now));
      break;
    case 'unmute':
      endWindow(record, input.by, sayOf(record, now), redrawOf(record, now), now);
      break;
    case 'support-case':
      recordCase(record, input, sayOf(record, now), redrawOf(record, now));
      break;
  }
  return record;
}
