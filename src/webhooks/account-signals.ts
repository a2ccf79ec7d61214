import { createHash } from 'node:crypto';
import type { Finding } from '../core/observation.js';
import { tierSize } from '../core/tiers.js';
import { clip } from '../text/clip.js';

/**
 * Meta's WABA webhook fields that warn before messages fail, read from the Cloud envelope
 * (`entry[].changes[] = {field, value}`, `entry[].id` = the WABA id) into typed signals.
 * A signal is one event: it raises findings and/or names entries it reports fine again (`clears`).
 */
export interface AccountSignal {
  readonly field: string;
  readonly wabaId?: string;
  readonly phoneDigits?: string;
  /** Hash of the change itself: a redelivered event is applied once. */
  readonly hash: string;
  readonly findings: readonly Finding[];
  readonly clears: readonly string[];
  /** For business_capability_update: the portfolio's daily limit, compared by the caller with the last one. */
  readonly portfolioLimit?: string;
}

export const SIGNAL_FIELDS = new Set([
  'phone_number_quality_update',
  'account_update',
  'account_alerts',
  'message_template_status_update',
  'message_template_quality_update',
  'business_capability_update',
]);

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : undefined);
const upper = (v: unknown): string => text(v)?.toUpperCase() ?? '';

const TEMPLATE_IDS = ['signal-template-paused', 'signal-template-disabled', 'signal-template-rejected'];
const TEMPLATE_QUALITY_IDS = ['signal-template-quality-yellow', 'signal-template-quality-red'];

const finding = (entryId: string, code: string, severity: Finding['severity'], detail: string): Finding => ({
  entryId,
  code,
  severity,
  detail: clip(detail, 300),
});
type Mapped = { findings: Finding[]; clears: string[]; phone?: string; portfolioLimit?: string };

function qualityUpdate(v: Json): Mapped {
  const event = upper(v.event);
  // current_limit and old_limit go away in February 2026; max_daily_conversations_per_business replaces current_limit.
  const limit = text(v.max_daily_conversations_per_business) ?? text(v.current_limit);
  const old = text(v.old_limit);
  const [now, before] = [tierSize(limit), tierSize(old)];
  const lowered = event === 'DOWNGRADE' || (now !== undefined && before !== undefined && now < before);
  const raised = event === 'UPGRADE' || (now !== undefined && before !== undefined && now > before);
  const out: Mapped = { findings: [], clears: [], ...(text(v.display_phone_number) ? { phone: text(v.display_phone_number) } : {}) };
  if (event === 'FLAGGED')
    out.findings.push(finding('signal-quality-flagged', 'FLAGGED', 'warning', `quality flagged; limit ${limit ?? '?'}`));
  if (event === 'UNFLAGGED') out.clears.push('signal-quality-flagged');
  if (lowered)
    out.findings.push(finding('signal-limit-lowered', 'DOWNGRADE', 'warning', `messaging limit ${old ?? '?'} → ${limit ?? '?'}`));
  else if (raised) out.clears.push('signal-limit-lowered');
  return out;
}

/**
 * Each template's pause, disable, rejection and quality is its own condition (`<entry>@<template id>`),
 * so approving one template leaves another's pause standing. Records written before conditions were
 * keyed per template hold the bare entry id: any template's improvement clears that one too.
 */
function templateOf(v: Json): { key: (entryId: string) => string; name: string } {
  const id = text(v.message_template_id);
  const language = text(v.message_template_language) ?? '?';
  const name = `${text(v.message_template_name) ?? `template ${id ?? '?'}`} (${language})`;
  const which = id ?? `${text(v.message_template_name) ?? '?'}/${language}`;
  return { key: (entryId) => `${entryId}@${which}`, name };
}
const clearsOf = (ids: readonly string[], key: (entryId: string) => string) => [...ids.map(key), ...ids];

function templateStatus(v: Json): Mapped {
  const event = upper(v.event);
  const info = isObject(v.other_info) ? v.other_info : {};
  const { key, name } = templateOf(v);
  const why = [text(v.reason), text(info.title), text(info.description)].filter((s) => s && s !== 'NONE').join(': ');
  const detail = `${name}${why ? ` — ${why}` : ''}`;
  const raise = (entryId: string, severity: Finding['severity']) => ({
    findings: [{ ...finding(entryId, event, severity, detail), key: key(entryId), subject: name }],
    clears: [],
  });
  if (event === 'PAUSED') return raise('signal-template-paused', 'warning');
  if (event === 'DISABLED') return raise('signal-template-disabled', 'critical');
  if (event === 'REJECTED') return raise('signal-template-rejected', 'warning');
  // A lifted pause arrives as APPROVED (other_info UNPAUSE) or REINSTATED.
  if (event === 'APPROVED' || event === 'REINSTATED') return { findings: [], clears: clearsOf(TEMPLATE_IDS, key) };
  return { findings: [], clears: [] };
}

function templateQuality(v: Json): Mapped {
  const score = upper(v.new_quality_score);
  const { key, name } = templateOf(v);
  const detail = `${name}: ${upper(v.previous_quality_score) || '?'} → ${score}`;
  const raise = (entryId: string, code: string, severity: Finding['severity']) => ({
    ...finding(entryId, code, severity, detail),
    key: key(entryId),
    subject: name,
  });
  if (score === 'RED') return { findings: [raise('signal-template-quality-red', 'TEMPLATE_RED', 'critical')], clears: [] };
  if (score === 'YELLOW')
    return {
      findings: [raise('signal-template-quality-yellow', 'TEMPLATE_YELLOW', 'warning')],
      clears: clearsOf(['signal-template-quality-red'], key),
    };
  if (score === 'GREEN') return { findings: [], clears: clearsOf(TEMPLATE_QUALITY_IDS, key) };
  return { findings: [], clears: [] };
}

/**
 * Meta documents one account-level improvement in account_update: DISABLED_UPDATE with waba_ban_state
 * REINSTATE ("the WABA has been reinstated"). We read it as the end of the enforcement on the WABA — the
 * ban, and the violation and restriction that led there. Meta documents no event for a restriction lifted
 * (before or at its `expiration`) or a violation resolved, so those clear only through the Partner API's
 * WABA status (approved again), or by a reinstatement. Nor is an ACCOUNT_RESTRICTION with an empty
 * restriction_info documented as a lift: it is still read as a restriction, not detailed.
 */
const REINSTATED = ['signal-account-disabled', 'signal-account-restricted', 'signal-account-violation'];

function accountUpdate(v: Json): Mapped {
  const event = upper(v.event);
  const phone = text(v.phone_number);
  const base: Mapped = { findings: [], clears: [], ...(phone ? { phone } : {}) };
  const violation = isObject(v.violation_info) ? text(v.violation_info.violation_type) : undefined;
  const restrictions = Array.isArray(v.restriction_info) ? v.restriction_info.filter(isObject) : [];
  const ban = isObject(v.ban_info) ? v.ban_info : {};
  // Meta documents waba_ban_state as a list (["SCHEDULE_FOR_DISABLE"]); a plain string is read too.
  const state = upper(Array.isArray(ban.waba_ban_state) ? ban.waba_ban_state[0] : ban.waba_ban_state);
  if (event === 'ACCOUNT_VIOLATION')
    base.findings.push(finding('signal-account-violation', event, 'critical', `violation: ${violation ?? 'type not given'}`));
  else if (event === 'ACCOUNT_RESTRICTION') {
    const what = restrictions.map((r) => `${text(r.restriction_type) ?? '?'} until ${text(r.expiration) ?? '?'}`).join('; ');
    base.findings.push(finding('signal-account-restricted', event, 'critical', what || 'restriction not detailed'));
  } else if (event === 'DISABLED_UPDATE' && state === 'REINSTATE') base.clears.push(...REINSTATED);
  else if (event === 'DISABLED_UPDATE')
    base.findings.push(
      finding('signal-account-disabled', event, 'critical', `ban state ${state || '?'} on ${text(ban.waba_ban_date) ?? '?'}`),
    );
  else if (['ACCOUNT_DELETED', 'ACCOUNT_OFFBOARDED', 'PARTNER_REMOVED'].includes(event))
    base.findings.push(finding('signal-account-offboarded', 'ACCOUNT_OFFBOARDED', 'critical', event.toLowerCase()));
  else if (event === 'ACCOUNT_RECONNECTED' || event === 'PARTNER_ADDED') base.clears.push('signal-account-offboarded');
  return base;
}

function accountAlert(v: Json): Mapped {
  const status = upper(v.alert_status);
  const what = [text(v.alert_type), text(v.alert_description)].filter(Boolean).join(': ') || 'alert not detailed';
  if (status === 'RESOLVED' || status === 'NONE') return { findings: [], clears: ['signal-account-alert'] };
  return { findings: [finding('signal-account-alert', 'ACCOUNT_ALERT', 'warning', what)], clears: [] };
}

const MAPPERS: Record<string, (v: Json) => Mapped> = {
  phone_number_quality_update: qualityUpdate,
  message_template_status_update: templateStatus,
  message_template_quality_update: templateQuality,
  account_update: accountUpdate,
  account_alerts: accountAlert,
  business_capability_update: (v) => {
    const limit = text(v.max_daily_conversations_per_business);
    return { findings: [], clears: [], ...(limit ? { portfolioLimit: limit } : {}) };
  },
};

/** The signal in one change of the Cloud envelope, or undefined for fields that carry none. */
export function signalOf(field: string, value: unknown, wabaId: string | undefined): AccountSignal | undefined {
  const map = MAPPERS[field];
  if (!map || !isObject(value)) return undefined;
  const mapped = map(value);
  if (mapped.findings.length === 0 && mapped.clears.length === 0 && mapped.portfolioLimit === undefined) return undefined;
  const hash = createHash('sha256')
    .update(JSON.stringify([wabaId, field, value]))
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
  };
}
