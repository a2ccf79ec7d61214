/**
 * Parsing JSON that was pasted into Slack: often cut off at the end. Never throws; gives the
 * longest prefix that parses once its open strings, arrays and objects are closed.
 */
export const MAX_PASTE_LENGTH = 40_000;
/** How many shorter prefixes to try before giving up; keeps a hostile paste cheap. */
const MAX_ATTEMPTS = 40;

export function parseLenient(text: string): { value: unknown; repaired: boolean } | undefined {
  const input = text.slice(0, MAX_PASTE_LENGTH);
  const start = input.search(/[{[]/);
  if (start < 0) return undefined;
  const body = input.slice(start);
  const whole = tryParse(body);
  if (whole !== undefined) return { value: whole, repaired: false };

  let end = body.length;
  for (let attempt = 0; attempt < MAX_ATTEMPTS && end > 0; attempt += 1) {
    const closed = closeOpen(body.slice(0, end));
    const value = closed === undefined ? undefined : tryParse(closed);
    if (value !== undefined) return { value, repaired: true };
    // Step back to the previous separator: the last value may be cut in half.
    end = Math.max(body.lastIndexOf(',', end - 1), body.lastIndexOf('{', end - 1), body.lastIndexOf('[', end - 1));
  }
  return undefined;
}

function tryParse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Closes whatever is open at the end of a prefix: a string, then arrays and objects. */
function closeOpen(prefix: string): string | undefined {
  const stack: string[] = [];
  let inString = false;
  let escaped = false;
  for (const ch of prefix) {
    if (inString) {
      if (escaped) escaped = false;
      else if (ch === '\\') escaped = true;
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') inString = true;
    else if (ch === '{') stack.push('}');
    else if (ch === '[') stack.push(']');
    else if (ch === '}' || ch === ']') {
      if (stack.pop() !== ch) return undefined;
    }
  }
  let out = inString ? `${prefix}"` : prefix;
  // A dangling separator or key cannot be closed: drop it.
  out = out.replace(/[,:]\s*$/, '').replace(/,\s*"[^"]*"\s*$/, '');
  return out + stack.reverse().join('');
}

/** How many payloads one paste is read for (a log of the same error twice, a request then its answer). */
const MAX_SEGMENTS = 20;

/**
 * The payloads inside pasted text, in order: each `{…}` (or `[{…}]`) with its balanced end, quotes of either
 * kind respected, or the rest of the text when it is cut off before closing.
 */
export function payloadsIn(text: string): { text: string; closed: boolean }[] {
  const out: { text: string; closed: boolean }[] = [];
  let from = 0;
  while (out.length < MAX_SEGMENTS) {
    const start = nextStart(text, from);
    if (start < 0) break;
    const end = balancedEnd(text, start);
    out.push({ text: text.slice(start, end < 0 ? text.length : end), closed: end >= 0 });
    if (end < 0) break;
    from = end;
  }
  return out;
}

function nextStart(text: string, from: number): number {
  for (let i = from; i < text.length; i += 1) {
    const ch = text[i];
    if (ch === '{') return i;
    if (ch === '[' && /^\[\s*[{[]/.test(text.slice(i, i + 40))) return i;
  }
  return -1;
}

/** The index just past the bracket closing the one at `start`, or -1 when the text ends first. */
function balancedEnd(text: string, start: number): number {
  let depth = 0;
  let quote = '';
  for (let i = start; i < text.length; i += 1) {
    const ch = text[i] ?? '';
    if (quote) {
      if (ch === '\\') i += 1;
      else if (ch === quote || ch === '\n') quote = '';
      continue;
    }
    if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '{' || ch === '[') depth += 1;
    else if (ch === '}' || ch === ']') {
      depth -= 1;
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}
