import { tierSize } from '../core/tiers.js';
import { finding, keyed, type Json, type Mapped, none, text, upper } from './signal-kit.js';

/**
 * Fields about one phone number or the portfolio's capabilities. Pages (developers.facebook.com/documentation/
 * business-messaging/whatsapp/webhooks/reference/…): phone_number_quality_update, phone_number_name_update,
 * security, payment_configuration_update, business_capability_update.
 */

const phoneOf = (v: Json): Pick<Mapped, 'phone'> => {
  const phone = text(v.display_phone_number);
  return phone ? { phone } : {};
};

/**
 * phone_number_quality_update. The 2026 page documents ONBOARDING and THROUGHPUT_UPGRADE (information:
 * more throughput is good news) and the limit in max_daily_conversations_per_business; current_limit and
 * old_limit go away in February 2026. FLAGGED / UNFLAGGED / DOWNGRADE / UPGRADE still arrive from older
 * senders and keep their meaning.
 */
export function qualityUpdate(v: Json): Mapped {
  const event = upper(v.event);
  const limit = text(v.max_daily_conversations_per_business) ?? text(v.current_limit);
  const old = text(v.old_limit);
  const [now, before] = [tierSize(limit), tierSize(old)];
  const lowered = event === 'DOWNGRADE' || (now !== undefined && before !== undefined && now < before);
  const raised = event === 'UPGRADE' || (now !== undefined && before !== undefined && now > before);
  const out: Mapped = { ...none(), ...phoneOf(v) };
  if (event === 'FLAGGED')
    out.findings.push(finding('signal-quality-flagged', 'FLAGGED', 'warning', `quality flagged; limit ${limit ?? '?'}`));
  if (event === 'UNFLAGGED') out.clears.push('signal-quality-flagged');
  if (lowered)
    out.findings.push(finding('signal-limit-lowered', 'DOWNGRADE', 'warning', `messaging limit ${old ?? '?'} → ${limit ?? '?'}`));
  else if (raised) out.clears.push('signal-limit-lowered');
  if (out.findings.length === 0 && out.clears.length > 0) out.note = `quality update ${event || limit || ''}`.trim();
  return out;
}

/**
 * phone_number_name_update: a REJECTED display name is a warning (the number's name is not shown, and a
 * new number cannot be fully set up with it); APPROVED ends it; PENDING and DEFERRED are information.
 */
export function nameUpdate(v: Json): Mapped {
  const decision = upper(v.decision);
  const name = text(v.requested_verified_name) ?? '?';
  if (decision === 'APPROVED')
    return { findings: [], clears: ['signal-display-name-rejected'], note: `display name “${name}” approved`, ...phoneOf(v) };
  if (decision !== 'REJECTED') return none();
  const reason = text(v.rejection_reason);
  const detail = `display name “${name}” rejected${reason ? `: ${reason}` : ''}`;
  return { findings: [finding('signal-display-name-rejected', 'NAME_REJECTED', 'warning', detail)], clears: [], ...phoneOf(v) };
}

/**
 * security: someone asked to turn two-step verification off (PIN_RESET_REQUEST) or did (PIN_REQUEST_SUCCESS)
 * — a warning: whoever holds the number's registration can take it elsewhere. PIN_CHANGED means a PIN is set
 * again: it ends that warning.
 */
export function securityEvent(v: Json): Mapped {
  const event = upper(v.event);
  if (event === 'PIN_CHANGED')
    return { findings: [], clears: ['signal-two-step-off'], note: 'two-step verification PIN set', ...phoneOf(v) };
  if (event !== 'PIN_RESET_REQUEST' && event !== 'PIN_REQUEST_SUCCESS') return none();
  const detail = event === 'PIN_RESET_REQUEST' ? 'a user asked to turn two-step verification off' : 'two-step verification turned off';
  return { findings: [finding('signal-two-step-off', event, 'warning', detail)], clears: [], ...phoneOf(v) };
}

/**
 * payment_configuration_update, per configuration: "Needs Connecting" (disconnected from its payment gateway:
 * order messages that use it cannot be paid) is a warning; "Active" ends it; "Needs Testing" is set-up.
 */
export function paymentConfiguration(v: Json): Mapped {
  const name = text(v.configuration_name) ?? '?';
  const status = upper(v.status).replace(/[\s_]+/g, ' ');
  const key = keyed('signal-payment-config', name);
  if (status === 'ACTIVE') return { findings: [], clears: [key], note: `payment configuration ${name} active` };
  if (status !== 'NEEDS CONNECTING') return none();
  const detail = `${name} (${text(v.provider_name) ?? '?'}) needs connecting to its payment gateway`;
  return { findings: [finding('signal-payment-config', 'NEEDS_CONNECTING', 'warning', detail, { key, subject: name })], clears: [] };
}

/**
 * business_capability_update carries only the new limit (TIER_… or, in the field leaving in February 2026,
 * a number where -1 is unlimited): the router compares it with the last one seen.
 */
export function capabilityUpdate(v: Json): Mapped {
  const raw =
    text(v.max_daily_conversations_per_business) ?? text(v.max_daily_conversations_per_phone) ?? text(v.max_daily_conversation_per_phone);
  const limit = raw === '-1' ? 'TIER_UNLIMITED' : raw;
  return { ...none(), ...(limit ? { portfolioLimit: limit } : {}) };
}
