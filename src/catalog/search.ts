/** Free-text search over the catalog: an index built once at load, scored per query in microseconds. */
import { catalog, equivalentsOf, similarTo } from './index.js';
import { expandSynonyms } from './synonyms.js';
import type { CatalogEntry } from './types.js';
import { bySeverity } from './severity.js';
import { namesOnPremise, STOPWORDS, wordsOf } from './words.js';

interface Field {
  readonly weight: number;
  readonly words: ReadonlySet<string>;
  readonly text: string;
  /** Each phrase of the field on its own ("rate limit", "opted out marketing"), for whole-phrase hits. */
  readonly phrases: readonly string[];
}

function field(weight: number, parts: readonly string[]): Field {
  // Phrases without stop words, so "template is paused" is the phrase "template paused".
  const phrases = parts.map(
    (p) =>
      ` ${wordsOf(p)
        .filter((w) => !STOPWORDS.has(w))
        .join(' ')} `,
  );
  return { weight, words: new Set(parts.flatMap(wordsOf)), text: phrases.join('|'), phrases };
}

// Built once: a search must stay in the microseconds the 3-second ack budget deserves.
const index = catalog.map((entry) => ({
  entry,
  fields: [
    field(6, [entry.code]),
    field(4, entry.keywords ?? []),
    field(3, [entry.title]),
    field(1, [entry.meaning]),
    field(0.5, entry.steps),
  ],
}));

const GENERATION_RANK = { cloud: 0, '360dialog': 1, onprem: 2 } as const;
/** On-Premise was retired in October 2025: its entries answer only when clearly better than a Cloud one. */
const GENERATION_FACTOR = { cloud: 1, '360dialog': 1, onprem: 0.8 } as const;
/** Health-check codes arrive on the incident card already; typed questions are mostly about failed sends. */
const healthOnly = (e: CatalogEntry) => e.surfaces.every((s) => s === 'health-check');
/**
 * An account signal (PAUSED, FLAGGED …) announces a failure that also has a numbered send error
 * (132015, 131048); people type what they saw fail far more often than the webhook field's word.
 */
const signalOnly = (e: CatalogEntry) => !/^\d+$/.test(e.code) && e.surfaces.every((s) => s === 'webhook');

// An inverted index, so a query touches only the entries that share a word with it.
const postings = new Map<string, [entry: number, field: number][]>();
for (const [e, { fields }] of index.entries()) {
  for (const [fi, f] of fields.entries()) {
    for (const word of f.words) postings.set(word, [...(postings.get(word) ?? []), [e, fi]]);
  }
}
const vocabulary = [...postings.keys()].sort();

/** Words of the catalog that start with `prefix` (binary search over the sorted vocabulary). */
function wordsStartingWith(prefix: string): string[] {
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
function typoMatches(token: string): readonly string[] {
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
function spelt(word: string): string {
  if (postings.has(word)) return word;
  const near = typoMatches(word);
  return near.length === 1 ? (near[0] ?? word) : word;
}

/**
 * How well each entry matches one word. The best field counts in full; every other field that
 * mentions the word adds a little, so an entry about the word outranks one that merely lists it.
 * A word of four letters or more also matches the start of longer words, at half weight; a word of
 * five or more that matches nothing also matches its near spellings, at half weight.
 */
function tokenScores(token: string): ReadonlyMap<number, number> {
  const known = scoresByWord.get(token);
  if (known) return known;
  const scores = computeTokenScores(token);
  // A catalog word's scores never change: kept once computed, at most one map per vocabulary word.
  if (postings.has(token)) scoresByWord.set(token, scores);
  return scores;
}

const scoresByWord = new Map<string, ReadonlyMap<number, number>>();

function computeTokenScores(token: string): Map<number, number> {
  const hits = new Map<number, number[]>();
  const hit = (e: number, fi: number, weight: number) => {
    const row = hits.get(e) ?? [0, 0, 0, 0, 0];
    row[fi] = Math.max(row[fi] ?? 0, weight);
    hits.set(e, row);
  };
  for (const [e, fi] of postings.get(token) ?? []) hit(e, fi, index[e]?.fields[fi]?.weight ?? 0);
  if (token.length >= 4) {
    for (const word of wordsStartingWith(token)) {
      if (word === token) continue;
      for (const [e, fi] of postings.get(word) ?? []) hit(e, fi, (index[e]?.fields[fi]?.weight ?? 0) * 0.5);
    }
  }
  // A word the catalog does not know at all is probably a typo: its near spellings count at half weight.
  if (hits.size === 0) {
    for (const word of typoMatches(token)) {
      for (const [e, fi] of postings.get(word) ?? []) hit(e, fi, (index[e]?.fields[fi]?.weight ?? 0) * 0.5);
    }
  }
  const scores = new Map<number, number>();
  for (const [e, row] of hits) {
    let best = 0;
    let others = 0;
    for (const w of row) {
      others += Math.min(best, w);
      best = Math.max(best, w);
    }
    scores.set(e, best + others * 0.25);
  }
  return scores;
}

/** Ranks entries for a free-text query: whole phrases over scattered words, titles and keywords over prose. */
export function searchWords(query: string): CatalogEntry[] {
  // A number that reaches the word search was read as a quantity ("3 variables", "24 hours"), not a code.
  const meaningful = (w: string) => !STOPWORDS.has(w) && !/^\d+$/.test(w);
  const typed = [...new Set(wordsOf(query).filter(meaningful))];
  const typedSet = new Set(typed);
  const tokens = [...new Set(wordsOf(expandSynonyms(query)).filter(meaningful))];
  if (typed.length === 0 && tokens.length === 0) return [];
  // The phrase as meant: a misspelt word with one likely spelling reads as that word ("tempalte paused").
  const phrase = ` ${typed.map(spelt).join(' ')} `;
  // Someone who names the On-Premise client is asking about it: the preference for Cloud entries turns round.
  const onPrem = namesOnPremise(query);

  const totals = new Map<number, { score: number; matchedTyped: number }>();
  for (const token of tokens) {
    const isTyped = typedSet.has(token);
    for (const [e, s] of tokenScores(token)) {
      const t = totals.get(e) ?? { score: 0, matchedTyped: 0 };
      // Words a synonym added help, but less than the words the person typed.
      t.score += isTyped ? s : s * 0.6;
      if (isTyped && s > 0) t.matchedTyped += 1;
      totals.set(e, t);
    }
  }

  const scored = [...totals].flatMap(([e, total]) => {
    const item = index[e];
    if (!item) return [];
    const { entry, fields } = item;
    let score = total.score;
    const matchedTyped = total.matchedTyped;
    if (score === 0) return [];
    // A title or keyword that is exactly the phrase typed ("template paused") beats scattered hits.
    // So does a whole title or keyword phrase inside a longer query ("phone number not registered on cloud api").
    for (const f of fields.slice(1, 3)) {
      if (typed.length > 1 && f.phrases.some((p) => p === phrase)) score += f.weight * 4;
      else if (typed.length > 1 && f.text.includes(phrase)) score += f.weight * 2;
      else if (f.phrases.some((p) => p.length > 4 && p.trim().includes(' ') && phrase.includes(p))) score += f.weight * 3;
    }
    const title = fields[2];
    if (title) score += (2 * tokens.filter((t) => title.words.has(t)).length) / title.words.size;
    if (entry.common) score += 1;
    // A long question carries words no entry has ("since this morning our reminders…"): past five words,
    // missing ones count less, so the entry that names the problem is not outweighed by one that shares filler.
    const asked = typed.length <= 5 ? typed.length : 5 + (typed.length - 5) / 2;
    const coverage = typed.length === 0 ? 1 : Math.min(1, Math.max(matchedTyped / asked, 0.34));
    if (typed.length > 0 && matchedTyped / asked < 0.34 && score < 6) return [];
    // Naming the On-Premise client turns the preference round: its entries first, the Cloud ones held back.
    const generation = onPrem ? (entry.generation === 'cloud' ? GENERATION_FACTOR.onprem : 1) : GENERATION_FACTOR[entry.generation];
    const factor = generation * (healthOnly(entry) ? 0.9 : signalOnly(entry) ? 0.8 : 1);
    return [{ entry, score: score * coverage * coverage * factor }];
  });

  // A retired On-Premise code never outranks its Cloud counterpart (2061 after 132015), stated as the
  // same or only as similar: ranking is about what live numbers report, not a claim they are equal.
  // When the Cloud twin did not match the words at all, it still comes first. Someone who names the
  // On-Premise client gets the same rule the other way round.
  const held = onPrem ? 'cloud' : 'onprem';
  const byId = new Map(scored.map((s) => [s.entry.id, s]));
  for (const s of [...scored]) {
    if (s.entry.generation !== held) continue;
    for (const twin of [...equivalentsOf(s.entry), ...similarTo(s.entry)]) {
      const t = byId.get(twin.id);
      if (!t) {
        const promoted = { entry: twin, score: s.score };
        scored.push(promoted);
        byId.set(twin.id, promoted);
        s.score *= 0.99;
      } else if (t.score <= s.score) s.score = t.score * 0.99;
    }
  }

  return scored
    .sort(
      (a, b) =>
        b.score - a.score ||
        GENERATION_RANK[a.entry.generation] - GENERATION_RANK[b.entry.generation] ||
        bySeverity(a.entry.severity, b.entry.severity) ||
        a.entry.id.localeCompare(b.entry.id),
    )
    .map((s) => s.entry);
}
