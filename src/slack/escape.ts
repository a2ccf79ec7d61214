import { clip } from '../text/clip.js';

export { clip };

/**
 * Slack treats only &, < and > as control characters; escaping them defuses every mention,
 * broadcast (<!channel>, <!here>) and link a stranger's text could carry. Ampersand first.
 */
export function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** User text shown inside inline code: escaped, backticks neutralised, kept short. */
export function quoteUserText(text: string, max = 80): string {
  return `\`${escapeText(clip(text.replace(/`/g, "'"), max))}\``;
}
