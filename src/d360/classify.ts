/**
 * One health answer → one Observation. The answer's shape decides who reads it: classify-cloud.ts
 * (health_status), classify-onprem.ts (gateway_status per node) or classify-error.ts (any non-2xx,
 * and an On-Premise 200 carrying errors[]).
 */
import { entryById } from '../catalog/index.js';
import type { Severity } from '../catalog/types.js';
import type { WaNumber } from '../config/numbers.js';
import { classifyCloud } from './classify-cloud.js';
import { classifyError } from './classify-error.js';
import { classifyOnprem } from './classify-onprem.js';
import type { HealthAnswer } from './client.js';
import { parseJson } from './error-body.js';
import { type BlindSpot, type HealthState, ONPREM_CACHE_MS, type Observation } from '../core/observation.js';
import { type Clean, garbage, SEVERITY_ORDER, type Verdict } from './verdict.js';
import { redactAll } from '../telemetry/scrub.js';
import { clip } from '../text/clip.js';

// The poller paces On-Premise numbers by it.

const DETAIL_MAX = 300;
const EVIDENCE_MAX = 4000;

const STATE_OF: Record<Severity, HealthState> = { info: 'healthy', warning: 'degraded', critical: 'down' };

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

/** Where a number's base URL comes from, for the operator who has to fix it. */
const BASE_URL_SOURCE: Record<WaNumber['api'], string> = {
  cloud: "D360_BASE_URL or the number's baseUrl in the numbers file",
  onprem: "D360_ONPREM_BASE_URL or the number's baseUrl in the numbers file",
};

/**
 * The body as JSON re-serialised from its parsed value, so that \u00xx escapes are decoded before
 * redaction looks at it; a body that is not JSON stays as it came.
 */
function reserialised(body: string): string {
  const parsed = parseJson(body);
  if (!parsed.ok) return body;
  try {
    return JSON.stringify(parsed.value) ?? body;
  } catch {
    return body;
  }
}

/**
 * Turns one health answer into an Observation: never "healthy" unless the answer says so plainly. Longer than most:
 * the order of its questions (transport, status, body, generation) is the classification's rule, read top to bottom.
 */
export function classify(number: WaNumber, answer: HealthAnswer, at: number, source: Observation['source'] = 'poll'): Observation {
  const secrets = [number.apiKey.reveal()];
  // Redacted before it is cut, so a key cut in half cannot slip past; every spelling of it, not just the literal one.
  const clean: Clean = (text, max = DETAIL_MAX) => {
    const scrubbed = redactAll(text, secrets).replace(/\s+/g, ' ').trim();
    return clip(scrubbed, max);
  };
  const base = {
    number: number.name,
    at,
    source,
    keyFingerprint: number.apiKey.fingerprint(),
    ...(number.api === 'onprem' ? { cachedUpToMs: ONPREM_CACHE_MS } : {}),
  };

  const blind = (blindSpot: BlindSpot, httpStatus?: number): Observation => ({
    ...base,
    state: 'unknown',
    findings: [],
    blindSpot,
    summary: blindSpot.detail,
    ...(httpStatus === undefined ? {} : { httpStatus }),
  });
  if (answer.kind === 'failed') return blind({ kind: answer.reason, detail: clean(`no answer from 360dialog: ${answer.message}`) });
  if (answer.kind === 'redirect') {
    const detail =
      `360dialog answered with a redirect to ${answer.origin} (HTTP ${answer.status}), not followed so the ` +
      `key stays here: check the base URL ${number.baseUrl} (${BASE_URL_SOURCE[number.api]})`;
    return blind({ kind: 'redirect', detail: clean(detail, 600) }, answer.status);
  }
  if (answer.kind === 'too-large') {
    const detail =
      `answer too large: 360dialog sent more than ${Math.round(answer.limitBytes / 1024)} KB (cut off ` +
      `there) from ${number.baseUrl}: check the base URL (${BASE_URL_SOURCE[number.api]})`;
    return blind({ kind: 'too-large', detail: clean(detail, 600) });
  }

  let verdict: Verdict;
  let phoneNumberId: string | undefined;
  let wabaId: string | undefined;
  if (answer.status >= 200 && answer.status < 300) {
    const parsed = parseJson(answer.body);
    const id = parsed.ok ? (parsed.value as { id?: unknown } | null)?.id : undefined;
    if (number.api === 'cloud' && typeof id === 'string' && /^\d{5,30}$/.test(id)) phoneNumberId = id;
    if (number.api === 'cloud' && parsed.ok) wabaId = wabaIdOf(parsed.value);
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
  const evidence = state === 'healthy' ? '' : clean(reserialised(answer.body), EVIDENCE_MAX);
  return {
    ...base,
    state,
    findings: verdict.findings,
    ...(verdict.blindSpot ? { blindSpot: { ...verdict.blindSpot, detail: clean(verdict.blindSpot.detail, 600) } } : {}),
    summary: redactAll(summaryOf(verdict, state), secrets),
    httpStatus: answer.status,
    ...(phoneNumberId ? { phoneNumberId } : {}),
    ...(wabaId ? { wabaId } : {}),
    // Evidence is for support tickets; a healthy answer needs none, and 10,000 of them add up.
    ...(evidence ? { evidence } : {}),
  };
}

/** The WABA entity's id in a Cloud health answer: account webhooks name the number only by it. */
function wabaIdOf(body: unknown): string | undefined {
  const entities = (body as { health_status?: { entities?: unknown } } | null)?.health_status?.entities;
  if (!Array.isArray(entities)) return undefined;
  const waba = entities.find((e) => (e as { entity_type?: unknown } | null)?.entity_type === 'WABA') as { id?: unknown } | undefined;
  return typeof waba?.id === 'string' && /^\d{5,30}$/.test(waba.id) ? waba.id : undefined;
}
