/** Free-text search over the catalog: an index built once at load, scored per query in microseconds. */
import { equivalentsOf, similarTo } from './index.js';
import { expandedWith, expandSynonyms, synonymsOf } from './synonyms.js';
import type { CatalogEntry } from './types.js';
import { PRODUCT_NAMES, tieRank, traits } from './search-traits.js';
import { index, phraseIndex, postings, typoMatches, wordsStartingWith } from './search-index.js';
import { metaHits, phraseHits, phraseHitsOf, phraseWords, quotedPhrases } from './search-phrases.js';
import { namesOnPremise, STOPWORDS, wordsOf } from './words.js';

/** On-Premise was retired in October 2025: its entries answer only when clearly better than a Cloud one. */
const GENERATION_FACTOR = { cloud: 1, '360dialog': 1, onprem: 0.8 } as const;
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
  // A word the catalog knows only shorter is that word with a suffix ("parameterized", "expired"): half weight.
  for (let n = token.length - 1; hits.size === 0 && n >= Math.max(5, token.length - 4); n -= 1) {
    const stem = token.slice(0, n);
    if (STOPWORDS.has(stem)) continue; // "everyone" is not "every"
    for (const [e, fi] of postings.get(stem) ?? []) hit(e, fi, (index[e]?.fields[fi]?.weight ?? 0) * 0.5);
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

/**
 * How much a word tells entries apart: one that a handful of entries use ("incapable", "allowed") counts more
 * than one that dozens do ("message", "template", "number"), the inverse document frequency of BM25.
 */
const RARITY_REF = Math.log((index.length + 1) / (10 + 0.5));
function rarityOf(entries: number): number {
  const idf = Math.log((index.length + 1) / (entries + 0.5));
  return Math.min(2, Math.max(0.2, idf / RARITY_REF));
}

/** How rare a phrase's words are, on average (see rarityOf); computed once per phrase. */
const phraseRarities = new Map<string, number>();
function phraseRarity(p: string): number {
  const known = phraseRarities.get(p);
  if (known !== undefined) return known;
  const words = p.trim().split(' ');
  const entries = (w: string) => new Set((postings.get(w) ?? []).map(([e]) => e)).size;
  const rarity = words.reduce((sum, w) => sum + rarityOf(entries(w)), 0) / words.length;
  phraseRarities.set(p, rarity);
  return rarity;
}

/** What one run of Meta's words adds to an entry's score: about a keyword phrase held whole (4 × 3). */
const META_RUN_WEIGHT = 6;

/** The share of a long question an entry answers at least, when the question holds one of its phrases whole. */
const PHRASE_COVERAGE = 0.5;
/**
 * The same when a synonym rule read the question as a known complaint and its words hold one of the entry's phrases:
 * more than a phrase met in passing (the rule was written for this complaint), less than a quote of Meta's words.
 */
const DESCRIBED_COVERAGE = 0.75;

/**
 * The given entries (one code's meanings) in the order the words of `hint` favour, by the words alone: cheap next
 * to a full search, since only these entries are scored. Entries the words do not tell apart keep their order.
 */
export function rankAmong(hint: string, entries: readonly CatalogEntry[]): CatalogEntry[] {
  const tokens = [...new Set(wordsOf(expandSynonyms(hint)).filter((w) => !STOPWORDS.has(w) && !/^\d+$/.test(w)))];
  const onPrem = namesOnPremise(hint);
  const scoreOf = (entry: CatalogEntry) => {
    const e = index.findIndex((item) => item.entry === entry);
    const words = tokens.reduce((sum, t) => sum + (tokenScores(t).get(e) ?? 0), 0);
    return words + (onPrem && entry.generation === 'onprem' ? 1 : 0);
  };
  const scores = new Map(entries.map((entry) => [entry, scoreOf(entry)]));
  return [...entries].sort((a, b) => (scores.get(b) ?? 0) - (scores.get(a) ?? 0));
}

/** A query as the scoring reads it: its words, its phrases, what it quotes, what the synonym rules made of it. */
interface Reading {
  readonly query: string;
  readonly typed: readonly string[];
  readonly typedSet: ReadonlySet<string>;
  readonly tokens: readonly string[];
  readonly said: readonly string[];
  readonly phrase: string;
  readonly inside: ReadonlyMap<number, readonly { field: number; phrase: string }[]>;
  readonly whole: readonly (readonly [number, number])[];
  readonly onPrem: boolean;
  readonly meta: ReadonlyMap<number, number>;
  readonly described: ReadonlySet<number>;
  readonly quoted: ReadonlyMap<number, ReadonlySet<number>>;
  /** The APIs beside messaging the question names (search-traits.ts PRODUCT_NAMES): three tests, once per question. */
  readonly products: ReadonlySet<RegExp>;
}

function readQuery(query: string): Reading | undefined {
  // A number that reaches the word search was read as a quantity ("3 variables", "24 hours"), not a code.
  // So is a number with its unit ("72h", "10k", "500ms"), unless the catalog uses it as a word ("24h", "5xx").
  const quantity = (w: string) => /^\d+(?:[hdmsk]|hrs?|mins?|secs?|ms|kb|mb|gb)$/.test(w) && !postings.has(w);
  const meaningful = (w: string) => !STOPWORDS.has(w) && !/^\d+$/.test(w) && !quantity(w);
  const typed = [...new Set(wordsOf(query).filter(meaningful))];
  // The synonym rules run once per question: their words feed both the tokens and the described entries.
  const adds = synonymsOf(query);
  const tokens = [...new Set(wordsOf(expandedWith(query, adds)).filter(meaningful))];
  if (typed.length === 0 && tokens.length === 0) return undefined;
  // The phrase as meant: a misspelt word with one likely spelling reads as that word ("tempalte paused").
  const said = phraseWords(query);
  const quoted = new Map<number, Set<number>>();
  for (const words of quotedPhrases(query)) {
    for (const [e, hits] of phraseHits(words)) quoted.set(e, new Set([...(quoted.get(e) ?? []), ...hits.map((h) => h.field)]));
  }
  return {
    query,
    typed,
    typedSet: new Set(typed),
    tokens,
    said,
    phrase: ` ${said.join(' ')} `,
    inside: phraseHitsOf(query, said),
    whole: phraseIndex.get(said.join(' ')) ?? [],
    // Someone who names the On-Premise client is asking about it: the preference for Cloud entries turns round.
    onPrem: namesOnPremise(query),
    meta: metaHits(query),
    // A rule that read the question as a known complaint ("blocks our business") names the entries whose phrase
    // its words hold, as a phrase the person typed would.
    described: new Set(adds.flatMap((words) => [...phraseHits(phraseWords(words)).keys()])),
    quoted,
    products: new Set(PRODUCT_NAMES.filter((named) => named.test(query))),
  };
}

interface Total {
  score: number;
  matchedTyped: number;
}

/** Each entry's score from the words alone, and how many of the typed words it matched. */
function wordTotals(r: Reading): Map<number, Total> {
  const totals = new Map<number, Total>();
  for (const token of r.tokens) {
    const isTyped = r.typedSet.has(token);
    const scores = tokenScores(token);
    // A synonym's words are the catalog's own, not the person's: they do not gain from being rare.
    const rarity = isTyped ? rarityOf(scores.size) : Math.min(1, rarityOf(scores.size));
    for (const [e, s] of scores) {
      const t = totals.get(e) ?? { score: 0, matchedTyped: 0 };
      // Words a synonym added help, but less than the words the person typed.
      t.score += (isTyped ? s : s * 0.6) * rarity;
      if (isTyped && s > 0) t.matchedTyped += 1;
      totals.set(e, t);
    }
  }
  // An entry whose words the question shares none of can still be the one whose Meta text it quotes.
  for (const e of r.meta.keys()) if (!totals.has(e)) totals.set(e, { score: 0, matchedTyped: 0 });
  return totals;
}

/** The keyword and title fields: the ones whose phrases count whole. */
const FIELDS_OF_PHRASES = [1, 2] as const;

/** One entry's final score: its words, its phrases held whole or quoted, how much of the question it answers. */
function scoreEntry(r: Reading, e: number, total: Total): { entry: CatalogEntry; score: number } | undefined {
  const item = index[e];
  if (!item) return undefined;
  const { entry, fields } = item;
  // Meta's title or details quoted: two runs (four words in a row) name the error as surely as a quote.
  const fromMeta = r.meta.get(e) ?? 0;
  let score = total.score + META_RUN_WEIGHT * Math.min(fromMeta, 6);
  if (score === 0) return undefined;
  // A title or keyword that is exactly the phrase typed ("template paused") beats scattered hits.
  // So does a whole title or keyword phrase inside a longer query ("phone number not registered on cloud api").
  // How much of what was asked this entry answers: all of it when a quoted text is its title or keyword,
  // at least a fair part when the sentence holds one of its phrases whole, else the share of words it matched.
  let named = fromMeta >= 2 ? 1 : r.described.has(e) ? DESCRIBED_COVERAGE : fromMeta >= 1 ? PHRASE_COVERAGE : 0;
  const inside = r.inside.get(e);
  for (const fi of FIELDS_OF_PHRASES) {
    const f = fields[fi];
    if (!f) continue;
    if (r.typed.length > 1 && r.whole.some(([x, y]) => x === e && y === fi)) score += f.weight * 4;
    else if (r.typed.length > 1 && r.said.length <= 6 && r.said.every((w) => f.textWords.has(w)) && f.text.includes(r.phrase))
      score += f.weight * 2;
    else if (inside?.some((h) => h.field === fi)) {
      score += f.weight * 3;
      // A phrase of common words ("phone number") answers less of a long question than one of rare words.
      if (inside.some((h) => h.field === fi && phraseRarity(h.phrase) >= 0.5)) named = Math.max(named, PHRASE_COVERAGE);
    }
    // A quoted text that is this title or keyword, or holds it whole, is the strongest sign of all.
    if (r.quoted.get(e)?.has(fi)) {
      score += f.weight * 5;
      named = 1;
    }
  }
  const title = fields[2];
  if (title) {
    let inTitle = 0;
    for (const t of r.tokens) if (title.words.has(t)) inTitle += 1;
    score += (2 * inTitle) / title.words.size;
  }
  if (entry.common) score += 1;
  // A long question carries words no entry has ("since this morning our reminders…"): past five words,
  // missing ones count less, so the entry that names the problem is not outweighed by one that shares filler.
  const typed = r.typed.length;
  const asked = typed <= 5 ? typed : 5 + (typed - 5) / 2;
  const coverage = typed === 0 ? 1 : Math.min(1, Math.max(total.matchedTyped / asked, 0.34, named));
  if (typed > 0 && total.matchedTyped / asked < 0.34 && score < 6) return undefined;
  // Naming the On-Premise client turns the preference round: its entries first, the Cloud ones held back.
  const generation = r.onPrem ? (entry.generation === 'cloud' ? GENERATION_FACTOR.onprem : 1) : GENERATION_FACTOR[entry.generation];
  const { kindFactor, product } = traits[e] ?? { kindFactor: 1, product: undefined };
  const elsewhere = product && !r.products.has(product) ? 0.75 : 1;
  const factor = generation * elsewhere * kindFactor;
  return { entry, score: score * coverage * coverage * factor };
}

/**
 * A retired On-Premise code never outranks its Cloud counterpart (2061 after 132015), stated as the same or only
 * as similar: ranking is about what live numbers report, not a claim they are equal. When the Cloud twin did not
 * match the words at all, it still comes first. Someone who names the On-Premise client gets the rule the other way.
 */
function holdBehindTwins(scored: { entry: CatalogEntry; score: number }[], onPrem: boolean): void {
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
}

/** Ranks entries for a free-text query: whole phrases over scattered words, titles and keywords over prose. */
export function searchWords(query: string): CatalogEntry[] {
  const reading = readQuery(query);
  if (!reading) return [];
  const scored = [...wordTotals(reading)].flatMap(([e, total]) => scoreEntry(reading, e, total) ?? []);
  holdBehindTwins(scored, reading.onPrem);
  return scored.sort((a, b) => b.score - a.score || tieRank(a.entry) - tieRank(b.entry)).map((s) => s.entry);
}
