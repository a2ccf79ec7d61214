import type { Sighting } from './conditions.js';
import { EPISODE_WINDOW_MS } from './escalation.js';
import type { Condition, ConditionSource, Incident, NumberRecord } from './records.js';

/** How sightings become state: unbroken runs per condition, and the conditions listed on an incident. */

/**
 * Whether a report ends a condition of its own source. Polls and aggregated webhooks report all
 * they see, so what they no longer show has ended; a signal is one event, so it ends only what it
 * names in `clears` (a template approved again says nothing about the number's quality).
 */
const ends = (key: string, seen: ReadonlySet<string>, clears: ReadonlySet<string> | undefined): boolean =>
  clears ? clears.has(key) || clears.has(everyKeyOf(key)) : !seen.has(key);

/**
 * `<entry id>@*` in `clears` ends that entry's condition of every subject (each template, restriction type, alert):
 * for a source that speaks of the whole account, such as the Partner API's WABA status back to approved.
 */
export const everyKeyOf = (key: string): string => `${key.split('@')[0]}@*`;

/**
 * Brings the incident's conditions from one source in line with what it just reported; returns
 * the ones new to the incident and whether any stopped being seen.
 */
export function applySightings(
  incident: Incident,
  sightings: readonly Sighting[],
  record: NumberRecord,
  now: number,
  source: ConditionSource,
  clears?: ReadonlySet<string>,
): { added: Sighting[]; cleared: boolean; returned: boolean } {
  const added: Sighting[] = [];
  /** A condition of this incident that had ended is active again: the card must say so. */
  let returned = false;
  const seen = new Set(sightings.map((s) => s.key));
  for (const s of sightings) {
    const existing = incident.conditions.find((c) => c.key === s.key);
    if (existing) {
      if (existing.activeSince === undefined) returned = true;
      existing.lastSeen = now;
      existing.count += s.count ?? 1;
      existing.activeSince = record.active[s.key]?.since ?? now;
      if (s.detail) existing.lastDetail = s.detail;
    } else {
      const condition: Condition = {
        key: s.key,
        code: s.code,
        ...(s.title !== undefined ? { title: s.title } : {}),
        severity: s.severity,
        source,
        firstSeen: record.active[s.key]?.since ?? now,
        lastSeen: now,
        count: s.count ?? 1,
        activeSince: record.active[s.key]?.since ?? now,
        ...(s.detail ? { lastDetail: s.detail } : {}),
      };
      incident.conditions.push(condition);
      added.push(s);
    }
  }
  let cleared = false;
  for (const c of incident.conditions) {
    if ((c.source ?? 'poll') !== source || !ends(c.key, seen, clears) || c.activeSince === undefined) continue;
    delete c.activeSince;
    cleared = true;
  }
  return { added, cleared, returned };
}

/** Tracks runs of sightings per condition: when each began, and how many began in the window. */
export function trackRuns(
  record: NumberRecord,
  sightings: readonly Sighting[],
  now: number,
  keyFingerprint: string | undefined,
  source: ConditionSource,
  clears?: ReadonlySet<string>,
): void {
  const current = new Set(sightings.map((s) => s.key));
  for (const [key, run] of Object.entries(record.active))
    if ((run.source ?? 'poll') === source && ends(key, current, clears)) delete record.active[key];
  for (const s of sightings) {
    const run = record.active[s.key];
    if (run) {
      run.seenAt = now;
      continue;
    }
    record.active[s.key] = { since: now, seenAt: now, source, ...(keyFingerprint ? { keyFingerprint } : {}) };
    record.episodes[s.key] ??= { starts: [] };
    record.episodes[s.key]?.starts.push(now);
  }
  for (const [key, episodes] of Object.entries(record.episodes)) {
    episodes.starts = episodes.starts.filter((t) => t > now - EPISODE_WINDOW_MS);
    if (episodes.starts.length === 0 && !record.active[key]) delete record.episodes[key];
  }
}
