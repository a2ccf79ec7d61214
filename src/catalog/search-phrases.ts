/** What a question holds whole: catalog phrases, quoted text, runs of Meta's own words (search.ts weighs them). */
import { metaShingles, phraseIndex, MAX_PHRASE_WORDS, SHINGLE_WORDS, shingleCodes, spelt } from './search-index.js';
import { PHRASE_STOPWORDS, phraseWordsOf, withoutIdentifiers } from './words.js';

/**
 * The words of a text as a phrase is matched: no stop words (but "error"), typos spelt right. Numbers stay, as
 * in the catalog's phrases ("24 hours"), though as single words they are quantities and match nothing.
 */
export const phraseWords = (text: string) => phraseWordsOf(text, PHRASE_STOPWORDS).map(spelt);

/**
 * What a long question quotes: "Message undeliverable", “pair rate limit hit”, `Generic error`. Quoted text is
 * what the API said, so it names the error better than the sentence around it.
 */
export function quotedPhrases(query: string): string[][] {
  const out: string[][] = [];
  for (const m of query.matchAll(/["“”`]([^"“”`]{4,200})["“”`]/g)) {
    // A quoted field name or value ("phone_number", 'template_name') is no message: its words do not count.
    const words = phraseWords(withoutIdentifiers(m[1] ?? ''));
    // One quoted word ("Resolved") is a name, not the API's message.
    if (words.length >= 2) out.push(words);
  }
  return out;
}

/** Whether a query contains a title or keyword phrase of some entry whole (Meta's message quoted in a sentence). */
export function namesAnError(query: string): boolean {
  return phraseHitsOf(query, phraseWords(query)).size > 0 || [...metaHits(query).values()].some((w) => w >= 1);
}

/**
 * How much of Meta's own texts for each entry a query quotes: its runs of three words (and two) found among the
 * runs of Meta's titles and details, each worth 1 shared by the codes that say it. Unspelt: Meta's words are
 * not all the catalog's, and a quote is copied, not typed.
 */
export function metaHits(query: string): Map<number, number> {
  const words = phraseWordsOf(withoutIdentifiers(query), PHRASE_STOPWORDS);
  const hits = new Map<number, number>();
  const seen = new Set<string>();
  for (let i = 0; i < words.length; i += 1) {
    for (let n = 2; n <= SHINGLE_WORDS && i + n <= words.length; n += 1) {
      const run = words.slice(i, i + n).join(' ');
      const at = metaShingles.get(run);
      if (!at || seen.has(run)) continue;
      seen.add(run);
      // A run of two is a whole text of two words ("Generic error", "parameter required"): quoted whole.
      const worth = (n < SHINGLE_WORDS ? 2 : 1) / (shingleCodes.get(run) ?? 1);
      for (const e of at) hits.set(e, (hits.get(e) ?? 0) + worth);
    }
  }
  return hits;
}

/**
 * The keyword and title phrases a run of words holds whole, by entry: each run of two words or more is looked up
 * in the phrase index, so a long question costs a few hundred look-ups, not a scan of every entry's phrases.
 */
export function phraseHits(words: readonly string[]): Map<number, { field: number; phrase: string }[]> {
  const hits = new Map<number, { field: number; phrase: string }[]>();
  for (let i = 0; i < words.length; i += 1) {
    for (let n = 2; n <= MAX_PHRASE_WORDS && i + n <= words.length; n += 1) {
      const key = words.slice(i, i + n).join(' ');
      for (const [e, field] of phraseIndex.get(key) ?? []) hits.set(e, [...(hits.get(e) ?? []), { field, phrase: ` ${key} ` }]);
    }
  }
  return hits;
}

/** The phrases a query holds, read as written and with the field names Meta fills in taken out (words.ts). */
export function phraseHitsOf(query: string, said: readonly string[]): Map<number, { field: number; phrase: string }[]> {
  const hits = phraseHits(said);
  const bare = withoutIdentifiers(query);
  if (bare === query) return hits;
  for (const [e, found] of phraseHits(phraseWords(bare))) hits.set(e, [...(hits.get(e) ?? []), ...found]);
  return hits;
}
