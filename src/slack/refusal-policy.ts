import type { webApi } from '@slack/bolt';
import type { Settlement } from '../core/outbox.js';
import type { Incident, OutboxItem } from '../core/records.js';
import { fields, type Logger } from '../telemetry/log.js';
import type { Metrics } from '../telemetry/metrics.js';
import { type Backoff, backoffMs } from '../timing/backoff.js';
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

/** Transient failures (5xx, network): a second, doubling to a minute, jittered so that channels refused together come back apart. */
const TRANSIENT_BACKOFF: Backoff = { firstMs: 1000, maxMs: 60_000 };

/** What a refused call does to its item and channel; resolves to when to look at the record again (monotonic). */
export type RefusalPolicy = (number: string, item: OutboxItem, incident: Incident, channel: string, refusal: Refusal) => Promise<number>;

type Configuration = Refusal & { kind: 'configuration' };
type Transient = Refusal & { kind: 'transient' };
/** The fields of a line about the refused item: its number, incident, channel and Slack's error. */
type Fields = ReturnType<typeof fields>;

/**
 * What a refused Slack call does to its effect and its channel: transient failures back off,
 * Retry-After is honoured up to a cap, a message Slack cannot take is drawn compact once and
 * dropped only then, a deleted card is posted afresh, and a refusal a person must fix holds the
 * channel — everything stays queued, the bot tries to join a public channel, and says so once.
 */
export function createRefusalPolicy(options: RefusalPolicyOptions): RefusalPolicy {
  const { logger, metrics, mono, store } = options;
  const hold = createHold(options);

  /** A refusal that may pass: Retry-After as Slack asks (up to the cap), else the backoff of the item's attempts. */
  const transientWait = (number: string, item: OutboxItem, channel: string, refusal: Transient, about: Fields): number => {
    if (refusal.retryAfterMs !== undefined) {
      const wait = Math.min(refusal.retryAfterMs, options.maxRetryAfterMs);
      if (wait < refusal.retryAfterMs)
        logger.warn(
          `Slack asked to wait ${Math.round(refusal.retryAfterMs / 1000)} s on ${channel}; waiting ${wait / 1000} s instead`,
          about,
        );
      else logger.info(`Slack rate-limited ${channel}: waiting ${Math.round(wait / 1000)} s`, about);
      options.waitChannel(channel, mono() + wait);
      return mono() + wait;
    }
    const wait = backoffMs(TRANSIENT_BACKOFF, item.attempts + 1);
    (item.attempts >= 2 ? logger.warn : logger.info)(
      `Slack ${item.effect.kind} for ${number} failed (${refusal.error}); retrying in ${Math.round(wait / 1000)} s`,
      about,
    );
    return mono() + wait;
  };

  return async (number, item, incident, channel, refusal) => {
    const about = fields({ number, incident: incident.id, channel, code: refusal.error });
    metrics?.inc('wa_health_slack_calls_total', { method: METHOD_OF[item.effect.kind], effect: item.effect.kind, outcome: refusal.kind });
    switch (refusal.kind) {
      case 'card-gone':
        // Someone deleted the card: post a fresh one that carries the latest state.
        await store(number, item.seq, { kind: 'card-gone' });
        return mono();
      case 'content':
        if (!item.compact) {
          logger.warn(`Slack refused ${item.effect.kind} for ${incident.id} as drawn (${refusal.error}); sending a compact one`, about);
          await store(number, item.seq, { kind: 'compact', error: refusal.error });
          return mono();
        }
        logger.error(`Slack refused ${item.effect.kind} for incident ${incident.id} even compact (${refusal.error}). Dropped.`, about);
        await store(number, item.seq, { kind: 'drop' });
        return mono();
      case 'configuration':
        await store(number, item.seq, { kind: 'retry', error: refusal.error });
        return hold(channel, refusal, about);
      case 'transient':
        await store(number, item.seq, { kind: 'retry', error: refusal.error });
        return transientWait(number, item, channel, refusal, about);
    }
  };
}

/** A refusal a person must fix: keep the effect, try to join a public channel once, wait with backoff, say so once per cause. */
function createHold(options: RefusalPolicyOptions): (channel: string, refusal: Configuration, about: Fields) => Promise<number> {
  const { client, holds, logger, metrics, mono } = options;
  const joinTried = new Set<string>();

  /** Tells a person where they will see it that a number's own channel refuses the bot. */
  const notice = async (channel: string, cause: string) => {
    if (channel === options.defaultChannel || channel === WORKSPACE || holds.of(options.defaultChannel)) return;
    const text =
      `:warning: I cannot post to <#${channel}>: ${cause}${hintFor(cause)}. ` +
      'Its incident cards and updates are kept and go out once that is fixed.';
    await client.chat.postMessage({ channel: options.defaultChannel, text }).catch((error: unknown) => {
      logger.warn(`could not post the notice about ${channel} to ${options.defaultChannel}`, error, fields({ channel }));
    });
  };

  return async (channel, refusal, about) => {
    if (refusal.error === 'not_in_channel' && !joinTried.has(channel)) {
      joinTried.add(channel);
      // A public channel can be joined without an invitation (channels:join); a private one cannot.
      const joined = await client.conversations.join({ channel }).then(
        () => true,
        () => false,
      );
      if (joined) {
        logger.info(`joined channel ${channel} to post there`, fields({ channel }));
        return mono();
      }
    }
    const scope = refusal.scope === 'workspace' ? WORKSPACE : channel;
    const { newCause, hold } = holds.refuse(scope, refusal.error, mono());
    metrics?.set('wa_health_slack_held_channels', holds.size);
    if (newCause) {
      logger.error(
        `Slack refuses ${scope === WORKSPACE ? 'the bot' : `channel ${channel}`}: ` +
          `${refusal.error}${hintFor(refusal.error)}. Nothing is dropped; retrying.`,
        about,
      );
      await notice(channel, refusal.error);
    }
    return hold.until;
  };
}
