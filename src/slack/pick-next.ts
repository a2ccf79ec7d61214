/**
 * What the notifier sends next, decided from what waits — no I/O, no clock of its own, so each rule is
 * a unit test. Per channel that is free: the ready record whose next item is worth most (outbox
 * `worthOf`, lowest first: a new card before an edit before a reminder), then the one waiting longest;
 * and the channel's reminder digest once it is due and nothing else goes there in the same round.
 */

export interface Waiting {
  /** Channels with records waiting: each record and the earliest monotonic time its next item may go. */
  readonly due: Iterable<readonly [string, ReadonlyMap<string, number>]>;
  /** What a record's next item is worth: lower goes first. */
  worthOf(number: string): number;
  /** Channels with reminders gathered, and when their digest may go. */
  readonly digests: Iterable<readonly [string, number]>;
  /** A call to the channel is in flight: it takes no other. */
  isBusy(channel: string): boolean;
  /** When the channel may take its next call (pacing, Retry-After, holds). */
  readyAt(channel: string): number;
}

export interface Choice {
  /** One record per channel, to deliver now. */
  readonly deliveries: ReadonlyArray<{ readonly channel: string; readonly number: string }>;
  /** Channels whose reminder digest goes now. */
  readonly digests: readonly string[];
  /** When something not ready now becomes ready; Infinity when nothing waits on time. */
  readonly wakeAt: number;
}

/** The record of one channel to deliver now, or when the earliest one becomes ready. */
function bestOf(records: ReadonlyMap<string, number>, worthOf: (number: string) => number, at: number) {
  let chosen: { number: string; worth: number; when: number } | undefined;
  let wakeAt = Number.POSITIVE_INFINITY;
  for (const [number, when] of records) {
    if (when > at) {
      wakeAt = Math.min(wakeAt, when);
      continue;
    }
    const worth = worthOf(number);
    if (!chosen || worth < chosen.worth || (worth === chosen.worth && when < chosen.when)) chosen = { number, worth, when };
  }
  return { number: chosen?.number, wakeAt };
}

export function pickNext(waiting: Waiting, at: number): Choice {
  let wakeAt = Number.POSITIVE_INFINITY;
  const deliveries: Array<{ channel: string; number: string }> = [];
  const taken = new Set<string>();
  for (const [channel, records] of waiting.due) {
    if (waiting.isBusy(channel)) continue;
    const free = waiting.readyAt(channel);
    if (free > at) {
      wakeAt = Math.min(wakeAt, free);
      continue;
    }
    const best = bestOf(records, (n) => waiting.worthOf(n), at);
    wakeAt = Math.min(wakeAt, best.wakeAt);
    if (best.number === undefined) continue;
    deliveries.push({ channel, number: best.number });
    taken.add(channel);
  }
  const digests: string[] = [];
  for (const [channel, dueAt] of waiting.digests) {
    // A channel busy now, or about to be with a delivery of this round, is looked at again when that ends.
    if (taken.has(channel) || waiting.isBusy(channel)) continue;
    const ready = Math.max(dueAt, waiting.readyAt(channel));
    if (ready <= at) digests.push(channel);
    else wakeAt = Math.min(wakeAt, ready);
  }
  return { deliveries, digests, wakeAt };
}
