import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeText } from '../src/slack/escape.js';
import { clip, cutEscaped, graphemePrefix } from '../src/text/clip.js';

/** No lone surrogate: with the `u` flag a pair is one code point, and only a lone half is of category Cs. */
const isWellFormed = (s: string) => !/\p{Cs}/u.test(s);
const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const graphemesOf = (text: string) => [...segmenter.segment(text)].map((s) => s.segment);

/** Graphemes that a cut by UTF-16 unit or by code point breaks. */
const HARD = [
  '👍🏽', // skin tone
  '👩‍👩‍👧‍👦', // ZWJ family
  '🏳️‍🌈', // ZWJ with a variation selector
  '🇫🇷', // flag: two regional indicators
  '🏴󠁧󠁢󠁳󠁣󠁴󠁿', // subdivision flag: tag characters
  'é', // e and a combining acute
  'ệ', // two combining marks
  '한', // Hangul jamo, one syllable
  '漢', // CJK
  '𠜎', // CJK outside the BMP
  'क्षि', // Devanagari conjunct
  '1️⃣', // keycap
  'z\u0301\u0302\u0303\u0304\u0305\u0306', // a pile of combining marks
  '\r\n', // one grapheme, however plain
  '\r',
  '\n',
  '©', // pictographic below U+0300
  '&',
  '<',
  'a',
  ' ',
];
const hardText = fc.array(fc.constantFrom(...HARD), { maxLength: 60 }).map((parts) => parts.join(''));
const anyText = fc.oneof(
  hardText,
  fc.string({ unit: 'grapheme', maxLength: 80 }),
  fc.string({ unit: 'grapheme-composite', maxLength: 80 }),
);
const limit = fc.integer({ min: 0, max: 120 });

/** Whether `prefix` is the first whole graphemes of `text`. */
const isGraphemePrefix = (prefix: string, text: string) => {
  const all = graphemesOf(text);
  let joined = '';
  for (const g of all) {
    if (joined === prefix) return true;
    joined += g;
  }
  return joined === prefix;
};

describe('cutting text by grapheme', () => {
  it('keeps a prefix of whole graphemes, as long as fits and never longer than the limit', () => {
    fc.assert(
      fc.property(anyText, limit, (text, room) => {
        const cut = graphemePrefix(text, room);
        expect(cut.length).toBeLessThanOrEqual(Math.max(0, room));
        expect(isGraphemePrefix(cut, text)).toBe(true);
        expect(isWellFormed(cut)).toBe(true);
        // As long as fits: the next grapheme would not.
        const next = graphemesOf(text.slice(cut.length))[0];
        if (next !== undefined) expect(cut.length + next.length).toBeGreaterThan(room);
      }),
      { numRuns: 2000 },
    );
  });

  it('clips to at most the limit, saying so with "…", and leaves short text alone', () => {
    fc.assert(
      fc.property(anyText, limit, (text, max) => {
        const out = clip(text, max);
        expect(out.length).toBeLessThanOrEqual(max);
        expect(isWellFormed(out)).toBe(true);
        if (text.length <= max) expect(out).toBe(text);
        else if (max > 0) {
          expect(out.endsWith('…')).toBe(true);
          expect(isGraphemePrefix(out.slice(0, -1), text)).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('cuts escaped text between entities, never inside `&amp;`, `&lt;` or `&gt;`', () => {
    fc.assert(
      fc.property(anyText, limit, (text, max) => {
        const escaped = escapeText(text);
        const out = cutEscaped(escaped, max);
        expect(out.length).toBeLessThanOrEqual(max);
        expect(isWellFormed(out)).toBe(true);
        const kept = out.endsWith('…') && out !== escaped ? out.slice(0, -1) : out;
        expect(isGraphemePrefix(kept, escaped)).toBe(true);
        // Every & still starts a whole entity.
        expect(kept.replace(/&(amp|lt|gt);/g, '')).not.toContain('&');
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps a family, a flag and a skin tone whole where a cut by unit would halve them', () => {
    expect(clip('ab👩‍👩‍👧‍👦', 5)).toBe('ab…');
    expect(clip('🇫🇷🇩🇪', 5)).toBe('🇫🇷…');
    expect(clip('👍🏽👍🏽', 4)).toBe('…');
    expect(cutEscaped('a&amp;b', 4)).toBe('a…');
    expect(clip('anything', 0)).toBe('');
  });
});
