import type { Severity } from '../catalog/types.js';
import type { Finding } from '../core/observation.js';
import { type Clean, codeOf, entryForCode, finding, garbage, must, textOf, type Verdict } from './verdict.js';

/** Cloud API: {"health_status": {"can_send_message", "entities": [...]}}. */
export function classifyCloud(body: unknown, clean: Clean): Verdict {
  const hs = (body as { health_status?: unknown } | null)?.health_status as Record<string, unknown> | undefined;
  if (typeof hs !== 'object' || hs === null) return garbage('the answer has no health_status');
  const entities = Array.isArray(hs.entities) ? (hs.entities as Record<string, unknown>[]) : [];
  const findings: Finding[] = [];

  // Messaging health only: can_receive_call_sip (SIP calling) can make the overall value BLOCKED
  // while messages flow, so the verdict comes from each entity's can_send_message.
  for (const entity of entities) {
    if (typeof entity !== 'object' || entity === null) return garbage('an entity of health_status is not an object');
    const value = entity.can_send_message;
    const who = typeof entity.entity_type === 'string' ? entity.entity_type : 'entity';
    if (value === 'AVAILABLE') continue;
    if (value !== 'BLOCKED' && value !== 'LIMITED')
      return garbage(`unexpected can_send_message ${clean(textOf(value), 60)} for ${clean(who, 60)}`);
    // A LIMITED entity still sends (a BUSINESS short of verification, say): a warning at most.
    const cap: Severity | undefined = value === 'LIMITED' ? 'warning' : undefined;
    const errors = Array.isArray(entity.errors) ? (entity.errors as Record<string, unknown>[]) : [];
    for (const error of errors) {
      const code = codeOf(error?.error_code);
      const description = clean(`${who}: ${textOf(error?.error_description ?? '')}`);
      const entry = code === undefined ? undefined : entryForCode(code, 'cloud');
      findings.push(
        entry
          ? finding(entry, description, cap)
          : finding(
              must(value === 'BLOCKED' ? 'health-blocked' : 'health-limited'),
              clean(`${who}: error_code ${textOf(error?.error_code)} ${description}`),
              cap,
            ),
      );
    }
    if (errors.length === 0) {
      const info = Array.isArray(entity.additional_info) ? entity.additional_info.map(textOf).join('; ') : '';
      findings.push(
        finding(
          must(value === 'BLOCKED' ? 'health-blocked' : 'health-limited'),
          clean(`${who} is ${value}${info ? `: ${info}` : ''}`),
          cap,
        ),
      );
    }
  }

  if (entities.length === 0) {
    const overall = hs.can_send_message;
    if (overall === 'BLOCKED') findings.push(finding(must('health-blocked')));
    else if (overall === 'LIMITED') findings.push(finding(must('health-limited')));
    else if (overall !== 'AVAILABLE') return garbage(`unexpected can_send_message ${clean(textOf(overall), 60)}`);
  }
  return { findings };
}
