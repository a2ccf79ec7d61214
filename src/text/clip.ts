/**
 * The one way text is cut short. Lengths are UTF-16 units, as `String.length` counts them and as
 * strictly as any limit Slack or a terminal applies; cuts fall between graphemes (Intl.Segmenter),
 * so an emoji with a skin tone, a ZWJ family, a flag or a letter with its accents is kept whole or
 * left out whole — never half, never a lone surrogate that a form encoder turns into something else.
 */

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** The longest start of `text` made of whole graphemes and at most `room` UTF-16 units long. */
export function graphemePrefix(text: string, room: number): string {
  if (text.length <= room) return text;
  if (room <= 0) return '';
  // Whether a grapheme ends at `room` depends on the character just after it (UAX #29 never looks further
  // ahead), which two more units always hold whole: segmenting that much, not the whole text, is enough.
  let end = 0;
  for (const { index, segment } of graphemes.segment(text.slice(0, room + 2))) {
    if (index + segment.length > room) break;
    end = index + segment.length;
  }
  return text.slice(0, end);
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
