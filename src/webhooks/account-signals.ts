import { createHash } from 'node:crypto';
import type { Finding } from '../core/observation.js';
import { isObject, type Json, type Mapped } from './signal-kit.js';
import { accountAlert, accountReview, accountUpdate } from './signals-account.js';
import { capabilityUpdate, nameUpdate, paymentConfiguration, qualityUpdate, securityEvent } from './signals-number.js';
import { templateCategory, templateQuality, templateStatus } from './signals-templates.js';

/**
 * Meta's WABA webhook fields that warn before (or as) messages fail, read from the Cloud envelope
 * (`entry[].changes[] = {field, value}`, `entry[].id` = the WABA id) into typed signals. A signal is one
 * event: it raises findings and/or names conditions it reports ended (`clears`). Which event means what,
 * with its page, is in signals-account.ts, signals-templates.ts and signals-number.ts.
 */
export interface AccountSignal {
  readonly field: string;
  readonly wabaId?: string;
  readonly phoneDigits?: string;
  /** Hash of the change and its time: a redelivered event is applied once, the same event on a later day again. */
  readonly hash: string;
  readonly findings: readonly Finding[];
  readonly clears: readonly string[];
  /** For business_capability_update: the portfolio's daily limit, compared by the caller with the last one. */
  readonly portfolioLimit?: string;
  /** For a change that only ends conditions: what happened, in words (the card's last-check line says it). */
  readonly note?: string;
  /** Conditions with an announced end (ms): the router ends each when its time has passed. */
  readonly expires?: ReadonlyArray<{ readonly key: string; readonly at: number }>;
}

const MAPPERS: Record<string, (v: Json) => Mapped> = {
  phone_number_quality_update: qualityUpdate,
  phone_number_name_update: nameUpdate,
  message_template_status_update: templateStatus,
  message_template_quality_update: templateQuality,
  template_category_update: templateCategory,
  account_update: accountUpdate,
  account_review_update: accountReview,
  account_alerts: accountAlert,
  business_capability_update: capabilityUpdate,
  security: securityEvent,
  payment_configuration_update: paymentConfiguration,
};

/**
 * Every field read as an account signal. Other WABA fields are ordinary traffic or set-up news and never
 * alarm: message_template_components_update, partner_solutions, history, smb_app_state_sync,
 * smb_message_echoes, user_preferences, messaging_handovers (parse.ts reads message statuses and errors
 * only from messages, standby and On-Premise bodies).
 */
export const SIGNAL_FIELDS: ReadonlySet<string> = new Set(Object.keys(MAPPERS));

/** The signal in one change of the Cloud envelope, or undefined for a change that carries none. */
export function signalOf(field: string, value: unknown, wabaId: string | undefined, time?: unknown): AccountSignal | undefined {
  const map = MAPPERS[field];
  if (!map || !isObject(value)) return undefined;
  const mapped = map(value);
  if (mapped.findings.length === 0 && mapped.clears.length === 0 && mapped.portfolioLimit === undefined) return undefined;
  // The entry's time is part of the event: Meta sends the same value again for a second pause lifted, days later.
  const hash = createHash('sha256')
    .update(JSON.stringify([wabaId, field, time ?? null, value]))
    .digest('hex')
    .slice(0, 32);
  return {
    field,
    ...(wabaId ? { wabaId } : {}),
    ...(mapped.phone ? { phoneDigits: mapped.phone.replace(/\D/g, '') } : {}),
    hash,
    findings: mapped.findings,
    clears: mapped.clears,
    ...(mapped.portfolioLimit ? { portfolioLimit: mapped.portfolioLimit } : {}),
    ...(mapped.note ? { note: mapped.note } : {}),
    ...(mapped.expires ? { expires: mapped.expires } : {}),
  };
}
