/**
 * The secret scrubber: every secret the process knows, in every spelling text can carry it, replaced by a
 * marker before text leaves the process (log lines, Slack text, stored error text). It lives with the
 * logger, its main user; config/ only holds the secrets.
 */
import { escapeRegExp } from '../text/regexp.js';

/** Secrets shorter than this are not redacted: too short to be a real key, and would blank ordinary words. */
const MIN_SECRET = 6;
/** A base64 fragment shorter than this could match innocent text by chance. */
const MIN_BASE64_CORE = 8;
const MARK = '[redacted]';

/**
 * The base64 spellings of a secret wherever it sits in a longer blob: each of the three byte
 * alignments gives a different encoding, and only its middle — the characters that depend on the
 * secret's bytes alone — is the same in every blob, so that middle is what gets matched.
 */
function base64Cores(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const cores: string[] = [];
  for (let offset = 0; offset < 3; offset++) {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64');
    const core = encoded.slice(Math.ceil((offset * 8) / 6), Math.floor(((offset + bytes.length) * 8) / 6));
    if (core.length >= MIN_BASE64_CORE) cores.push(core, core.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return cores;
}

/**
 * One pattern for every spelling of a secret that text can carry: literal, percent-encoded (wholly or
 * in part, any case), JSON \u00xx and \xNN escapes, hex of its bytes (any case) and base64 (standard
 * and URL-safe, at any alignment).
 */
function patternFor(secret: string): RegExp {
  const perChar = [...secret]
    .map((ch) => {
      const hex = Buffer.from(ch, 'utf8').toString('hex');
      const pairs = hex.match(/../g) ?? [];
      const percent = pairs.map((h) => `%${h}`).join('');
      const code = ch.codePointAt(0) ?? 0;
      const json = code <= 0xffff ? `|\\\\u${code.toString(16).padStart(4, '0')}` : '';
      const xEscape = pairs.length === 1 ? `|\\\\x${hex}` : '';
      return `(?:${escapeRegExp(ch)}|${percent}${json}${xEscape})`;
    })
    .join('');
  const hex = Buffer.from(secret, 'utf8').toString('hex');
  const alternatives = [perChar, hex, ...base64Cores(secret).map(escapeRegExp)];
  // Case-insensitive: hex and percent escapes come in either case; over-matching a key's case costs nothing.
  return new RegExp(alternatives.join('|'), 'gi');
}

const patterns = new Map<string, RegExp>();

/**
 * The spellings of an ASCII secret that need no escape character, lower-cased: the literal, its hex
 * and its base64 cores. In text with neither `%` nor `\\` these are the only ways {@link patternFor}
 * can match (case-insensitively), so a text holding none of them needs no regular expression: a
 * few `includes` instead of compiling one pattern per secret, which with thousands of numbers
 * (a key each) would be most of a poll pass and of every log line.
 */
function plainSpellings(secret: string): readonly string[] | undefined {
  let spellings = plain.get(secret);
  if (spellings === undefined) {
    // Non-ASCII case folding in a non-unicode `i` pattern is not toLowerCase's: those keep the full pattern.
    spellings = /^[\x20-\x7e]*$/.test(secret)
      ? [secret, Buffer.from(secret, 'utf8').toString('hex'), ...base64Cores(secret)].map((s) => s.toLowerCase())
      : null;
    if (plain.size > 100_000) plain.clear();
    plain.set(secret, spellings);
  }
  return spellings ?? undefined;
}
const plain = new Map<string, readonly string[] | null>();

/** Removes every secret, in every encoding {@link patternFor} knows, from text about to leave the process. */
export function redactAll(text: string, secrets: readonly string[]): string {
  let out = text;
  let lower: string | undefined;
  const escapes = text.includes('%') || text.includes('\\');
  for (const secret of secrets) {
    if (secret.length < MIN_SECRET) continue;
    const spellings = escapes ? undefined : plainSpellings(secret);
    if (spellings) {
      lower ??= out.toLowerCase();
      const haystack = lower;
      if (!spellings.some((s) => haystack.includes(s))) continue;
    }
    let pattern = patterns.get(secret);
    if (!pattern) {
      // Bounded: secrets come from configuration, a handful per process.
      if (patterns.size > 1000) patterns.clear();
      pattern = patternFor(secret);
      patterns.set(secret, pattern);
    }
    const replaced = out.replace(pattern, MARK);
    if (replaced !== out) lower = undefined;
    out = replaced;
  }
  return out;
}
