import type { CatalogEntry } from '../catalog/types.js';
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

/** Error answers: the HTTP status, refined by any code in the body. */
export function classifyError(status: number, text: string, contentType: string, api: WaNumber['api'], clean: Clean): Verdict {
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
