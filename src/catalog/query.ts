/**
 * Reading a query the way an on-call engineer means it: which numbers in it are error codes and
 * which are just words ("outside 24 hours", "webhook not 200", "128 kb").
 */
import { entriesForCode } from './index.js';

export const MAX_QUERY_LENGTH = 200;
const MAX_CODES = 5;

// Slack escapes the first three in command text; a message copied from a web page may carry the quotes too.
export function decodeEntities(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#0?39;|&#x27;|&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/** How much of a long question is read (a post quoting Meta's error after two sentences of its own). */
export const MAX_READ_LENGTH = 600;

export function normaliseQuery(input: string, max = MAX_QUERY_LENGTH): string {
  const folded = decodeEntities(input).replace(/\s+/g, ' ').trim();
  return folded.length > max ? folded.slice(0, max).trimEnd() : folded;
}

// A number followed by one of these is a quantity, never a code: "24 hours", "3 times", "128 kb".
const UNITS = new Set(
  (
    'h hr hrs hour hours m min mins minute minutes s sec secs second seconds ms day days week weeks month months ' +
    'time times x kb mb gb k b bytes percent msg msgs message messages user users number numbers request requests ' +
    'call calls per rps mps tps am pm'
  ).split(' '),
);

// Words that announce a code: "error 131047", "code 470", "err 2001", "status 1016".
const INTRODUCERS = /(?:\b(?:error|errors|err|code|codes|status|#)\s*:?\s*|#|\(#)$/i;

/** Codes Meta and 360dialog number in families; a long number in one of them looks like a code. */
const CODE_FAMILY = /^(?:1[34]\d{4}|2388\d{3}|80007)$/;

interface NumberToken {
  readonly value: string;
  readonly before: string;
  readonly after: string;
}

function numbersIn(text: string): NumberToken[] {
  // A Ruby or Python literal writes a code with a separator: 131_026.
  const query = text.replace(/\b(1[34]\d)_(\d{3})\b/g, '$1$2');
  return [...query.matchAll(/(?<![\w.])(\d{1,7})(?![\w.]|\.\d)/g)].map((m) => {
    const at = m.index ?? 0;
    return {
      value: String(Number(m[1])),
      before: query.slice(Math.max(0, at - 12), at),
      after: query.slice(at + (m[1] ?? '').length, at + (m[1] ?? '').length + 12),
    };
  });
}

function isDocumentedExactly(code: string): boolean {
  // Range entries (Meta's 200–299) do not count here: "200" alone is an HTTP OK far more often.
  return entriesForCode(code).some((e) => e.code === code && e.range === undefined);
}

/** Whether one number of the query is meant as an error code. */
function looksLikeCode(token: NumberToken, wholeQuery: boolean): boolean {
  if (wholeQuery) return true;
  const unit = /^\s*%|^\s*-?([a-z]+)/i.exec(token.after)?.[1]?.toLowerCase();
  if (token.after.trimStart().startsWith('%') || (unit !== undefined && UNITS.has(unit))) return false;
  if (INTRODUCERS.test(token.before)) return true;
  if (CODE_FAMILY.test(token.value)) return true;
  // Short documented codes (0–99) are ordinary numbers in prose unless introduced.
  return token.value.length >= 3 && isDocumentedExactly(token.value);
}

/** A number an HTTP client reports for any failed call (400, 401, 429, 500 …): it says less than a Meta code beside it. */
const HTTP_STATUS = /^(?:4(?:0\d|1[0-8]|2[1-9]|31|51)|50\d|51[01])$/;
export const isHttpStatus = (code: string) => HTTP_STATUS.test(code);

/**
 * The codes a query asks about, at most five: Meta's marked `(#131030)` first, then the rest in the order asked,
 * HTTP statuses last ("Status code: 400 … (#131030)", "a 400 error … `1013, not a WhatsApp user`").
 */
export function codesIn(query: string): string[] {
  const tokens = numbersIn(query);
  const bare = /^\s*\(?#?\d{1,7}\)?\s*$/.test(query);
  const found = tokens.filter((t) => looksLikeCode(t, bare));
  const rank = (t: NumberToken) => (/\(#$/.test(t.before) ? 0 : HTTP_STATUS.test(t.value) ? 2 : 1);
  const ordered = found.map((t, i) => ({ t, i })).sort((a, b) => rank(a.t) - rank(b.t) || a.i - b.i);
  return [...new Set(ordered.map(({ t }) => t.value))].slice(0, MAX_CODES);
}
