import { backoffMs } from '../timing/backoff.js';
import { hintFor } from './refusals.js';

/** The whole workspace: a refused token stops every channel at once. */
export const WORKSPACE = '*';

export interface Hold {
  readonly cause: string;
  /** Refusals in a row: the wait doubles with each, up to the cap. */
  readonly refusals: number;
  /** Monotonic time before which nothing goes to the channel. */
  readonly until: number;
}

export interface HoldChange {
  /** A new cause (or the first): worth one ERROR line and one notice, not one per retry. */
  readonly newCause: boolean;
  readonly hold: Hold;
}

const FIRST_WAIT_MS = 5_000;
/** How much of each wait is random: many channels refused at once (a revoked token) are not all tried in the same millisecond. */
const JITTER = 0.5;

/**
 * Channels Slack refuses for a reason a person must fix (bot not invited, channel archived,
 * token revoked). Nothing queued for them is dropped: they wait, are tried again with a
 * backoff capped at `maxWaitMs`, and are reported — once per change of cause.
 */
export class ChannelHolds {
  readonly #holds = new Map<string, Hold>();
  constructor(
    readonly maxWaitMs: number,
    /** Injectable for tests of the wait. */
    private readonly random: () => number = Math.random,
  ) {}

  /** The hold in force for a channel, its own or the workspace's, whichever ends later. */
  of(channel: string): Hold | undefined {
    const own = this.#holds.get(channel);
    const all = this.#holds.get(WORKSPACE);
    if (!own) return all;
    if (!all) return own;
    return own.until >= all.until ? own : all;
  }

  refuse(scope: string, cause: string, now: number): HoldChange {
    const before = this.#holds.get(scope);
    const refusals = before ? before.refusals + 1 : 1;
    const wait = backoffMs(
      { firstMs: Math.min(FIRST_WAIT_MS, this.maxWaitMs), maxMs: this.maxWaitMs, jitter: JITTER },
      refusals,
      this.random,
    );
    const hold = { cause, refusals, until: now + wait };
    this.#holds.set(scope, hold);
    return { newCause: before?.cause !== cause, hold };
  }

  /** Slack accepted a call to the channel: its hold, and the workspace's, are over. Returns what ended. */
  accept(channel: string): Hold[] {
    const ended = [channel, WORKSPACE].flatMap((scope) => {
      const hold = this.#holds.get(scope);
      this.#holds.delete(scope);
      return hold ? [hold] : [];
    });
    return ended;
  }

  /** One line per held channel, for /readyz and the log. */
  reasons(): string[] {
    return [...this.#holds].map(([scope, hold]) =>
      scope === WORKSPACE
        ? `Slack refuses the bot: ${hold.cause}${hintFor(hold.cause)}`
        : `Slack refuses channel ${scope}: ${hold.cause}${hintFor(hold.cause)}`,
    );
  }

  get size(): number {
    return this.#holds.size;
  }
}
