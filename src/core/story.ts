/**
 * The story of an incident: what people (and 360dialog's status page) did to it, as typed facts with
 * their times, kept on the incident so the timeline at its end can tell them in order. The record keeps
 * only the latest acknowledgement or mute for the card; this keeps each one. Bounded: a Re-check every
 * 30 s for a day would otherwise grow a record without end. Words live in slack/views/timeline.ts.
 *
 * No import of records.ts: the incident is taken by the two fields this writes (records.ts imports the types).
 */

/** Entries kept per incident; older ones are dropped and counted. */
export const STORY_CAP = 50;

export type StoryEntry =
  | { readonly kind: 'acknowledged'; readonly at: number; readonly by: string }
  /** A person's Mute button (`window` unset) or a maintenance window (/wa-mute, numbers.yml), until when, and why. */
  | {
      readonly kind: 'muted';
      readonly at: number;
      readonly by: string;
      readonly until: number;
      readonly window?: boolean;
      readonly reason?: string;
    }
  /** Unmuted by someone, or (no `by`) a maintenance window ended. */
  | { readonly kind: 'unmuted'; readonly at: number; readonly by?: string }
  | { readonly kind: 'rechecked'; readonly at: number; readonly by: string }
  /** 360dialog's status page reports a problem (summary), or reports it over (none). */
  | { readonly kind: 'platform'; readonly at: number; readonly summary?: string }
  | { readonly kind: 'relapsed'; readonly at: number; readonly afterMs: number }
  /** Each resolution; a relapse reopens the incident, so one story may hold several. */
  | { readonly kind: 'recovered'; readonly at: number };

interface Storied {
  story?: StoryEntry[];
  storyDropped?: number;
}

/** Adds an entry at the end; past the cap, the oldest goes and is counted. */
export function tell(incident: Storied, entry: StoryEntry): void {
  const story = [...(incident.story ?? []), entry];
  const over = story.length - STORY_CAP;
  if (over > 0) {
    story.splice(0, over);
    incident.storyDropped = (incident.storyDropped ?? 0) + over;
  }
  incident.story = story;
}

/** A Re-check someone pressed: the card shows the latest, the story keeps each. */
export function noteRecheck(incident: Storied & { recheckedBy?: { by: string; at: number } }, by: string, at: number): void {
  incident.recheckedBy = { by, at };
  tell(incident, { kind: 'rechecked', at, by });
}
