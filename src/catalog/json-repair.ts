import { graphemePrefix } from '../text/clip.js';

/**
 * Parsing JSON that was pasted into Slack: often cut off at the end. Never throws; gives the
 * longest prefix that parses once its open strings, arrays and objects are closed.
 */
export const MAX_PASTE_LENGTH = 40_000;
/** How many shorter prefixes to try before giving up; keeps a hostile paste cheap. */
const MAX_ATTEMPTS = 40;

export function parseLenient(text: string): { value: unknown; repaired: boolean } | undefined {
  const input = graphemePrefix(text, MAX_PASTE_LENGTH);
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
