/**
 * 360dialog webhooks in both generations, reduced to what the bot counts:
 * - Cloud API (Meta's payload, forwarded unchanged):
 *   {"object": "whatsapp_business_account", "entry": [{"changes": [{"value": {
 *     "metadata": {"display_phone_number", "phone_number_id"}, "statuses": [...], "errors": [...]}}]}]}
 * - On-Premise: {"statuses": [...], "errors": [...]} at the top level.
 * Unknown fields are ignored; anything malformed is skipped, never thrown.
 */
import { type AccountSignal, SIGNAL_FIELDS, signalOf } from './account-signals.js';

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
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): Json[] => (Array.isArray(v) ? v.filter(isObject) : []);
const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : undefined);

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

function eventsOf(value: Json, receivedAt: number, where: { phoneDigits?: string; phoneNumberId?: string }): WebhookEvent[] {
  const statuses = list(value.statuses).map((s): WebhookEvent => {
    const id = text(s.id);
    const status = text(s.status);
    return {
      kind: 'status',
      ...(id ? { id } : {}),
      ...(status ? { status: status.toLowerCase() } : {}),
      at: timeOf(s.timestamp, receivedAt),
      ...where,
      // Most statuses carry no errors: no list to filter and map then.
      errors: s.errors === undefined ? [] : errorsOf(s.errors),
    };
  });
  const errors = errorsOf(value.errors).map((error): WebhookEvent => ({ kind: 'error', at: receivedAt, ...where, errors: [error] }));
  return [...statuses, ...errors];
}

export function parseWebhook(body: unknown, receivedAt: number): WebhookEvent[] {
  if (!isObject(body)) return [];
  if (Array.isArray(body.entry)) {
    return list(body.entry).flatMap((entry) =>
      list(entry.changes).flatMap((change): WebhookEvent[] => {
        const value = change.value;
        const field = text(change.field);
        if (field && SIGNAL_FIELDS.has(field)) {
          const signal = signalOf(field, value, text(entry.id));
          return signal ? [{ kind: 'signal', at: timeOf(entry.time, receivedAt), errors: [], signal }] : [];
        }
        if (!isObject(value)) return [];
        const metadata = isObject(value.metadata) ? value.metadata : {};
        const display = text(metadata.display_phone_number);
        const id = text(metadata.phone_number_id);
        return eventsOf(value, receivedAt, {
          ...(display ? { phoneDigits: digitsOf(display) } : {}),
          ...(id ? { phoneNumberId: id } : {}),
        });
      }),
    );
  }
  return eventsOf(body, receivedAt, {});
}
