import type { webApi } from '@slack/bolt';
import type { Settlement } from '../core/outbox.js';
import type { Incident, OutboxItem } from '../core/records.js';
import type { Logger } from '../telemetry/log.js';
import type { Metrics } from '../telemetry/metrics.js';
import { type ChannelHolds, WORKSPACE } from './channel-holds.js';
import { METHOD_OF } from './delivery.js';
import { hintFor, type Refusal } from './refusals.js';

export interface RefusalPolicyOptions {
  readonly client: webApi.WebClient;
  readonly holds: ChannelHolds;
  readonly logger: Logger;
  readonly metrics?: Metrics;
  readonly defaultChannel: string;
  readonly maxRetryAfterMs: number;
  readonly mono: () => number;
  /** Settles the item in the store. */
  readonly store: (number: string, seq: number, outcome: Settlement) => Promise<unknown>;
  /** Nothing goes to the channel before this monotonic time (Retry-After). */
  readonly waitChannel: (channel: string, until: number) => void;
}

const MAX_BACKOFF_MS = 60_000;
const backoff = (attempts: number) => Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.max(0, attempts - 1));

/**
 * What a refused Slack call does to its effect and its channel: transient failures back off,
 * Retry-After is honoured up to a cap, a message Slack cannot take is drawn compact once and
 * dropped only then, a deleted card is posted afresh, and a refusal a person must fix holds the
 * channel — everything stays queued, the bot tries to join a public channel, and says so once.
 * Returns when to look at the record again (monotonic).
 */
export function createRefusalPolicy(options: RefusalPolicyOptions) {
  const { client, holds, logger, metrics, mono, store } = options;
  const maxRetryAfter = options.maxRetryAfterMs;
  const joinTried = new Set<string>();

  /** Tells a person where they will see it that a number's own channel refuses the bot. */
  const notice = async (channel: string, cause: string) => {
    if (channel === options.defaultChannel || channel === WORKSPACE || holds.of(options.defaultChannel)) return;
    const text =
      `:warning: I cannot post to <#${channel}>: ${cause}${hintFor(cause)}. ` +
      'Its incident cards and updates are kept and go out once that is fixed.';
    await client.chat.postMessage({ channel: options.defaultChannel, text }).catch((error: unknown) => {
      logger.warn(`could not post the notice about ${channel} to ${options.defaultChannel}`, error);
    });
  };

  /** A refusal a person must fix: keep the effect, wait with backoff, and say so once per cause. */
  const hold = async (channel: string, refusal: Refusal & { kind: 'configuration' }): Promise<number> => {
    if (refusal.error === 'not_in_channel' && !joinTried.has(channel)) {
      joinTried.add(channel);
      // A public channel can be joined without an invitation (channels:join); a private one cannot.
      const joined = await client.conversations.join({ channel }).then(
        () => true,
        () => false,
      );
      if (joined) {
        logger.info(`joined channel ${channel} to post there`);
        return mono();
      }
    }
    const scope = refusal.scope === 'workspace' ? WORKSPACE : channel;
    const { newCause, hold: held } = holds.refuse(scope, refusal.error, mono());
    metrics?.set('wa_health_slack_held_channels', holds.size);
    if (newCause) {
      logger.error(
        `Slack refuses ${scope === WORKSPACE ? 'the bot' : `channel ${channel}`}: ` +
          `${refusal.error}${hintFor(refusal.error)}. Nothing is dropped; retrying.`,
      );
      await notice(channel, refusal.error);
    }
    return held.until;
  };

  /** What a refused call does to the item and the channel; returns when to look at the record again. */
  const refused = async (number: string, item: OutboxItem, incident: Incident, channel: string, refusal: Refusal): Promise<number> => {
    metrics?.inc('wa_health_slack_calls_total', { method: METHOD_OF[item.effect.kind], effect: item.effect.kind, outcome: refusal.kind });
    switch (refusal.kind) {
      case 'card-gone':
        // Someone deleted the card: post a fresh one that carries the latest state.
        await store(number, item.seq, { kind: 'card-gone' });
        return mono();
      case 'content':
        if (!item.compact) {
          logger.warn(`Slack refused ${item.effect.kind} for ${incident.id} as drawn (${refusal.error}); sending a compact one`);
          await store(number, item.seq, { kind: 'compact', error: refusal.error });
          return mono();
        }
        logger.error(`Slack refused ${item.effect.kind} for incident ${incident.id} even compact (${refusal.error}). Dropped.`);
        await store(number, item.seq, { kind: 'drop' });
        return mono();
      case 'configuration': {
        await store(number, item.seq, { kind: 'retry', error: refusal.error });
        return hold(channel, refusal);
      }
      case 'transient': {
        await store(number, item.seq, { kind: 'retry', error: refusal.error });
        if (refusal.retryAfterMs !== undefined) {
          const wait = Math.min(refusal.retryAfterMs, maxRetryAfter);
          if (wait < refusal.retryAfterMs)
            logger.warn(`Slack asked to wait ${Math.round(refusal.retryAfterMs / 1000)} s on ${channel}; waiting ${wait / 1000} s instead`);
          else logger.info(`Slack rate-limited ${channel}: waiting ${Math.round(wait / 1000)} s`);
          options.waitChannel(channel, mono() + wait);
          return mono() + wait;
        }
        const wait = backoff(item.attempts + 1);
        (item.attempts >= 2 ? logger.warn : logger.info)(
          `Slack ${item.effect.kind} for ${number} failed (${refusal.error}); retrying in ${Math.round(wait / 1000)} s`,
        );
        return mono() + wait;
      }
    }
  };

  return refused;
}
