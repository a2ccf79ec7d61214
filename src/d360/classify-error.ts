import type { CatalogEntry } from '../catalog/types.js';
import type { Finding } from '../core/observation.js';
import type { WaNumber } from '../config/numbers.js';
import { parseErrorBody } from './error-body.js';
import { type Clean, entryForCode, finding, must, type Verdict } from './verdict.js';

const BY_STATUS: Record<number, string> = {
  401: '360dialog-401',
  403: '360dialog-403',
  500: '360dialog-500',
  502: '360dialog-502',
  555: '360dialog-555',
};

/**
 * Undocumented codes of a family whose one documented member says what the family is about: 136xxx are phone
 * number verification (registration) codes, and 136025 (verify code error) is the one whose title survives
 * (see catalog/ranges.ts). 136024 reaches health calls beside it; read as its family, not as "unexpected".
 */
const FAMILY_ENTRY: readonly (readonly [RegExp, string])[] = [[/^136\d{3}$/, 'cloud-136025']];

/** A code in the body with the catalog entry that explains it. */
interface Known {
  readonly code: number;
  readonly entry: CatalogEntry;
}

function familyEntry(code: number): CatalogEntry | undefined {
  const id = FAMILY_ENTRY.find(([pattern]) => pattern.test(String(code)))?.[1];
  return id === undefined ? undefined : must(id);
}

/**
 * Findings for the documented codes in an error answer. A health call that failed never reads healthy, however
 * mild the code: a 5xx is the server's failure first (Meta's 131030 carried in an HTTP 500 says nothing about the
 * number), and a code the catalog calls information (136025, a registration code step) is at least a warning on a
 * health call, which it made fail.
 */
function refused(status: number, known: readonly Known[], message: string, api: WaNumber['api'], clean: Clean): Finding[] {
  // A code read through its family keeps its own number on the card.
  const findings = known.map((c) => ({
    ...finding(c.entry, message),
    ...(c.entry.code === String(c.code) ? {} : { code: String(c.code) }),
  }));
  const serious = findings.filter((f) => f.severity !== 'info');
  if (status >= 500 && serious.length === 0) {
    const codes = known.map((c) => `${c.code} (${c.entry.title})`).join(', ');
    return [finding(must(serverEntry(status, api)), clean(`HTTP ${status} carrying ${codes}: ${message}`))];
  }
  if (status >= 200 && status < 300) return findings;
  return findings.map((f) => (f.severity === 'info' ? { ...f, severity: 'warning' } : f));
}

/** The catalog entry of a server error by its status (503 is the On-Premise gateway restarting, a cousin of 555). */
function serverEntry(status: number, api: WaNumber['api']): string {
  if (status === 503) return api === 'onprem' ? '360dialog-555' : '360dialog-500';
  return BY_STATUS[status] ?? '360dialog-500';
}

/** Error answers: the HTTP status, refined by any code in the body. */
export function classifyError(status: number, text: string, contentType: string, api: WaNumber['api'], clean: Clean): Verdict {
  const body = parseErrorBody(text, contentType);
  const message = clean(body.message || `HTTP ${status}${body.shape === 'html' ? ' (an HTML page)' : ''}`);

  // A code in the body (1014, 1016, 2001, 131031 …) says more than the bare status.
  const coded = body.codes.map((code) => ({ code, entry: entryForCode(code, api) ?? familyEntry(code) }));
  const known = coded.filter((c): c is Known => c.entry !== undefined);
  if (known.length > 0) return { findings: refused(status, known, message, api, clean) };

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
  if (status >= 500) return { findings: [finding(must(serverEntry(status, api)), message)] };
  const byStatus = BY_STATUS[status];
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
