import { catalog, entriesForCode } from './index.js';
import { explainPaste, looksLikePaste, type PastedError } from './paste.js';
import { messageTextOf } from './paste-text.js';
import { codesIn, decodeEntities, isHttpStatus, MAX_READ_LENGTH, normaliseQuery } from './query.js';
import { rankAmong, searchWords } from './search.js';
import { namesAnError } from './search-phrases.js';
import { GENERATION_RANK } from './search-traits.js';
import type { CatalogEntry } from './types.js';

export { MAX_QUERY_LENGTH, normaliseQuery } from './query.js';
export { searchWords } from './search.js';

/** What a query for `/wa-error` or `npm run explain` resolved to. */
export interface Explanation {
  /** The query as understood: entities decoded, white space folded, cut to a sane length; for a paste, its codes. */
  readonly query: string;
  readonly kind: 'empty' | 'code' | 'words' | 'paste';
  /** Best first. For code queries: every entry of every code asked for, in the order asked. */
  readonly matches: readonly CatalogEntry[];
  /** Codes asked for (or pasted) that no table documents. */
  readonly unknownCodes: readonly string[];
  /** Nearest documented codes, offered when something asked for is unknown. */
  readonly suggestions: readonly CatalogEntry[];
  /** For a pasted payload: every error found in it, where it came from, and how many there were. */
  readonly pasted?: { readonly errors: readonly PastedError[]; readonly total: number; readonly truncated: boolean };
}

const MAX_WORD_MATCHES = 10;
const MAX_SUGGESTIONS = 5;

function explainCodes(codes: readonly string[], hint = ''): Omit<Explanation, 'kind' | 'query'> {
  const matches: CatalogEntry[] = [];
  const unknownCodes: string[] = [];
  for (const code of codes) {
    const entries = entriesForCode(code);
    if (entries.length === 0 && !unknownCodes.includes(code)) unknownCodes.push(code);
    for (const entry of byHint(preferCloud(entries), hint)) if (!matches.includes(entry)) matches.push(entry);
  }
  const suggestions = [...new Set(unknownCodes.flatMap((code) => nearestCodes(code)))].slice(0, MAX_SUGGESTIONS);
  return { matches, unknownCodes, suggestions };
}

/**
 * A code two tables use differently (1005: 360dialog's Hub or On-Premise's access denied; 1016; 400) keeps every
 * meaning, the one the rest of the question points at first ("1005 on-premise access denied", "400 unpaid
 * invoices"): the words beside the code score its meanings, the best first. No hint, no change (Cloud first).
 */
function byHint(entries: readonly CatalogEntry[], hint: string): readonly CatalogEntry[] {
  return entries.length < 2 || hint === '' ? entries : rankAmong(hint, entries);
}

/** Within one code, live Cloud API entries before 360dialog and retired On-Premise ones. */
function preferCloud(entries: readonly CatalogEntry[]): CatalogEntry[] {
  return [...entries].sort((a, b) => GENERATION_RANK[a.generation] - GENERATION_RANK[b.generation]);
}

export function explain(input: string): Explanation {
  const decoded = decodeEntities(input);
  if (looksLikePaste(decoded)) {
    const pasted = explainPaste(decoded);
    const codes = [...new Set(pasted.errors.map((e) => e.code))];
    if (codes.length === 0) {
      // An error pasted without its code (a wrapper kept only Meta's message): its words still name the error.
      const words = normaliseQuery(messageTextOf(decoded));
      const matches = words === '' ? [] : searchWords(words).slice(0, MAX_WORD_MATCHES);
      if (matches.length > 0) return { query: words, kind: 'words', matches, unknownCodes: [], suggestions: [] };
    }
    return { query: codes.join(' '), kind: 'paste', ...explainCodes(codes), pasted };
  }
  // Shown as asked, cut to a sane length; read a little further, where a long post quotes the error.
  const query = normaliseQuery(input);
  if (query === '') return { query, kind: 'empty', matches: [], unknownCodes: [], suggestions: [] };
  const read = normaliseQuery(input, MAX_READ_LENGTH);

  const codes = codesIn(read);
  // "In Replit I get a 400 error … Unsupported post request. Object with ID …": an HTTP status said in passing
  // beside Meta's own words for the error; the words name it, the status only says the call failed.
  const inPassing = codes.every(isHttpStatus) && read.split(' ').length >= 8 && namesAnError(read);
  // The words beside the codes say which meaning of a code used by two tables is meant.
  const hint = codes.length > 0 ? read.replace(/\d+/g, ' ').trim() : '';
  if (codes.length > 0 && !inPassing) return { query, kind: 'code', ...explainCodes(codes, hint) };

  const matches = searchWords(read).slice(0, MAX_WORD_MATCHES);
  return { query, kind: 'words', matches, unknownCodes: [], suggestions: [] };
}

/**
 * Documented codes closest to an unknown one: same family first (the longest shared prefix),
 * then numerically nearest. 136024 → 133xxx/135xxx codes rather than 1xxx ones.
 */
export function nearestCodes(code: string | number): CatalogEntry[] {
  const text = String(code);
  const n = Number(text);
  if (!Number.isInteger(n)) return [];
  const shared = (e: CatalogEntry) => {
    let i = 0;
    while (i < text.length && i < e.code.length && text[i] === e.code[i]) i += 1;
    return e.code.length === text.length ? i : -1;
  };
  // The best three in one walk, not a sort of every numbered entry: this runs on every unknown code asked, and
  // sorting five hundred entries was most of answering one. `numbered` is in id order, so a tie keeps the earlier.
  const best: Near[] = [];
  for (const { entry, numeric } of numbered) {
    const near = { entry, shared: shared(entry), distance: Math.abs(numeric - n) };
    let at = best.length;
    while (at > 0 && isNearer(near, best[at - 1] as Near)) at -= 1;
    if (at === 3) continue;
    best.splice(at, 0, near);
    if (best.length > 3) best.pop();
  }
  return best.map((k) => k.entry);
}

interface Near {
  readonly entry: CatalogEntry;
  readonly shared: number;
  readonly distance: number;
}
const isNearer = (a: Near, b: Near) => a.shared > b.shared || (a.shared === b.shared && a.distance < b.distance);

/** Entries with a numeric code in id order (nearestCodes' tie-break), each code read as a number once. */
const numbered = catalog
  .filter((e) => /^\d+$/.test(e.code))
  .sort((a, b) => a.id.localeCompare(b.id))
  .map((entry) => ({ entry, numeric: Number(entry.code) }));
