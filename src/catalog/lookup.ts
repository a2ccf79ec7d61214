import { catalog, entriesForCode } from './index.js';
import type { CatalogEntry } from './types.js';

/** What a query for `/wa-error` or `npm run explain` resolved to. */
export interface Explanation {
  /** The query as understood: entities decoded, white space folded, cut to a sane length. */
  readonly query: string;
  readonly kind: 'empty' | 'code' | 'words';
  /** Best first. For code queries: every entry of every code asked for, in the order asked. */
  readonly matches: readonly CatalogEntry[];
  /** Codes asked for that no table documents. */
  readonly unknownCodes: readonly string[];
  /** Nearest documented codes, offered when something asked for is unknown or nothing matched. */
  readonly suggestions: readonly CatalogEntry[];
}

export const MAX_QUERY_LENGTH = 200;
const MAX_CODES = 5;
const MAX_WORD_MATCHES = 10;
const MAX_SUGGESTIONS = 5;

// Slack escapes these three in command text; a pasted error message may carry them too.
function decodeEntities(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

export function normaliseQuery(input: string): string {
  const folded = decodeEntities(input).replace(/\s+/g, ' ').trim();
  return folded.length > MAX_QUERY_LENGTH ? folded.slice(0, MAX_QUERY_LENGTH).trimEnd() : folded;
}

/** Standalone integers, also in Meta's "(#131047) Re-engagement message" form. */
function codesIn(query: string): string[] {
  const found = [...query.matchAll(/(?<![\w.])#?(\d{1,7})(?![\w.])/g)].map((m) => String(Number(m[1])));
  return [...new Set(found)].slice(0, MAX_CODES);
}

export function explain(input: string): Explanation {
  const query = normaliseQuery(input);
  if (query === '') return { query, kind: 'empty', matches: [], unknownCodes: [], suggestions: [] };

  const codes = codesIn(query);
  if (codes.length > 0) {
    const matches: CatalogEntry[] = [];
    const unknownCodes: string[] = [];
    for (const code of codes) {
      const entries = entriesForCode(code);
      if (entries.length === 0) unknownCodes.push(code);
      for (const entry of entries) if (!matches.includes(entry)) matches.push(entry);
    }
    const suggestions = unknownCodes.flatMap((code) => nearestCodes(Number(code)));
    return { query, kind: 'code', matches, unknownCodes, suggestions: dedupe(suggestions).slice(0, MAX_SUGGESTIONS) };
  }

  const matches = searchWords(query).slice(0, MAX_WORD_MATCHES);
  return { query, kind: 'words', matches, unknownCodes: [], suggestions: [] };
}

function dedupe(entries: readonly CatalogEntry[]): CatalogEntry[] {
  return [...new Set(entries)];
}

/** Documented codes numerically closest to an unknown one, preferring codes of the same length (same family). */
export function nearestCodes(code: number): CatalogEntry[] {
  const digits = String(code).length;
  const family = (e: CatalogEntry) => (e.code.length === digits ? 0 : 1);
  const distance = (e: CatalogEntry) => Math.abs(Number(e.code) - code);
  return catalog
    .filter((e) => /^\d+$/.test(e.code))
    .sort((a, b) => family(a) - family(b) || distance(a) - distance(b) || a.id.localeCompare(b.id))
    .slice(0, 3);
}

// Words that say nothing about which code is meant.
const STOPWORDS = new Set(
  'a an and are at be by can code codes error errors for from has have how i in is it my not of on or the this to was what when why with whatsapp wa'.split(
    ' ',
  ),
);

function stem(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

function wordsOf(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '')
    .map(stem);
}

interface Field {
  readonly weight: number;
  readonly words: ReadonlySet<string>;
  readonly text: string;
}

// Built once: a search must stay in the microseconds the 3-second ack budget deserves.
const index = catalog.map((entry) => {
  const field = (weight: number, text: string): Field => ({ weight, text: ` ${wordsOf(text).join(' ')} `, words: new Set(wordsOf(text)) });
  const fields: Field[] = [
    field(6, entry.code),
    field(4, (entry.keywords ?? []).join(' | ')),
    field(3, entry.title),
    field(1, entry.meaning),
    field(0.5, entry.steps.join(' ')),
  ];
  return { entry, fields };
});

const SEVERITY_RANK = { critical: 0, warning: 1, info: 2 } as const;
const GENERATION_RANK = { cloud: 0, '360dialog': 1, onprem: 2 } as const;

/** Ranks entries for a free-text query: phrase hits over word hits, titles and keywords over prose. */
export function searchWords(query: string): CatalogEntry[] {
  const tokens = [...new Set(wordsOf(query).filter((w) => !STOPWORDS.has(w)))];
  if (tokens.length === 0) return [];
  const phrase = ` ${tokens.join(' ')} `;

  const scored = index.flatMap(({ entry, fields }) => {
    let score = 0;
    let matched = 0;
    for (const token of tokens) {
      // The best field counts in full; every other field that mentions the word adds a little,
      // so an entry about the word outranks one that merely lists it.
      let best = 0;
      let others = 0;
      for (const f of fields) {
        const hit = f.words.has(token) ? f.weight : token.length >= 4 && f.text.includes(` ${token}`) ? f.weight * 0.5 : 0;
        others += Math.min(best, hit);
        best = Math.max(best, hit);
      }
      if (best > 0) matched += 1;
      score += best + others * 0.25;
    }
    if (tokens.length > 1) {
      for (const f of fields) if (f.text.includes(phrase)) score += f.weight * 2;
    }
    // A short title that is mostly the query ("Rate limit hit") beats a long one that mentions it.
    const title = fields[2];
    if (title) score += (2 * tokens.filter((t) => title.words.has(t)).length) / title.words.size;
    if (entry.common) score += 1.5;
    const coverage = matched / tokens.length;
    if (coverage < 0.5 || score === 0) return [];
    return [{ entry, score: score * coverage * coverage }];
  });

  return scored
    .sort(
      (a, b) =>
        b.score - a.score ||
        GENERATION_RANK[a.entry.generation] - GENERATION_RANK[b.entry.generation] ||
        SEVERITY_RANK[a.entry.severity] - SEVERITY_RANK[b.entry.severity] ||
        a.entry.id.localeCompare(b.entry.id),
    )
    .map((s) => s.entry);
}
