import type { Severity } from '../catalog/types.js';
import type { Finding } from '../core/observation.js';
import { type Clean, codeOf, entryForCode, finding, garbage, must, textOf, type Verdict } from './verdict.js';

/**
 * The entities a message from the number passes through: they decide whether the number can send. Meta's
 * health status page (documentation/whatsapp/support/health-status.mdx in kapso-meta-docs/documentation)
 * also lists MESSAGE_TEMPLATE (when a template is asked about), and FLOW entities appear beside them: those
 * say what one template or Flow can do, not the number, and Meta may add more types.
 */
const NUMBER_CHAIN = new Set(['PHONE_NUMBER', 'WABA', 'BUSINESS', 'APP']);

/**
 * One entity's messaging verdict: its errors (or additional info) as findings, capped at `cap`. Undefined when
 * the entity says something this reader cannot make sense of.
 */
function entityFindings(entity: Record<string, unknown>, who: string, cap: Severity | undefined, clean: Clean): Finding[] | undefined {
  const value = entity.can_send_message;
  if (value === 'AVAILABLE') return [];
  if (value !== 'BLOCKED' && value !== 'LIMITED') return undefined;
  // A LIMITED entity still sends (a BUSINESS short of verification, say): a warning at most.
  const limit: Severity | undefined = value === 'LIMITED' ? 'warning' : cap;
  const fallback = must(value === 'BLOCKED' ? 'health-blocked' : 'health-limited');
  const errors = Array.isArray(entity.errors) ? (entity.errors as Record<string, unknown>[]) : [];
  const findings = errors.map((error) => {
    const code = codeOf(error?.error_code);
    const description = clean(`${who}: ${textOf(error?.error_description ?? '')}`);
    const entry = code === undefined ? undefined : entryForCode(code, 'cloud');
    return entry
      ? finding(entry, description, limit)
      : finding(fallback, clean(`${who}: error_code ${textOf(error?.error_code)} ${description}`), limit);
  });
  if (errors.length > 0) return findings;
  const info = Array.isArray(entity.additional_info) ? entity.additional_info.map(textOf).join('; ') : '';
  return [finding(fallback, clean(`${who} is ${value}${info ? `: ${info}` : ''}`), limit)];
}

/** Cloud API: {"health_status": {"can_send_message", "entities": [...]}}. */
export function classifyCloud(body: unknown, clean: Clean): Verdict {
  const hs = (body as { health_status?: unknown } | null)?.health_status as Record<string, unknown> | undefined;
  if (typeof hs !== 'object' || hs === null) return garbage('the answer has no health_status');
  const entities = Array.isArray(hs.entities) ? (hs.entities as Record<string, unknown>[]) : [];
  const findings: Finding[] = [];
  let chain = 0;

  // Messaging health only: can_receive_call_sip (SIP calling) can make the overall value BLOCKED
  // while messages flow, so the verdict comes from each entity's can_send_message.
  for (const entity of entities) {
    if (typeof entity !== 'object' || entity === null) return garbage('an entity of health_status is not an object');
    const type = typeof entity.entity_type === 'string' ? entity.entity_type : undefined;
    const ours = type !== undefined && NUMBER_CHAIN.has(type);
    const who = type ?? 'entity';
    // A blocked template or Flow stops that template or Flow, not the number: a warning, with its meaning.
    const said = entityFindings(entity, who, ours ? undefined : 'warning', clean);
    if (ours) chain += 1;
    if (said) findings.push(...said);
    // What the number's own entities say must make sense; an entity of another type is read where it can be.
    else if (ours) return garbage(`unexpected can_send_message ${clean(textOf(entity.can_send_message), 60)} for ${clean(who, 60)}`);
  }

  // With none of the number's own entities listed, the overall value is all there is to go by.
  if (chain === 0) {
    const overall = hs.can_send_message;
    if (overall === 'BLOCKED' && findings.length === 0) findings.push(finding(must('health-blocked')));
    else if (overall === 'LIMITED' && findings.length === 0) findings.push(finding(must('health-limited')));
    else if (overall !== 'AVAILABLE' && overall !== 'BLOCKED' && overall !== 'LIMITED')
      return garbage(`unexpected can_send_message ${clean(textOf(overall), 60)}`);
  }
  return { findings };
}
