import type { Observation } from './observation.js';
import type { IncidentEvent } from './events.js';
import type { Incident, NumberRecord, SupportCase } from './records.js';

/**
 * What a support ticket needs that no single answer holds: the number's Meta ids (taught by its health
 * answers, healthy or not, so they are known before the incident opens) and a few message and trace ids
 * seen while the incident was open. 360dialog's support asks for these first (reference §7: "example
 * message ids (wamid) for message errors", "the fbtrace_id of the failing request").
 */

/** Examples kept per kind: enough to look a case up, never a log. */
const TRACES_KEPT = 5;
const ID_CHARS = 200;

/** Meta's error body names its trace `fbtrace_id`; the evidence is that body as received (keys removed). */
const FBTRACE = /"fbtrace_id"\s*:\s*"([A-Za-z0-9_\-+/=.]{1,100})"/g;

/** The ids this observation teaches; the record is changed only when they are new (so a quiet poll writes nothing). */
export function noteLearnt(record: NumberRecord, observation: Observation): void {
  const { phoneNumberId, wabaId } = observation;
  if (!phoneNumberId && !wabaId) return;
  const before = record.learnt ?? {};
  const next = { ...before, ...(phoneNumberId ? { phoneNumberId } : {}), ...(wabaId ? { wabaId } : {}) };
  if (next.phoneNumberId !== before.phoneNumberId || next.wabaId !== before.wabaId) record.learnt = next;
}

const merged = (kept: readonly string[], seen: readonly string[]): string[] => {
  const fresh = seen.map((id) => id.slice(0, ID_CHARS)).filter((id) => id !== '' && !kept.includes(id));
  return [...kept, ...new Set(fresh)].slice(-TRACES_KEPT);
};

/** Adds the message and trace ids this observation shows to the open incident's examples. */
export function noteTraces(incident: Incident, observation: Observation): void {
  const wamids = observation.findings.flatMap((f) => f.samples ?? []);
  const fbtraceIds = [...(observation.evidence ?? '').matchAll(FBTRACE)].map((m) => m[1] ?? '');
  if (wamids.length === 0 && fbtraceIds.length === 0) return;
  const kept = incident.traces ?? { wamids: [], fbtraceIds: [] };
  incident.traces = { wamids: merged(kept.wamids, wamids), fbtraceIds: merged(kept.fbtraceIds, fbtraceIds) };
}

/**
 * Records a support case once: a case submitted from the same Slack view (a redelivery, a second replica)
 * is the one already recorded. True when it was added.
 */
function addSupportCase(incident: Incident, supportCase: SupportCase): boolean {
  const cases = incident.supportCases ?? [];
  if (supportCase.ref !== undefined && cases.some((c) => c.ref === supportCase.ref)) return false;
  incident.supportCases = [...cases, supportCase];
  return true;
}

/**
 * The engine's step for a recorded case: added to the incident it was opened on (a resolved one too: the case
 * was opened, and the card still shows it), the card redrawn and the thread told — once.
 */
export function recordCase(
  record: NumberRecord,
  input: { readonly incidentId: string; readonly supportCase: SupportCase },
  say: (incident: Incident, event: IncidentEvent) => void,
  redraw: (incident: Incident) => void,
): void {
  const { incident } = record;
  if (incident?.id !== input.incidentId || !addSupportCase(incident, input.supportCase)) return;
  redraw(incident);
  say(incident, { kind: 'support-case', supportCase: input.supportCase });
}
