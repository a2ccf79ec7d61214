import { formsNow, type GroupObservation, type GroupRule, groupId, isGroupId, SAME_CONDITION, stepGroup } from '../core/grouping.js';
import { type Incident, isOpen, type NumberRecord } from '../core/records.js';
import type { Severity } from '../catalog/types.js';
import { type RecordStore, UNCHANGED } from '../store/record-store.js';
import { fields, type Logger } from '../telemetry/log.js';
import { isSameData } from './same-data.js';

/** What the grouper knows of one condition open on one number. */
interface Open {
  readonly code: string;
  /** None for a blind spot. */
  readonly title?: string;
  readonly severity: Severity;
  readonly since: number;
  /** When the number's incident opened: forming a group counts recent openings. */
  readonly opened: number;
  readonly card?: { readonly channel: string; readonly ts: string };
}

/** A code open now on a number, for /wa-error's "open now on …" lines. */
export interface OpenCode {
  readonly number: string;
  readonly since: number;
  readonly card?: { readonly channel: string; readonly ts: string };
}

export interface GrouperOptions {
  readonly records: RecordStore<NumberRecord>;
  /** The channel each number's cards go to: groups never span channels. */
  readonly channelOf: (number: string) => string;
  /** Numbers watched per channel. */
  readonly watched: ReadonlyMap<string, number>;
  readonly rule?: GroupRule;
  readonly logger: Logger;
  /** Steps numbers' records with cover inputs, in one batch (through the monitor, so its indexes stay current). */
  readonly cover: (changes: ReadonlyArray<readonly [number: string, keys: readonly string[]]>, at: number) => Promise<void>;
  /** A group record changed: index and notify it like any record. */
  readonly settled: (id: string, after: NumberRecord | undefined) => void;
}

export interface Grouper {
  /** Learns a record's open conditions, after every step and when the store is read at start. */
  note(id: string, record: NumberRecord | undefined): void;
  /** Forms, updates and resolves groups from what every number shows now; covers and uncovers members. */
  regroup(at: number): Promise<void>;
  /** The members of an open group, for a Re-check on its card. */
  members(id: string): string[];
  /** Numbers on which this code is open now, oldest first. */
  openNow(code: string): OpenCode[];
  /** Every record with an open incident: numbers and groups. */
  openIds(): string[];
  /** Goes up whenever a record joins or leaves `openIds()`: while it stands still, so does that list. */
  openVersion(): number;
  /** Slack took a number's card: where it lives, for links to it. */
  cardPosted(number: string, card: { readonly channel: string; readonly ts: string }): void;
}

/**
 * Keeps, in memory, which numbers show which open condition, and turns many numbers of one channel
 * with the same condition into one group record — the card that speaks for them all. One closure, longer
 * than a screen: its maps are the grouper's memory, and every method reads or writes them.
 */
export function createGrouper(options: GrouperOptions): Grouper {
  const rule = options.rule ?? SAME_CONDITION;
  const { records, logger } = options;
  /** Per number: its open incident's active conditions. */
  const open = new Map<string, Map<string, Open>>();
  /** Per group id: its open group's members. */
  const groups = new Map<string, string[]>();
  /** Per number: the keys groups currently speak for. */
  const covered = new Map<string, string>();

  /**
   * Whether any number's open conditions changed since the last regroup. Groups change only when numbers do
   * (time alone can only shrink the forming window's count), so a tick with nothing due skips the scan.
   */
  let dirty = true;
  const setOpen = (id: string, conditions: Map<string, Open> | undefined) => {
    if (!sameOpen(open.get(id), conditions)) dirty = true;
    if (conditions) open.set(id, conditions);
    else open.delete(id);
  };

  let version = 0;
  const note = (id: string, record: NumberRecord | undefined) => {
    const incident = record?.incident;
    const wasListed = open.has(id) || groups.has(id);
    if (isGroupId(id)) {
      if (isOpen(incident) && incident.group) groups.set(id, Object.keys(incident.group.members));
      else groups.delete(id);
    } else {
      if (record?.coveredKeys?.length) covered.set(id, [...record.coveredKeys].sort().join('\n'));
      setOpen(id, isOpen(incident) ? openConditions(incident) : undefined);
    }
    // Only a record joining or leaving openIds() moves it: a poll pass notes every record, and an unchanged
    // healthy one must not make the platform follower list every open record again.
    if (wasListed !== (open.has(id) || groups.has(id))) version += 1;
  };

  const regroup = async (at: number) => {
    if (!dirty) return;
    dirty = false;
    try {
      await regroupNow(at);
    } catch (error) {
      // Not done: the next tick tries again.
      dirty = true;
      throw error;
    }
  };

  const regroupNow = async (at: number) => {
    const found = candidates(open, options.channelOf, options.watched);
    // A group forms when enough numbers broke within the window, and an open one follows its members down to none.
    const ids = new Set([...groups.keys(), ...[...found].filter(([, g]) => formsNow(rule, g.opened, g.watched, at)).map(([id]) => id)]);
    for (const id of ids) {
      const seen = found.get(id) ?? emptyObservation(id, options.watched);
      const after = await records.update(id, (current) => {
        const next = stepGroup(current ?? emptyGroupRecord(id), seen, rule, at);
        return current && isSameData(current, next) ? UNCHANGED : next;
      });
      const wasOpen = groups.has(id);
      note(id, after);
      if (!wasOpen && groups.has(id))
        logger.warn(
          `${seen.code} on ${Object.keys(seen.members).length} of ${seen.watched} numbers in ${seen.channel}: one group card`,
          fields({ channel: seen.channel, code: seen.code }),
        );
      options.settled(id, after);
    }
    const changes = coverChanges(groups, covered);
    // A thousand numbers joining a group are a thousand writes: in batches, not one by one.
    if (changes.length > 0) await options.cover(changes, at);
  };

  const cardPosted = (number: string, card: { readonly channel: string; readonly ts: string }) => {
    const conditions = open.get(number);
    if (!conditions) return;
    for (const [key, c] of conditions) conditions.set(key, { ...c, card });
  };

  const openIds = () => [...open.keys(), ...groups.keys()];
  return {
    note,
    regroup,
    members: (id) => groups.get(id) ?? [],
    openNow: (code) => openNow(open, code),
    cardPosted,
    openIds,
    openVersion: () => version,
  };
}

function emptyGroupRecord(id: string): NumberRecord {
  return { number: id, badStreak: 0, goodStreak: 0, episodes: {}, active: {}, outbox: [], nextSeq: 1 };
}

/** An open group none of whose members show the condition any more: it resolves. */
function emptyObservation(id: string, watched: ReadonlyMap<string, number>): GroupObservation {
  const [, channel = '', ...rest] = id.split(':');
  const key = rest.join(':');
  return { channel, key, code: key, severity: 'warning', members: {}, watched: watched.get(channel) ?? 0 };
}

/** A number's open incident's active conditions, as the grouper keeps them; undefined when none is active. */
function openConditions(incident: Incident): Map<string, Open> | undefined {
  const conditions = new Map<string, Open>();
  for (const c of incident.conditions) {
    if (c.activeSince === undefined) continue;
    const card = incident.card ? { card: incident.card } : {};
    conditions.set(c.key, {
      code: c.code,
      ...(c.title !== undefined ? { title: c.title } : {}),
      severity: c.severity,
      since: c.activeSince,
      opened: incident.openedAt,
      ...card,
    });
  }
  return conditions.size > 0 ? conditions : undefined;
}

/** The same for grouping: the same conditions, active since the same times, on incidents opened at the same time. */
function sameOpen(a: Map<string, Open> | undefined, b: Map<string, Open> | undefined): boolean {
  return (
    a === b ||
    (a !== undefined &&
      b !== undefined &&
      a.size === b.size &&
      [...a].every(([key, c]) => b.get(key)?.since === c.since && b.get(key)?.opened === c.opened))
  );
}

/** Every (channel, key) some number shows, with its members. */
function candidates(
  open: ReadonlyMap<string, ReadonlyMap<string, Open>>,
  channelOf: (number: string) => string,
  watchedIn: ReadonlyMap<string, number>,
) {
  const found = new Map<string, GroupObservation & { members: Record<string, number>; opened: Record<string, number> }>();
  for (const [number, conditions] of open) {
    const channel = channelOf(number);
    for (const [key, c] of conditions) {
      const id = groupId(channel, key);
      let entry = found.get(id);
      if (!entry) {
        const watched = watchedIn.get(channel) ?? 0;
        entry = {
          channel,
          key,
          code: c.code,
          ...(c.title !== undefined ? { title: c.title } : {}),
          severity: c.severity,
          members: {},
          opened: {},
          watched,
        };
        found.set(id, entry);
      }
      entry.members[number] = c.since;
      entry.opened[number] = c.opened;
    }
  }
  return found;
}

/**
 * Which keys each number's open groups speak for now, against what they spoke for (`covered`, updated
 * here): the numbers whose covered keys changed, with their new keys.
 */
function coverChanges(groups: ReadonlyMap<string, readonly string[]>, covered: Map<string, string>): Array<readonly [string, string[]]> {
  const wanted = new Map<string, string[]>();
  for (const [id, members] of groups) {
    const key = id.slice(id.indexOf(':', id.indexOf(':') + 1) + 1);
    for (const number of members) wanted.set(number, [...(wanted.get(number) ?? []), key]);
  }
  const changes: Array<readonly [string, string[]]> = [];
  for (const number of new Set([...wanted.keys(), ...covered.keys()])) {
    const keys = (wanted.get(number) ?? []).sort();
    if ((covered.get(number) ?? '') === keys.join('\n')) continue;
    if (keys.length === 0) covered.delete(number);
    else covered.set(number, keys.join('\n'));
    changes.push([number, keys]);
  }
  return changes;
}

/** Numbers on which this code is open now, oldest first. */
function openNow(open: ReadonlyMap<string, ReadonlyMap<string, Open>>, code: string): OpenCode[] {
  const found: OpenCode[] = [];
  for (const [number, conditions] of open) {
    for (const c of conditions.values()) if (c.code === code) found.push({ number, since: c.since, ...(c.card ? { card: c.card } : {}) });
  }
  return found.sort((a, b) => a.since - b.since);
}
