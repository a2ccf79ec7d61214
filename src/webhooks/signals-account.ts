import { finding, first, utcMinuteOf, isObject, type Json, keyed, type Mapped, none, text, upper } from './signal-kit.js';

/**
 * account_update, account_review_update and account_alerts: what Meta says about the WABA as a whole.
 * Pages (developers.facebook.com/documentation/business-messaging/whatsapp/…): webhooks/reference/
 * account_update, account_review_update, account_alerts; calling/call-settings (calling enforcement);
 * policy-enforcement (restrictions); embedded-signup/app-only-install (PARTNER_APP_UNINSTALLED).
 */

const VIOLATION = 'signal-account-violation';
const RESTRICTED = 'signal-account-restricted';
const DISABLED = 'signal-account-disabled';
const SCHEDULED = 'signal-account-ban-scheduled';
const OFFBOARDED = 'signal-account-offboarded';
const APP_UNINSTALLED = 'signal-partner-app-uninstalled';
const CALLING_VIOLATION = 'signal-calling-violation';
const CALLING_RESTRICTED = 'signal-calling-restricted';
const REVIEW_PENDING = 'signal-account-review-pending';
const REVIEW_REJECTED = 'signal-account-review-rejected';
const ALERT = 'signal-account-alert';

/**
 * Restriction types Meta documents (policy-enforcement; calling/call-settings). A condition is held per
 * type; a type not listed here is held under "other" so that a reinstatement, which names no types, can
 * still end it.
 */
const MESSAGING_RESTRICTIONS = [
  'RESTRICTED_BIZ_INITIATED_MESSAGING',
  'RESTRICTED_CUSTOMER_INITIATED_MESSAGING',
  'RESTRICTED_ADD_PHONE_NUMBER_ACTION',
];
const CALLING_RESTRICTIONS = [
  'RESTRICTED_BIZ_INITIATED_AND_USER_INITIATED_CALLING',
  'RESTRICTED_USER_INITIATED_CALLING_CALL_BUTTON_HIDDEN',
  'RESTRICTED_BIZ_INITIATED_CALLING',
  'RESTRICTED_USER_INITIATED_CALLING',
];
/** Calling is its own product: a restriction or violation that names calls leaves messages flowing. */
const isCalling = (type: string) => /CALL/.test(type);
const restrictionKey = (type: string): string => {
  const known = [...MESSAGING_RESTRICTIONS, ...CALLING_RESTRICTIONS].includes(type);
  return keyed(isCalling(type) ? CALLING_RESTRICTED : RESTRICTED, known ? type : 'other');
};

/** DISABLED_UPDATE REINSTATE ends the enforcement on the WABA: ban, its schedule, violations and restrictions of every type. */
const REINSTATED = [
  DISABLED,
  SCHEDULED,
  VIOLATION,
  CALLING_VIOLATION,
  RESTRICTED,
  ...[...MESSAGING_RESTRICTIONS, 'other'].map((t) => keyed(RESTRICTED, t)),
  ...[...CALLING_RESTRICTIONS, 'other'].map((t) => keyed(CALLING_RESTRICTED, t)),
];

function restrictions(v: Json): Mapped {
  const list = Array.isArray(v.restriction_info) ? v.restriction_info.filter(isObject) : [];
  const violation = isObject(v.violation_info) ? text(v.violation_info.violation_type) : undefined;
  // Meta documents no empty restriction_info; one is still a restriction, of messaging, not detailed.
  if (list.length === 0)
    return { findings: [finding(RESTRICTED, 'ACCOUNT_RESTRICTION', 'critical', 'restriction not detailed')], clears: [] };
  const expires: Array<{ key: string; at: number }> = [];
  const findings = list.map((r) => {
    const type = upper(r.restriction_type) || 'UNKNOWN';
    const until = Number(r.expiration);
    const date = utcMinuteOf(until);
    const end = date ? ` until ${date}` : '';
    const detail = `${type}${end}${violation ? ` (${violation})` : ''}`;
    const key = restrictionKey(type);
    // Meta documents no event for a restriction lifted; its expiration is the end it announced.
    if (end) expires.push({ key, at: until * 1000 });
    if (isCalling(type)) return finding(CALLING_RESTRICTED, type, 'warning', detail, { key, subject: type });
    // Adding numbers blocked: messages still flow, so it is not "down".
    const severity = type === 'RESTRICTED_ADD_PHONE_NUMBER_ACTION' ? 'warning' : 'critical';
    return finding(RESTRICTED, type, severity, detail, { key, subject: type });
  });
  return { findings, clears: [], ...(expires.length > 0 ? { expires } : {}) };
}

function banUpdate(v: Json): Mapped {
  const ban = isObject(v.ban_info) ? v.ban_info : {};
  const state = upper(first(ban.waba_ban_state));
  const date = text(ban.waba_ban_date) ?? '?';
  if (state === 'REINSTATE') return { findings: [], clears: REINSTATED, note: 'WABA reinstated' };
  // A date, not yet a ban: the warning is the deadline to act before.
  if (state === 'SCHEDULE_FOR_DISABLE')
    return { findings: [finding(SCHEDULED, state, 'warning', `WABA scheduled to be disabled (${date})`)], clears: [] };
  return { findings: [finding(DISABLED, 'DISABLED_UPDATE', 'critical', `ban state ${state || '?'} on ${date}`)], clears: [SCHEDULED] };
}

function violationOf(v: Json): Mapped {
  const info = isObject(v.violation_info) ? v.violation_info : {};
  const type = upper(info.violation_type);
  // LOW_CALLING_QUALITY, USER_INITIATED_CALLS_LOW_PICKUP_RATE: the early warning before calling is paused.
  if (isCalling(type)) return { findings: [finding(CALLING_VIOLATION, type, 'warning', `calling: ${type}`)], clears: [] };
  return { findings: [finding(VIOLATION, 'ACCOUNT_VIOLATION', 'critical', `violation: ${type || 'type not given'}`)], clears: [] };
}

/** Who removed the partner, when Meta says (disconnection_info.initiated_by: the business or the partner). */
function partnerRemoved(v: Json, event: string): Mapped {
  const by = isObject(v.disconnection_info) ? text(v.disconnection_info.initiated_by) : undefined;
  const detail = `${event.toLowerCase().replace(/_/g, ' ')}${by ? `, initiated by ${by.toLowerCase()}` : ''}`;
  return { findings: [finding(OFFBOARDED, event, 'critical', detail)], clears: [] };
}

/**
 * Every account_update event. Information only (no card): VOLUME_BASED_PRICING_TIER_UPDATE, AD_ACCOUNT_LINKED,
 * AUTH_INTL_PRICE_ELIGIBILITY_UPDATE, BUSINESS_PRIMARY_LOCATION_COUNTRY_UPDATE, MM_LITE_TERMS_SIGNED,
 * PARTNER_CLIENT_CERTIFICATION_STATUS_UPDATE — none of them changes whether messages go out.
 */
export function accountUpdate(v: Json): Mapped {
  const event = upper(v.event);
  const phone = text(v.phone_number);
  const mapped = ((): Mapped => {
    if (event === 'ACCOUNT_VIOLATION') return violationOf(v);
    if (event === 'ACCOUNT_RESTRICTION') return restrictions(v);
    if (event === 'DISABLED_UPDATE') return banUpdate(v);
    if (['ACCOUNT_DELETED', 'ACCOUNT_OFFBOARDED', 'PARTNER_REMOVED'].includes(event)) return partnerRemoved(v, event);
    if (event === 'ACCOUNT_RECONNECTED' || event === 'PARTNER_ADDED')
      return { findings: [], clears: [OFFBOARDED], note: `${event.toLowerCase().replace(/_/g, ' ')}: 360dialog has access again` };
    // The business revoked the partner app's permissions: 360dialog can no longer send for the WABA.
    if (event === 'PARTNER_APP_UNINSTALLED')
      return { findings: [finding(APP_UNINSTALLED, event, 'critical', 'the business removed the partner app from the WABA')], clears: [] };
    if (event === 'PARTNER_APP_INSTALLED') return { findings: [], clears: [APP_UNINSTALLED], note: 'partner app installed again' };
    return none();
  })();
  return { ...mapped, ...(phone ? { phone } : {}) };
}

/** account_review_update: PENDING or DEFERRED, not usable with the API yet; REJECTED, not usable; APPROVED ends both. */
export function accountReview(v: Json): Mapped {
  const decision = upper(v.decision);
  if (decision === 'APPROVED') return { findings: [], clears: [REVIEW_PENDING, REVIEW_REJECTED], note: 'WABA review approved' };
  if (decision === 'REJECTED')
    return { findings: [finding(REVIEW_REJECTED, decision, 'critical', 'WABA review rejected')], clears: [REVIEW_PENDING] };
  if (decision === 'PENDING' || decision === 'DEFERRED')
    return { findings: [finding(REVIEW_PENDING, decision, 'warning', `WABA review ${decision.toLowerCase()}`)], clears: [REVIEW_REJECTED] };
  return none();
}

/**
 * account_alerts, one condition per alert type: ACTIVE raises it (INFORMATIONAL ones, such as OBA_APPROVED,
 * need no action and raise nothing), status NONE ends that type only. Both the 2026 shape (alert_info {…})
 * and the earlier flat one are read.
 */
export function accountAlert(v: Json): Mapped {
  const info = isObject(v.alert_info) ? v.alert_info : v;
  const type = upper(info.alert_type) || 'ALERT';
  const status = upper(info.alert_status);
  const severity = upper(info.alert_severity);
  const key = keyed(ALERT, type);
  if (status === 'NONE' || status === 'RESOLVED') return { findings: [], clears: [key, ALERT], note: `account alert ${type} ended` };
  if (severity === 'INFORMATIONAL' || type === 'OBA_APPROVED') return none();
  const detail = [type, text(info.alert_description)].filter(Boolean).join(': ');
  return { findings: [finding(ALERT, 'ACCOUNT_ALERT', 'warning', detail, { key, subject: type })], clears: [] };
}
