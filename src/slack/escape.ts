/**
 * Slack treats only &, < and > as control characters; escaping them defuses every mention,
 * broadcast (<!channel>, <!here>) and link a stranger's text could carry. Ampersand first.
 */
export function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Cuts text to Slack's limit for a text object, saying that it did. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max - 1)}…`;
}

/** User text shown inside inline code: escaped, backticks neutralised, kept short. */
export function quoteUserText(text: string, max = 80): string {
  return `\`${escapeText(clip(text.replace(/`/g, "'"), max))}\``;
}
