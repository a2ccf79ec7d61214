import type { ChannelHolds, Hold } from './channel-holds.js';
import { hintFor } from './refusals.js';

/**
 * Whether Slack delivery is healthy now, for /readyz: the channels Slack refuses (held), or else
 * the refusal of the last call. Any accepted call clears the last refusal and ends the holds of
 * its channel and of the workspace.
 */
export class DeliveryHealth {
  #lastRefusal: string | undefined;

  constructor(private readonly holds: ChannelHolds) {}

  refused(error: string): void {
    this.#lastRefusal = error;
  }

  /** Slack accepted a call to the channel; returns the holds that ended. */
  accepted(channel: string): Hold[] {
    this.#lastRefusal = undefined;
    return this.holds.accept(channel);
  }

  /** Why delivery is not healthy now; empty when fine. */
  problems(): string[] {
    const reasons = this.holds.reasons();
    if (this.#lastRefusal !== undefined && reasons.length === 0)
      reasons.push(`the last Slack call failed: ${this.#lastRefusal}${hintFor(this.#lastRefusal)}`);
    return reasons;
  }
}
