import type { ChannelHolds } from './channel-holds.js';

/**
 * When each channel may take its next Slack call: one call at a time, about one a second
 * (Slack's pace for chat.postMessage), nothing before a Retry-After or a hold ends. Times are
 * monotonic milliseconds; a step of the wall clock neither stalls nor rushes a channel.
 */
export class ChannelPacing {
  /** Per channel: when the next call may go (pacing, Retry-After). */
  readonly #free = new Map<string, number>();
  /** Channels with a call in flight. */
  readonly #busy = new Set<string>();

  constructor(
    private readonly holds: ChannelHolds,
    readonly intervalMs: number,
  ) {}

  /** When the channel may take its next call: pacing, Retry-After and holds together. */
  readyAt(channel: string): number {
    return Math.max(this.#free.get(channel) ?? Number.NEGATIVE_INFINITY, this.holds.of(channel)?.until ?? 0);
  }

  /** A call to the channel is about to go: the next waits an interval. */
  spend(channel: string, now: number): void {
    this.#free.set(channel, now + this.intervalMs);
  }

  /** Slack asked to wait (Retry-After): nothing goes to the channel before `until`. */
  waitUntil(channel: string, until: number): void {
    this.#free.set(channel, until);
  }

  isBusy(channel: string): boolean {
    return this.#busy.has(channel);
  }

  occupy(channel: string): void {
    this.#busy.add(channel);
  }

  release(channel: string): void {
    this.#busy.delete(channel);
  }
}

/** The delivery loop's sleep: until its time comes, or until something new may be due (`ring`). */
export function createAlarm(): { sleep(ms: number): Promise<void>; ring(): void } {
  let wake: (() => void) | undefined;
  return {
    async sleep(ms) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, ms);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = undefined;
    },
    ring: () => wake?.(),
  };
}
