import type { Claims } from '../store/claims.js';
import type { Logger } from '../telemetry/log.js';

/**
 * Slack delivers at least once: an event it thinks went unacknowledged comes again (`retry_attempt` ≥ 1,
 * the same `event_id`), and around a Socket Mode reconnect an envelope may arrive on two connections.
 * `once(body)` is true for the first delivery of a thing and false for every repeat, on any replica.
 */
export type Once = (body: unknown) => Promise<boolean>;

/** A redelivery may come minutes later (Slack retries events for about five); an hour covers every retry. */
export const ONCE_TTL_MS = 60 * 60_000;

interface Delivery {
  readonly type?: unknown;
  readonly event_id?: unknown;
  readonly trigger_id?: unknown;
  readonly user?: { readonly id?: unknown } | unknown;
  readonly user_id?: unknown;
  readonly actions?: ReadonlyArray<{ readonly action_ts?: unknown }> | unknown;
}

const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);

/** What makes one delivery the same as another: the event's id, or the click's trigger (else its time and who clicked). */
export function deliveryKey(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const b = body as Delivery;
  const eventId = text(b.event_id);
  if (eventId) return `event:${eventId}`;
  const trigger = text(b.trigger_id);
  if (trigger) return `trigger:${trigger}`;
  const action = Array.isArray(b.actions) ? text((b.actions[0] as { action_ts?: unknown } | undefined)?.action_ts) : undefined;
  const user = text((b.user as { id?: unknown } | undefined)?.id) ?? text(b.user_id);
  return action && user ? `action:${action}:${user}` : undefined;
}

export function createOnce(claims: Claims | undefined, logger: Logger): Once {
  return async (body) => {
    const key = deliveryKey(body);
    if (!key || !claims) return true;
    try {
      const first = await claims.claim(key);
      if (!first) logger.info(`skipped a delivery Slack made again (${key}): it was acted on once already`);
      return first;
    } catch (error) {
      // A click nobody acts on is worse than one acted on twice: a store that cannot record the claim does not stop it.
      logger.warn(`could not record that ${key} was acted on; acting on it anyway`, error);
      return true;
    }
  };
}
