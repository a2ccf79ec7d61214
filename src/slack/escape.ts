import { clip } from '../text/clip.js';
import { escapeText } from '../mrkdwn.js';

export { clip, escapeText };

/** User text shown inside inline code: escaped, backticks neutralised, kept short. */
export function quoteUserText(text: string, max = 80): string {
  return `\`${escapeText(clip(text.replace(/`/g, "'"), max))}\``;
}
