/**
 * The one way text is cut short. Lengths are UTF-16 units, as `String.length` counts them and as
 * strictly as any limit Slack or a terminal applies; cuts fall between graphemes (Intl.Segmenter),
 * so an emoji with a skin tone, a ZWJ family, a flag or a letter with its accents is kept whole or
 * left out whole — never half, never a lone surrogate that a form encoder turns into something else.
 */

/** Made on first use: building one loads ICU's break rules (tens of milliseconds), which most runs never need. */
let segmenter: Intl.Segmenter | undefined;
const graphemes = () => {
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  return segmenter;
};

/**
 * Whether a grapheme surely ends between `at - 1` and `at`: two characters below U+0300 (Latin, digits,
 * punctuation, controls) always part, but for CR LF. Below U+0300 nothing extends, prepends or joins.
 */
function isPlainBoundary(text: string, at: number): boolean {
  const before = text.charCodeAt(at - 1);
  const after = text.charCodeAt(at);
  return before < 0x300 && after < 0x300 && !(before === 0x0d && after === 0x0a);
}

/** The longest start of `text` made of whole graphemes and at most `room` UTF-16 units long. */
export function graphemePrefix(text: string, room: number): string {
  if (text.length <= room) return text;
  if (room <= 0) return '';
  // Most text is plain where it is cut: no segmenter at all (iterating one costs a millisecond per thousand units).
  if (isPlainBoundary(text, room)) return text.slice(0, room);
  // The grapheme that holds unit `room` starts at the cut. Whether a grapheme ends at a place depends on the
  // character just after it (UAX #29 never looks further ahead), which two more units always hold whole.
  return text.slice(
    0,
    graphemes()
      .segment(text.slice(0, room + 2))
      .containing(room)?.index ?? 0,
  );
}

/** Cuts text to at most `max` UTF-16 units, ending in "…" when it did. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max < 1) return '';
  return `${graphemePrefix(text, max - 1)}…`;
}

/** An entity cut off at the end (`&am`, `&lt`): in escaped text every `&` starts one. */
const PARTIAL_ENTITY = /&[a-z]{0,3}$/;

/**
 * Cuts escaped text (`&amp;`, `&lt;`, `&gt;` for &, <, >) to at most `max` units, never through an
 * entity: half of one would show as stray text, and clipping before escaping could overshoot the
 * limit fivefold.
 */
export function cutEscaped(escaped: string, max: number): string {
  if (escaped.length <= max) return escaped;
  if (max < 1) return '';
  return `${graphemePrefix(escaped, max - 1).replace(PARTIAL_ENTITY, '')}…`;
}
