/**
 * Codes in pasted text that is no payload at all, or only partly one: a log line, an exception repr, a
 * `key: value` block. A Meta error code says which error it is; an HTTP status (`Status code: 400`,
 * `HTTP/1.1 400`, `<Response [400]>`) only says that the request failed, and a line number nothing.
 */
import { entriesForCode } from './index.js';

/** How sure a reading is: a code in a parsed payload, Meta's `(#131030)`, a keyed `code=`, then an HTTP status. */
export type Evidence = 'payload' | 'marker' | 'keyed' | 'prose' | 'http';
export const EVIDENCE_RANK: Readonly<Record<Evidence, number>> = { payload: 0, marker: 1, keyed: 2, prose: 3, http: 4 };

export interface TextCode {
  readonly code: string;
  readonly where: string;
  readonly evidence: Evidence;
  /** Where in the text it was found, for the order of a person reading it. */
  readonly at: number;
}

const KEY = '(?:error_?code|errorCode|code)';
/** `"code": 131030`, `'code': 131030`, `"code" => 131030`, `:code => 1`, `code=132000`, `code: 131053`, `errorCode: 190`. */
const KEYED = new RegExp(
  String.raw`(?<![\w-])(?<!status[\s_-]?)(?<!http[\s_-]?)(["']?)(:?)(${KEY})\1\s*(=>|==|:|=)\s*["']?(\d{1,3}(?:_?\d{3}){0,2})(?![\w.])`,
  'gi',
);
/** `error_subcode: 2494010`, `subErrorCode: 460`: detail under the code, worth naming only when documented. */
const SUBCODE = /(?<![\w-])["']?(error_subcode|subErrorCode|subcode)["']?\s*(?:=>|:|=)\s*["']?(\d{1,7})(?![\w.])/gi;
/** Meta's own marker at the start of a message: `(#131030) Recipient phone number not in allowed list`. */
const MARKER = /\(#(\d{1,7})\)/g;
/** Wrappers that name the code in words: `API error 131008:`, `Error 131026 -`, `error code 131047`. */
const NAMED = /(?<!status[\s_-]?)\b(?:api error|error code|error|code)\s*#?(1[34]\d_?\d{3}|\d{1,3})\b\s*[:\-–(]/gi;
/** A status line of an HTTP client: the request failed, with no word on why. */
const HTTP = new RegExp(
  [
    String.raw`\bstatus(?:[\s_-]?code)?["']?\s*(?:=>|[:=])?\s*["']?([45]\d\d)\b`,
    String.raw`\bHttpStatus\s*:\s*([45]\d\d)\b`,
    String.raw`\bstatusCode["']?\s*[:=]\s*([45]\d\d)\b`,
    String.raw`\bHTTP(?:\/\d(?:\.\d)?)?\s+([45]\d\d)\b`,
    String.raw`<Response \[([45]\d\d)`,
    String.raw`\b([45]\d\d) (?:Client|Server) Error\b`,
    String.raw`\b([45]\d\d) Bad Request\b`,
    String.raw`\bstatus code ([45]\d\d)\b`,
  ].join('|'),
  'gi',
);

const digits = (text: string) => String(Number(text.replace(/_/g, '')));

function shapeOf(text: string, match: RegExpExecArray): string {
  const [, quote, symbol, , sep] = match;
  if (sep === '=>') return symbol ? 'a Ruby hash (symbol key)' : 'a Ruby hash';
  if (sep === '=' || sep === '==') return 'a key=value pair';
  if (quote === "'") return 'a Python dict';
  if (quote === '"') return 'a JSON-like object';
  const at = match.index ?? 0;
  const line = text.slice(text.lastIndexOf('\n', at) + 1, (text.indexOf('\n', at) + 1 || text.length + 1) - 1);
  return /^\s*\w+\s*:\s*\S+\s*$/.test(line) ? 'a key: value line' : 'an object print';
}

/** Every code the text names, with how and where; HTTP statuses only as a last resort. */
export function codesInText(text: string): TextCode[] {
  const found: TextCode[] = [];
  for (const m of text.matchAll(MARKER)) {
    const code = digits(m[1] ?? '');
    found.push({ code, where: `Meta's message marker (#${code})`, evidence: 'marker', at: m.index ?? 0 });
  }
  for (const m of text.matchAll(KEYED)) {
    const code = digits(m[5] ?? '');
    found.push({ code, where: `${m[3]} ${m[4]} ${code} in ${shapeOf(text, m)}`, evidence: 'keyed', at: m.index ?? 0 });
  }
  for (const m of text.matchAll(NAMED)) {
    const code = digits(m[1] ?? '');
    if (code.length >= 3 || entriesForCode(code).length > 0) {
      found.push({ code, where: `named in the text ("${m[0].trim()}")`, evidence: 'prose', at: m.index ?? 0 });
    }
  }
  for (const m of text.matchAll(SUBCODE)) {
    const code = digits(m[2] ?? '');
    if (entriesForCode(code).some((e) => e.code === code)) {
      found.push({ code, where: `${m[1]} ${code} (detail under the error code)`, evidence: 'prose', at: (m.index ?? 0) + 1e6 });
    }
  }
  if (found.length === 0) {
    for (const m of text.matchAll(HTTP)) {
      const code = m.slice(1).find((g) => g !== undefined) ?? '';
      found.push({
        code,
        where: `HTTP status ${code} (${m[0].replace(/["']/g, '').trim()}), no Meta code beside it`,
        evidence: 'http',
        at: m.index ?? 0,
      });
    }
  }
  return found.sort((a, b) => EVIDENCE_RANK[a.evidence] - EVIDENCE_RANK[b.evidence] || a.at - b.at);
}

/** Whether text carries what only a pasted error carries: Meta's marker, a keyed code, a Graph error's fields. */
export function looksLikeErrorText(text: string): boolean {
  return (
    /\(#\d{1,7}\)/.test(text) ||
    /\b(?:OAuthException|GraphMethodException|fbtrace_id|error_data|error_subcode|error_user_msg|whatsapp_business_account)\b/.test(text) ||
    /["']?(?:error_?code|errorCode|code)["']?\s*(?:=>|=)\s*["']?\d/.test(text) ||
    /["'](?:error_?code|code)["']\s*:\s*["']?\d/.test(text) ||
    (/^\s*code\s*:\s*\d+\s*$/m.test(text) && /^\s*(?:title|details|message)\s*:/m.test(text))
  );
}

/**
 * The human part of an error with no code: the message, title and details strings, so the words of Meta's own
 * text (`Unsupported post request. Object with ID … does not exist`) can still find the entry.
 */
export function messageTextOf(text: string): string {
  const parts: string[] = [];
  const strings =
    /["']?(?:message|title|details|description|error_user_msg|errorMessage)["']?\s*(?:=>|:|=)\s*(["'])((?:\\.|(?!\1).){8,400})/gi;
  for (const m of text.matchAll(strings)) parts.push(m[2] ?? '');
  return parts.length > 0 ? parts.join('. ') : text;
}
