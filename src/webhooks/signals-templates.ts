import { finding, isObject, type Json, keyed, type Mapped, none, text, upper, utcMinuteOf } from './signal-kit.js';

/**
 * Template fields: message_template_status_update, message_template_quality_update and
 * template_category_update. Every condition is held per template, so one template's recovery ends
 * only its own conditions. Pages (developers.facebook.com/documentation/business-messaging/whatsapp/
 * webhooks/reference/…): message_template_status_update, message_template_quality_update,
 * template_category_update; template pausing: …/templates/template-pausing.
 */

const PAUSED = 'signal-template-paused';
const DISABLED = 'signal-template-disabled';
const REJECTED = 'signal-template-rejected';
const FLAGGED = 'signal-template-flagged';
const YELLOW = 'signal-template-quality-yellow';
const RED = 'signal-template-quality-red';
const RECATEGORIZING = 'signal-template-recategorizing';
const RECATEGORIZED = 'signal-template-recategorized';
/** WABA-wide, not per template: the account holds as many templates as Meta allows. */
const TEMPLATE_LIMIT = 'signal-template-limit';

const STATUS_IDS = [PAUSED, DISABLED, REJECTED, FLAGGED];
const QUALITY_IDS = [YELLOW, RED];
const CATEGORY_IDS = [RECATEGORIZING, RECATEGORIZED];

interface Template {
  readonly name: string;
  /** The condition key of this template for an entry. */
  key(entryId: string): string;
  /** Every key this template's condition may be stored under: its own, by id (records before 2026-12), and the bare entry. */
  clears(ids: readonly string[]): string[];
}

/**
 * A template is a name in a language (Meta's own identity; the id comes along). The key is the name and
 * language, with the language spelt one way ("en-US" and "en_US" both occur in Meta's payloads), so a
 * pause and its lift match even when one of them lacks the id; the id alone stands in when there is no name.
 */
function templateOf(v: Json): Template {
  const id = text(v.message_template_id);
  const rawName = text(v.message_template_name);
  const rawLanguage = text(v.message_template_language);
  const language = (rawLanguage ?? '?').replace(/-/g, '_').toLowerCase();
  const which = rawName ? `${rawName.toLowerCase()}/${language}` : `id ${id ?? '?'}`;
  const name = `${rawName ?? `template ${id ?? '?'}`} (${rawLanguage ?? '?'})`;
  return {
    name,
    key: (entryId) => keyed(entryId, which),
    clears: (ids) => ids.flatMap((e) => [keyed(e, which), ...(id ? [keyed(e, id)] : []), e]),
  };
}

const raise = (t: Template, entryId: string, code: string, severity: 'critical' | 'warning', detail: string) =>
  finding(entryId, code, severity, detail, { key: t.key(entryId), subject: t.name });

/** Reason, other_info's title and description, rejection_info: what Meta said, minus its "NONE". */
function whyOf(v: Json): string {
  const info = isObject(v.other_info) ? v.other_info : {};
  const rejection = isObject(v.rejection_info) ? v.rejection_info : {};
  return [text(v.reason), text(info.title), text(info.description), text(rejection.reason)]
    .filter((s): s is string => s !== undefined && s.toUpperCase() !== 'NONE')
    .join(': ');
}

/**
 * Each event of message_template_status_update. FLAGGED: negative feedback, "at risk of being disabled"
 * (a warning); PAUSED: sends fail for hours (132015); DISABLED: for good (132016), critical; REJECTED:
 * review failed. APPROVED (other_info.title UNPAUSE after a pause) and REINSTATED end the template's
 * status conditions. A later state of the same template replaces the earlier one (a pause ends the flag).
 * Deleted, pending deletion or archived: nothing about the template is at risk any more, and a slot is free
 * under the template limit. IN_APPEAL, PENDING, LOCKED, UNLOCKED: information, the standing condition stays.
 */
export function templateStatus(v: Json): Mapped {
  // Meta's own example of message_template_quality_update names this field (a documentation slip): read the score.
  if (v.event === undefined && v.new_quality_score !== undefined) return templateQuality(v);
  const event = upper(v.event);
  const t = templateOf(v);
  const why = whyOf(v);
  const detail = `${t.name}${why ? ` — ${why}` : ''}`;
  const others = (keep: string) => t.clears(STATUS_IDS.filter((id) => id !== keep));
  const state = (entryId: string, severity: 'critical' | 'warning'): Mapped => ({
    findings: [raise(t, entryId, event, severity, detail)],
    clears: others(entryId),
  });
  if (event === 'FLAGGED') return state(FLAGGED, 'warning');
  if (event === 'PAUSED') return state(PAUSED, 'warning');
  if (event === 'DISABLED') return state(DISABLED, 'critical');
  if (event === 'REJECTED') return state(REJECTED, 'warning');
  if (event === 'APPROVED' || event === 'REINSTATED') {
    const how = event === 'REINSTATED' ? 'reinstated' : why.toUpperCase().includes('UNPAUSE') ? 'unpaused' : 'approved';
    return { findings: [], clears: t.clears(STATUS_IDS), note: `template ${t.name} ${how}` };
  }
  if (event === 'LIMIT_EXCEEDED')
    return {
      findings: [finding(TEMPLATE_LIMIT, event, 'warning', `template limit reached (while creating ${t.name})`)],
      clears: [],
    };
  if (['DELETED', 'PENDING_DELETION', 'ARCHIVED'].includes(event))
    return {
      findings: [],
      clears: [...t.clears([...STATUS_IDS, ...QUALITY_IDS, ...CATEGORY_IDS]), TEMPLATE_LIMIT],
      note: `template ${t.name} ${event.toLowerCase().replace('_', ' ')}`,
    };
  return none();
}

/** message_template_quality_update: RED critical (a pause is next), YELLOW a warning, GREEN ends both; UNKNOWN is pending. */
export function templateQuality(v: Json): Mapped {
  const score = upper(v.new_quality_score);
  const t = templateOf(v);
  const detail = `${t.name}: ${upper(v.previous_quality_score) || '?'} → ${score}`;
  if (score === 'RED') return { findings: [raise(t, RED, 'TEMPLATE_RED', 'critical', detail)], clears: t.clears([YELLOW]) };
  if (score === 'YELLOW') return { findings: [raise(t, YELLOW, 'TEMPLATE_YELLOW', 'warning', detail)], clears: t.clears([RED]) };
  if (score === 'GREEN') return { findings: [], clears: t.clears(QUALITY_IDS), note: `template ${t.name} quality GREEN again` };
  return none();
}

/**
 * template_category_update. With correct_category (and category_update_timestamp): Meta will recategorize
 * the template in 24 hours — a warning, since price and opt-outs change for every send of it. With
 * previous_category → new_category: it has been recategorized; the 24-hour notice ends and the change
 * itself stays on the card as a warning until the template is back in its earlier category (or deleted).
 */
export function templateCategory(v: Json): Mapped {
  const t = templateOf(v);
  const next = upper(v.correct_category);
  const now = upper(v.new_category);
  const before = upper(v.previous_category);
  if (next && next !== now) {
    const date = utcMinuteOf(v.category_update_timestamp);
    const at = date ? ` on ${date}` : '';
    const detail = `${t.name}: ${now || '?'} → ${next}${at}`;
    return { findings: [raise(t, RECATEGORIZING, 'RECATEGORIZING', 'warning', detail)], clears: [] };
  }
  if (before && now && before !== now)
    return {
      findings: [raise(t, RECATEGORIZED, 'RECATEGORIZED', 'warning', `${t.name}: ${before} → ${now}`)],
      clears: t.clears([RECATEGORIZING]),
    };
  // Category confirmed as it was: the notice (if any) ends, and so does an earlier change of this template.
  if (now) return { findings: [], clears: t.clears(CATEGORY_IDS), note: `template ${t.name} stays ${now}` };
  return none();
}
