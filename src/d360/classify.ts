import { entriesForCode, entryById } from '../catalog/index.js';
import type { CatalogEntry, Severity } from '../catalog/types.js';
import type { WaNumber } from '../config/numbers.js';
import type { HealthAnswer } from './client.js';
import { parseErrorBody, parseJson } from './error-body.js';
import type { BlindSpot, Finding, HealthState, Observation } from './observation.js';

/** On-Premise health is cached by 360dialog and refreshed every 5 minutes. */
export const ONPREM_CACHE_MS = 5 * 60_000;
const DETAIL_MAX = 300;
const EVIDENCE_MAX = 4000;

const SEVERITY_ORDER: Record<Severity, number> = { info: 0, warning: 1, critical: 2 };
const STATE_OF: Record<Severity, HealthState> = { info: 'healthy', warning: 'degraded', critical: 'down' };

interface Verdict {
  readonly findings: Finding[];
  readonly blindSpot?: BlindSpot;
}

type Clean = (text: string, max?: number) => string;

function finding(entry: CatalogEntry, detail?: string, cap?: Severity): Finding {
  const severity = cap && SEVERITY_ORDER[entry.severity] > SEVERITY_ORDER[cap] ? cap : entry.severity;
  return { entryId: entry.id, code: entry.code, severity, ...(detail ? { detail } : {}) };
}

function must(id: string): CatalogEntry {
  const entry = entryById(id);
  if (!entry) throw new Error(`catalog has no entry ${id}`);
  return entry;
}

const garbage = (detail: string): Verdict => ({ findings: [], blindSpot: { kind: 'garbage', detail } });

/** The catalog entry for a code found in an answer, preferring the number's own API generation and non-webhook rows. */
function entryForCode(code: number, api: WaNumber['api']): CatalogEntry | undefined {
  const entries = entriesForCode(String(code));
  const score = (e: CatalogEntry) =>
    (e.generation === (api === 'onprem' ? 'onprem' : 'cloud') ? 0 : 1) * 2 +
    (e.surfaces.some((s) => s === 'api-response' || s === 'health-check') ? 0 : 1);
  return [...entries].sort((a, b) => score(a) - score(b))[0];
}

// ---- Cloud: {"health_status": {"can_send_message", "entities": [...]}} ----

function classifyCloud(body: unknown, clean: Clean): Verdict {
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
    if (value !== 'BLOCKED' && value !== 'LIMITED') return garbage(`unexpected can_send_message ${JSON.stringify(value)} for ${who}`);
    // A LIMITED entity still sends (a BUSINESS short of verification, say): a warning at most.
    const cap: Severity | undefined = value === 'LIMITED' ? 'warning' : undefined;
    const errors = Array.isArray(entity.errors) ? (entity.errors as Record<string, unknown>[]) : [];
    for (const error of errors) {
      const code = Number(error?.error_code);
      const description = clean(`${who}: ${String(error?.error_description ?? '')}`);
      const entry = Number.isInteger(code) ? entryForCode(code, 'cloud') : undefined;
      findings.push(
        entry
          ? finding(entry, description, cap)
          : finding(
              must(value === 'BLOCKED' ? 'health-blocked' : 'health-limited'),
              clean(`${who}: error_code ${String(error?.error_code)} ${description}`),
              cap,
            ),
      );
    }
    if (errors.length === 0) {
      const info = Array.isArray(entity.additional_info) ? entity.additional_info.map(String).join('; ') : '';
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
    else if (overall !== 'AVAILABLE') return garbage(`unexpected can_send_message ${JSON.stringify(overall)}`);
  }
  return { findings };
}

// ---- On-Premise: {"health": {"gateway_status"}} or, with several nodes, {"health": {"host:container": {...}}} ----

interface Node {
  readonly id: string;
  readonly status: string;
  readonly role: string;
}

function gatewayEntry(status: string): CatalogEntry | undefined {
  return entryById(`gateway-${status}`);
}

function classifyOnprem(body: unknown, clean: Clean): Verdict {
  const health = (body as { health?: unknown } | null)?.health as Record<string, unknown> | undefined;
  if (typeof health !== 'object' || health === null) return garbage('the answer has no health object');

  if (typeof health.gateway_status === 'string') {
    const entry = gatewayEntry(health.gateway_status);
    if (!entry) return garbage(`unknown gateway_status ${JSON.stringify(clean(health.gateway_status, 40))}`);
    return { findings: entry.id === 'gateway-connected' ? [] : [finding(entry)] };
  }

  const nodes: Node[] = [];
  for (const [id, value] of Object.entries(health)) {
    const node = value as Record<string, unknown> | null;
    if (typeof node !== 'object' || node === null || typeof node.gateway_status !== 'string')
      return garbage(`node ${clean(id, 60)} has no gateway_status`);
    if (!gatewayEntry(node.gateway_status))
      return garbage(`unknown gateway_status ${JSON.stringify(clean(node.gateway_status, 40))} on ${clean(id, 60)}`);
    nodes.push({ id: clean(id, 60), status: node.gateway_status, role: typeof node.role === 'string' ? node.role : 'coreapp' });
  }
  if (nodes.length === 0) return garbage('the health object lists no nodes');
  return { findings: classifyNodes(nodes) };
}

/**
 * High availability: one Coreapp holds the connection and every other node, the primary master
 * included, reports disconnected — normal. Multiconnect: the primary master and every shard
 * Coreapp are connected. So a connected primary master means every Coreapp should be connected too.
 */
function classifyNodes(nodes: readonly Node[]): Finding[] {
  const list = (status: string) => nodes.filter((n) => n.status === status);
  const connected = list('connected');
  const findings: Finding[] = [];
  for (const n of list('unregistered')) findings.push(finding(must('gateway-unregistered'), `${n.id} (${n.role}) is unregistered`));
  if (connected.length === 0) {
    if (findings.length > 0) return findings; // unregistered says it all
    const worst = list('disconnected').length === 0 && list('uninitialized').length > 0 ? 'gateway-uninitialized' : 'gateway-disconnected';
    return [finding(must(worst), `no node is connected: ${nodes.map((n) => `${n.id} ${n.status}`).join(', ')}`)];
  }
  const multiconnect = connected.some((n) => n.role === 'primary_master');
  if (multiconnect) {
    const down = nodes.filter((n) => n.role === 'coreapp' && n.status !== 'connected' && n.status !== 'unregistered');
    if (down.length > 0) {
      const total = nodes.filter((n) => n.role === 'coreapp').length;
      findings.push(
        finding(
          must('gateway-disconnected'),
          `${down.length} of ${total} shards not connected: ${down.map((n) => `${n.id} ${n.status}`).join(', ')}`,
          'warning',
        ),
      );
    }
  }
  return findings;
}

// ---- Errors: the HTTP status, refined by any code in the body ----

const BY_STATUS: Record<number, string> = {
  401: '360dialog-401',
  403: '360dialog-403',
  500: '360dialog-500',
  502: '360dialog-502',
  555: '360dialog-555',
};

function classifyError(status: number, text: string, contentType: string, api: WaNumber['api'], clean: Clean): Verdict {
  const body = parseErrorBody(text, contentType);
  const message = clean(body.message || `HTTP ${status}${body.shape === 'html' ? ' (an HTML page)' : ''}`);

  // A code in the body (1014, 1016, 2001, 131031 …) says more than the bare status.
  const coded = body.codes.map((code) => ({ code, entry: entryForCode(code, api) }));
  const known = coded.filter((c): c is { code: number; entry: CatalogEntry } => c.entry !== undefined);
  if (known.length > 0) return { findings: known.map((c) => finding(c.entry, message)) };

  if (status === 400) {
    const lower = body.message.toLowerCase();
    const variant = ['360dialog-400-disabled', '360dialog-400-payment', '360dialog-400-call-limit']
      .map(must)
      .find((e) => e.messageHints?.some((hint) => lower.includes(hint)));
    if (variant) return { findings: [finding(variant, message)] };
    return {
      findings: [],
      blindSpot: { kind: 'unexpected-status', status, detail: `HTTP 400 that matches no documented condition: ${message}` },
    };
  }
  // 429 on a health call is 360dialog throttling the poller: the same condition as its 400 call limit.
  if (status === 429) return { findings: [finding(must('360dialog-400-call-limit'), message)] };
  // During restarts the gateway may answer a plain 503 page, the On-Premise cousin of 555.
  if (status === 503) return { findings: [finding(must(api === 'onprem' ? '360dialog-555' : '360dialog-500'), message)] };
  const byStatus = BY_STATUS[status] ?? (status > 500 ? '360dialog-500' : undefined);
  if (byStatus) return { findings: [finding(must(byStatus), message)] };

  const unknownCodes = coded.map((c) => c.code).join(', ');
  return {
    findings: [],
    blindSpot: {
      kind: 'unexpected-status',
      status,
      detail: `HTTP ${status}${unknownCodes ? ` with undocumented code ${unknownCodes}` : ''}: ${message}`,
    },
  };
}

// ---- Putting it together ----

function stateOf(verdict: Verdict): HealthState {
  if (verdict.blindSpot) return 'unknown';
  const worst = verdict.findings.reduce<Severity>((w, f) => (SEVERITY_ORDER[f.severity] > SEVERITY_ORDER[w] ? f.severity : w), 'info');
  return STATE_OF[worst];
}

function summaryOf(verdict: Verdict, state: HealthState): string {
  if (verdict.blindSpot) return verdict.blindSpot.detail;
  if (verdict.findings.length === 0) return 'can send messages';
  return verdict.findings
    .map((f) => `${f.code} ${entryById(f.entryId)?.title ?? ''}${f.detail ? ` (${f.detail})` : ''}`)
    .join('; ')
    .concat(state === 'healthy' ? ' — not an outage' : '');
}

/** Turns one health answer into an Observation: never "healthy" unless the answer says so plainly. */
export function classify(number: WaNumber, answer: HealthAnswer, at: number, source: Observation['source'] = 'poll'): Observation {
  const key = number.apiKey.reveal();
  const clean: Clean = (text, max = DETAIL_MAX) => {
    const scrubbed = (key.length > 0 ? text.split(key).join('[redacted]') : text).replace(/\s+/g, ' ').trim();
    return scrubbed.length > max ? `${scrubbed.slice(0, max - 1)}…` : scrubbed;
  };
  const base = {
    number: number.name,
    at,
    source,
    keyFingerprint: number.apiKey.fingerprint(),
    ...(number.api === 'onprem' ? { cachedUpToMs: ONPREM_CACHE_MS } : {}),
  };

  if (answer.kind === 'failed') {
    const blindSpot: BlindSpot = { kind: answer.reason, detail: clean(`no answer from 360dialog: ${answer.message}`) };
    return { ...base, state: 'unknown', findings: [], blindSpot, summary: blindSpot.detail };
  }

  let verdict: Verdict;
  let phoneNumberId: string | undefined;
  if (answer.status >= 200 && answer.status < 300) {
    const parsed = parseJson(answer.body);
    const id = parsed.ok ? (parsed.value as { id?: unknown } | null)?.id : undefined;
    if (number.api === 'cloud' && typeof id === 'string' && /^\d{5,30}$/.test(id)) phoneNumberId = id;
    if (!parsed.ok) verdict = garbage(`HTTP ${answer.status} but the body is not JSON: ${clean(answer.body, 80) || 'empty'}`);
    else {
      // An On-Premise client can answer 200 with an errors[] list.
      const errors = (parsed.value as { errors?: unknown } | null)?.errors;
      verdict =
        Array.isArray(errors) && errors.length > 0
          ? classifyError(answer.status, answer.body, answer.contentType, number.api, clean)
          : number.api === 'cloud'
            ? classifyCloud(parsed.value, clean)
            : classifyOnprem(parsed.value, clean);
    }
  } else {
    verdict = classifyError(answer.status, answer.body, answer.contentType, number.api, clean);
  }
  const state = stateOf(verdict);
  const evidence = state === 'healthy' ? '' : clean(answer.body, EVIDENCE_MAX);
  return {
    ...base,
    state,
    findings: verdict.findings,
    ...(verdict.blindSpot ? { blindSpot: verdict.blindSpot } : {}),
    summary: summaryOf(verdict, state),
    httpStatus: answer.status,
    ...(phoneNumberId ? { phoneNumberId } : {}),
    // Evidence is for support tickets; a healthy answer needs none, and 10,000 of them add up.
    ...(evidence ? { evidence } : {}),
  };
}
