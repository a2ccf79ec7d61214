import { isGroupId } from '../core/grouping.js';
import { nextItem, worthOf } from '../core/outbox.js';
import type { NumberRecord } from '../core/records.js';

/** A new incident's card not yet on its way: held until grouping decides who speaks for it. */
const hasNewCard = (record: NumberRecord) =>
  record.outbox.some((i) => i.effect.kind === 'post-card' && i.inFlightSince === undefined) && !record.incident?.card;

/**
 * Tells the notifier which records have Slack effects to deliver, except a number's new card: that
 * waits for the next grouping, since a group card may speak for the number instead. A pass under way
 * holds its new cards until its own grouping at the end, so a pass's outage becomes one group card.
 */
export interface HeldPosts {
  /** A record settled: its next effect goes to the notifier now, or (a number's new card) waits. */
  settled(number: string, after: NumberRecord | undefined): void;
  /** Runs a poll pass; cards stay held while any pass runs. */
  during<T>(pass: () => Promise<T>): Promise<T>;
  /** Grouping has decided: the held cards go to the notifier, unless a pass is still under way. */
  release(): void;
}

export function createHeldPosts(onChange: (number: string, worth?: number) => void): HeldPosts {
  const held = new Set<string>();
  let passes = 0;
  return {
    settled(number, after) {
      if (!after || after.outbox.length === 0) return;
      if (!isGroupId(number) && hasNewCard(after)) held.add(number);
      else {
        const next = nextItem(after);
        onChange(number, next ? worthOf(next) : undefined);
      }
    },
    async during(pass) {
      passes += 1;
      try {
        return await pass();
      } finally {
        passes -= 1;
      }
    },
    release() {
      if (passes > 0) return;
      // A new card is worth most.
      for (const number of held) onChange(number, 0);
      held.clear();
    },
  };
}
