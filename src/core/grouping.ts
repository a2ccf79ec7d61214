import type { Severity } from '../catalog/types.js';
import { enqueue } from './outbox.js';
import { type Incident, isOpen, type NumberRecord, openIncident } from './records.js';
import { tell } from './story.js';

/**
 * Grouping, in the spirit of Alertmanager's group_by and inhibition: when one condition is open
 * on many numbers of one channel at once, the cause is almost surely 360dialog's or Meta's, and
 * one card tells it — "500 on 183 of 200 numbers" — instead of one card per number.
 */
export interface GroupRule {
  readonly name: string;
  /** A group forms at max(minNumbers, ceil(minShare × numbers watched in the channel)) members. */
  readonly minNumbers: number;
  readonly minShare: number;
  /** Members over this share of the channel: all or most numbers fail, a platform emergency. */
  readonly emergencyShare: number;
  /**
   * Only numbers whose incident opened this recently count towards forming a group: one poll interval
   * plus a grace. Many numbers breaking at once is an outage; the same count gathered over a week is not.
   */
  readonly formWindowMs: number;
}

/** The default poll schedule's 5 minutes plus one minute of grace; the bot sets it from POLL_SCHEDULE. */
export const SAME_CONDITION: GroupRule = {
  name: 'same-condition',
  minNumbers: 3,
  minShare: 0.3,
  emergencyShare: 0.5,
  formWindowMs: 6 * 60_000,
};

export const threshold = (rule: GroupRule, watched: number) => Math.max(rule.minNumbers, Math.ceil(rule.minShare * watched));

/** Whether a group forms now: enough numbers of the channel opened an incident with the condition within the rule's window. */
export function formsNow(rule: GroupRule, members: Readonly<Record<string, number>>, watched: number, now: number): boolean {
  const since = now - rule.formWindowMs;
  let recent = 0;
  for (const began of Object.values(members)) if (began >= since) recent += 1;
  return recent >= threshold(rule, watched);
}

export const isEmergency = (rule: GroupRule, members: number, watched: number) => watched > 0 && members / watched >= rule.emergencyShare;

/** The record id of a channel's group for a condition key: groups live in the store beside numbers. */
export const groupId = (channel: string, key: string) => `group:${channel}:${key}`;
export const isGroupId = (id: string) => id.startsWith('group:');
export const channelOfGroup = (id: string) => id.split(':')[1] ?? '';

export interface GroupObservation {
  readonly channel: string;
  readonly key: string;
  readonly code: string;
  /** The members' condition title; none for a blind spot (the views word it by its key). */
  readonly title?: string;
  readonly severity: Severity;
  /** Numbers with the condition active now, and since when. */
  readonly members: Readonly<Record<string, number>>;
  /** When each member's own incident opened (what "at once" is judged by); `members` when not given. */
  readonly opened?: Readonly<Record<string, number>>;
  readonly watched: number;
}

function say(record: NumberRecord, incident: Incident, joined: string[], left: string[], now: number): void {
  const total = Object.keys(incident.group?.members ?? {}).length;
  enqueue(record, incident.id, { kind: 'reply', events: [{ kind: 'members-changed', joined, left, total }] }, now);
}

/**
 * One step of a group record: the numbers that show the condition now. A group opens once the
 * rule's threshold is met and then stays open until its last member leaves — the threshold
 * decides only when a group forms, so it does not flap around it.
 */
export function stepGroup(current: NumberRecord, seen: GroupObservation, rule: GroupRule, now: number): NumberRecord {
  const record = structuredClone(current);
  const names = Object.keys(seen.members);
  const previous = record.incident;
  if (!isOpen(previous)) {
    if (!formsNow(rule, seen.opened ?? seen.members, seen.watched, now)) return record;
    const { key, code, severity } = seen;
    const title = seen.title !== undefined ? { title: seen.title } : {};
    const incident = openIncident(record, now, {
      conditions: [{ key, code, ...title, severity, firstSeen: now, lastSeen: now, count: names.length, activeSince: now }],
      group: { channel: seen.channel, members: { ...seen.members }, watched: seen.watched, peak: names.length },
    });
    enqueue(record, incident.id, { kind: 'post-card' }, now);
    say(record, incident, names, [], now);
    return record;
  }
  const incident: Incident = previous;
  const group = incident.group as NonNullable<Incident['group']>;
  const joined = names.filter((n) => group.members[n] === undefined);
  const left = Object.keys(group.members).filter((n) => seen.members[n] === undefined);
  if (joined.length === 0 && left.length === 0 && group.watched === seen.watched) return record;
  group.members = { ...seen.members };
  group.watched = seen.watched;
  group.peak = Math.max(group.peak, names.length);
  const condition = incident.conditions[0];
  if (condition) {
    condition.lastSeen = now;
    condition.count = Math.max(condition.count, group.peak);
  }
  enqueue(record, incident.id, { kind: 'update-card' }, now);
  if (names.length === 0) {
    incident.status = 'resolved';
    incident.resolvedAt = now;
    if (condition) delete condition.activeSince;
    enqueue(record, incident.id, { kind: 'reply', events: [{ kind: 'recovered', why: 'group', afterMs: now - incident.openedAt }] }, now);
    tell(incident, { kind: 'recovered', at: now });
    enqueue(record, incident.id, { kind: 'timeline' }, now);
    return record;
  }
  if (joined.length > 0 || left.length > 0) say(record, incident, joined, left, now);
  return record;
}
