/**
 * 360dialog webhooks in both generations, reduced to what the bot counts:
 * - Cloud API (Meta's payload, forwarded unchanged):
 *   {"object": "whatsapp_business_account", "entry": [{"changes": [{"value": {
 *     "metadata": {"display_phone_number", "phone_number_id"}, "statuses": [...], "errors": [...]}}]}]}
 * - On-Premise: {"statuses": [...], "errors": [...]} at the top level.
 * Unknown fields are ignored; anything malformed is skipped, never thrown.
 */
import { createHash } from 'node:crypto';
import { type AccountSignal, SIGNAL_FIELDS, signalOf } from './account-signals.js';
import { isObject, type Json, text } from './signal-kit.js';

export interface WebhookError {
  readonly code: number | undefined;
  readonly title: string;
  readonly details?: string;
}

export interface WebhookEvent {
  /**
   * A message status (sent, delivered, read, failed …), an error not tied to one message, or an
   * account signal (a WABA field such as phone_number_quality_update): applied at once, never counted.
   */
  readonly kind: 'status' | 'error' | 'signal';
  readonly signal?: AccountSignal;
  /** The message id (wamid) of a status. */
  readonly id?: string;
  readonly status?: string;
  /** When it happened per the payload (ms), or when it arrived if the payload does not say. */
  readonly at: number;
  readonly phoneDigits?: string;
  readonly phoneNumberId?: string;
  readonly errors: readonly WebhookError[];
  /**
   * For an event without a message id (an error tied to no message: On-Premise's top-level `errors`,
   * Cloud's `value.errors`): which payload it came in, in which delivery, and where in it. Such an error
   * has no id and no time of its own, so each delivery of it counts (aggregator.ts).
   */
  readonly payload?: string;
}

const list = (v: unknown): Json[] => (Array.isArray(v) ? v.filter(isObject) : []);

export const digitsOf = (phone: string): string => phone.replace(/\D/g, '');

function errorsOf(v: unknown): WebhookError[] {
  return list(v).map((e) => {
    const code = Number(e.code);
    const details = text((e.error_data as Json | undefined)?.details) ?? text(e.details);
    return {
      code: Number.isInteger(code) ? code : undefined,
      title: text(e.title) ?? text(e.message) ?? '',
      ...(details ? { details } : {}),
    };
  });
}

/** Meta sends Unix seconds as a string; milliseconds are tolerated, and nothing may lie in the future. */
function timeOf(v: unknown, receivedAt: number): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) return receivedAt;
  return Math.min(n > 1e11 ? n : n * 1000, receivedAt);
}

interface Where {
  readonly phoneDigits?: string;
  readonly phoneNumberId?: string;
  /** The payload's hash (computed once, only if an event needs it) and where this part sits in it. */
  readonly payload: () => string;
  readonly path: string;
}

function eventsOf(value: Json, receivedAt: number, where: Where): WebhookEvent[] {
  const { payload, path, ...phone } = where;
  const statuses = list(value.statuses).map((s, i): WebhookEvent => {
    const id = text(s.id);
    const status = text(s.status);
    return {
      kind: 'status',
      ...(id ? { id } : { payload: `${payload()}/${path}s${i}` }),
      ...(status ? { status: status.toLowerCase() } : {}),
      at: timeOf(s.timestamp, receivedAt),
      ...phone,
      // Most statuses carry no errors: no list to filter and map then.
      errors: s.errors === undefined ? [] : errorsOf(s.errors),
    };
  });
  const errors = errorsOf(value.errors).map(
    (error, i): WebhookEvent => ({ kind: 'error', at: receivedAt, ...phone, errors: [error], payload: `${payload()}/${path}e${i}` }),
  );
  return [...statuses, ...errors];
}

/** 96 bits of SHA-256 over the body as parsed: a fixed-size stand-in, whatever the body's size. */
function payloadHash(body: Json): () => string {
  let hash: string | undefined;
  return () => {
    hash ??= createHash('sha256').update(JSON.stringify(body)).digest('base64url').slice(0, 16);
    return hash;
  };
}

/**
 * Fields whose value may hold message statuses and errors: messages, standby (the same shapes while Meta
 * Business Agent holds a conversation) and a change that names no field. History, echoes, app state sync,
 * user preferences and handovers are conversation traffic: their contents (history's own `errors`
 * included) say nothing about whether the number can send.
 */
const MESSAGE_FIELDS = new Set(['messages', 'standby']);

/**
 * A change's field. Meta's own examples put it beside `value` (the documented place), inside `value`, or
 * on the entry (account_update PARTNER_APP_INSTALLED / _UNINSTALLED): each is read, in that order.
 */
const fieldOf = (entry: Json, change: Json): string | undefined =>
  text(change.field) ?? (isObject(change.value) ? text(change.value.field) : undefined) ?? text(entry.field);

/**
 * One change read as a signal; a change its reader cannot take (a value no rule foresaw) is that change lost,
 * never the rest of the delivery, which 360dialog will not send again once it was answered 200.
 */
function signalOrNothing(...args: Parameters<typeof signalOf>): ReturnType<typeof signalOf> | undefined {
  try {
    return signalOf(...args);
  } catch {
    return undefined;
  }
}

function cloudEvents(body: Json, receivedAt: number, payload: () => string): WebhookEvent[] {
  return list(body.entry).flatMap((entry, e) =>
    list(entry.changes).flatMap((change, c): WebhookEvent[] => {
      const value = change.value;
      const field = fieldOf(entry, change);
      if (field && SIGNAL_FIELDS.has(field)) {
        const signal = signalOrNothing(field, value, text(entry.id), entry.time);
        return signal ? [{ kind: 'signal', at: timeOf(entry.time, receivedAt), errors: [], signal }] : [];
      }
      if (!isObject(value) || (field !== undefined && !MESSAGE_FIELDS.has(field))) return [];
      const metadata = isObject(value.metadata) ? value.metadata : {};
      const display = text(metadata.display_phone_number);
      const id = text(metadata.phone_number_id);
      return eventsOf(value, receivedAt, {
        ...(display ? { phoneDigits: digitsOf(display) } : {}),
        ...(id ? { phoneNumberId: id } : {}),
        payload,
        path: `${e}.${c}`,
      });
    }),
  );
}

/**
 * `delivery` names this HTTP delivery (the receiver gives each its own); without one, the arrival time
 * stands for it. An error tied to no message is known by payload and delivery: the same delivery handed
 * over twice counts once, every further delivery of the same error counts again (aggregator.ts).
 */
export function parseWebhook(body: unknown, receivedAt: number, delivery: string = String(receivedAt)): WebhookEvent[] {
  // Some of Meta's pages print a delivery inside a list; each envelope in it is read as its own.
  if (Array.isArray(body)) return body.flatMap((one, i) => parseWebhook(one, receivedAt, `${delivery}.${i}`));
  if (!isObject(body)) return [];
  const hash = payloadHash(body);
  const payload = () => `${hash()}@${delivery}`;
  if (Array.isArray(body.entry)) return cloudEvents(body, receivedAt, payload);
  return eventsOf(body, receivedAt, { payload, path: '' });
}
