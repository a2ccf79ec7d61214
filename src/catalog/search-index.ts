/** The search's index, built once at load: fields and phrases per entry, postings, and spellings of typos. */
import { catalog } from './index.js';
import { META_TEXTS } from './meta-texts.js';
import { NEGATION_KEPT, PHRASE_STOPWORDS, phraseWordsOf, withoutIdentifiers, wordsOf } from './words.js';

export interface Field {
  readonly weight: number;
  readonly words: ReadonlySet<string>;
  readonly text: string;
  /** Each phrase of the field on its own ("rate limit", "opted out marketing"), for whole-phrase hits. */
  readonly phrases: readonly string[];
  /** Every word of `text`: a phrase with a word not among them cannot be in it, and needs no scan of the text. */
  readonly textWords: ReadonlySet<string>;
}

function field(weight: number, parts: readonly string[]): Field {
  // Phrases without stop words, so "template is paused" is the phrase "template paused"; a title with "error"
  // in it is both phrases, "media download error" and "media download".
  const phraseOf = (p: string, stop: ReadonlySet<string>) => ` ${phraseWordsOf(p, stop).join(' ')} `;
  const phrases = [...new Set(parts.flatMap((p) => [phraseOf(p, NEGATION_KEPT), phraseOf(p, PHRASE_STOPWORDS)]))];
  const text = phrases.join('|');
  return { weight, words: new Set(parts.flatMap(wordsOf)), text, phrases, textWords: new Set(text.split(/[ |]/)) };
}

// Built once: a search must stay in the microseconds the 3-second ack budget deserves.
export const index = catalog.map((entry) => ({
  entry,
  fields: [
    // A signal's name of several words (TEMPLATE_RED) shares its weight among them: "template" alone is no name.
    field(6 / Math.max(1, wordsOf(entry.code).length), [entry.code]),
    // Meta's own message fragments read like keywords: people paste them whole ("Receiver is incapable …").
    field(4, [...(entry.keywords ?? []), ...(entry.messageHints ?? [])]),
    field(3, [entry.title]),
    field(1, [entry.meaning]),
    field(0.5, entry.steps),
  ],
}));

// An inverted index, so a query touches only the entries that share a word with it.
export const postings = new Map<string, [entry: number, field: number][]>();
for (const [e, { fields }] of index.entries()) {
  for (const [fi, f] of fields.entries()) {
    for (const word of f.words) postings.set(word, [...(postings.get(word) ?? []), [e, fi]]);
  }
}
const vocabulary = [...postings.keys()].sort();

/** Words of the catalog that start with `prefix` (binary search over the sorted vocabulary). */
export function wordsStartingWith(prefix: string): string[] {
  let lo = 0;
  let hi = vocabulary.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((vocabulary[mid] ?? '') < prefix) lo = mid + 1;
    else hi = mid;
  }
  const out: string[] = [];
  for (let i = lo; i < vocabulary.length && vocabulary[i]?.startsWith(prefix); i += 1) out.push(vocabulary[i] ?? '');
  return out;
}

/** Optimal string alignment distance (a swap of two neighbours counts once), or `max + 1` once over `max`. */
function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows: number[][] = [Array.from({ length: b.length + 1 }, (_, j) => j)];
  for (let i = 1; i <= a.length; i += 1) {
    const row = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min((rows[i - 1]?.[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (rows[i - 1]?.[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, (rows[i - 2]?.[j - 2] ?? 0) + 1);
      row.push(d);
    }
    if (Math.min(...row) > max) return max + 1;
    rows.push(row);
  }
  return rows[a.length]?.[b.length] ?? max + 1;
}

/** The vocabulary by word length, for typo look-ups that only compare words of about the same length. */
const byLength = new Map<number, string[]>();
for (const word of vocabulary) if (!/\d/.test(word)) byLength.set(word.length, [...(byLength.get(word.length) ?? []), word]);

/**
 * Catalog words a typo of five letters or more was probably meant as ("templete", "exsit"). People
 * rarely miss the first letter, so only words starting like the typo (or with its first two swapped) count.
 */
export function typoMatches(token: string): readonly string[] {
  if (token.length < 5 || /\d/.test(token)) return [];
  const known = nearSpellings.get(token);
  if (known) return known;
  // Bounded: typed words are unbounded, and a full map is simply started again.
  if (nearSpellings.size >= 2000) nearSpellings.clear();
  const found = computeTypoMatches(token);
  nearSpellings.set(token, found);
  return found;
}

const nearSpellings = new Map<string, readonly string[]>();

function computeTypoMatches(token: string): string[] {
  const max = token.length >= 8 ? 2 : 1;
  const out: string[] = [];
  for (let length = token.length - max; length <= token.length + max; length += 1) {
    for (const word of byLength.get(length) ?? []) {
      const start = word[0] === token[0] || (word[0] === token[1] && word[1] === token[0]);
      if (start && editDistance(token, word, max) <= max) out.push(word);
    }
  }
  return out;
}

/** The catalog's spelling of a typed word: the word itself, or its only near spelling when the catalog lacks it. */
export function spelt(word: string): string {
  if (postings.has(word)) return word;
  const near = typoMatches(word);
  return near.length === 1 ? (near[0] ?? word) : word;
}

/** Every keyword and title phrase of two words or more, to the entries and fields that hold it (fields 1 and 2). */
export const phraseIndex = new Map<string, [entry: number, field: number][]>();
for (const [e, { fields }] of index.entries()) {
  for (const fi of [1, 2]) {
    for (const p of fields[fi]?.phrases ?? []) {
      const key = p.trim();
      // A phrase is two words or more besides "not": "does not exist" alone names no error.
      if (key.split(' ').filter((w) => w !== 'not').length < 2) continue;
      const at = phraseIndex.get(key) ?? [];
      if (!at.some(([x, y]) => x === e && y === fi)) at.push([e, fi]);
      phraseIndex.set(key, at);
    }
  }
}
/** The longest such phrase, in words: how far a query's word runs are looked up. */
export const MAX_PHRASE_WORDS = Math.max(2, ...[...phraseIndex.keys()].map((k) => k.split(' ').length));

/**
 * Meta's own texts for each code (meta-texts.ts) as runs of three words, stop words out: a sentence that quotes
 * part of Meta's title or details ("… has been paused too many times due to low quality …") holds a few of them.
 * Each run maps to the entries of the codes that say it; a text of two words ("Generic error") is one run of two.
 */
export const SHINGLE_WORDS = 3;
export const metaShingles = new Map<string, Set<number>>();
/** How many codes share a run: one that several codes' texts say ("phone number registration") tells less. */
export const shingleCodes = new Map<string, number>();
for (const [e, { entry }] of index.entries()) {
  const texts = entry.generation === 'onprem' || entry.range !== undefined ? undefined : META_TEXTS[entry.code];
  for (const text of texts ?? []) {
    for (const run of shinglesOf(phraseWordsOf(withoutIdentifiers(text), PHRASE_STOPWORDS))) {
      const at = metaShingles.get(run) ?? new Set<number>();
      at.add(e);
      metaShingles.set(run, at);
    }
  }
}
for (const [run, at] of metaShingles) shingleCodes.set(run, new Set([...at].map((e) => index[e]?.entry.code)).size);

/** The runs of SHINGLE_WORDS words of a text; a text of exactly two words is one run. */
function shinglesOf(words: readonly string[]): string[] {
  if (words.length < SHINGLE_WORDS) return words.length === 2 ? [words.join(' ')] : [];
  const out: string[] = [];
  for (let i = 0; i + SHINGLE_WORDS <= words.length; i += 1) out.push(words.slice(i, i + SHINGLE_WORDS).join(' '));
  return out;
}
