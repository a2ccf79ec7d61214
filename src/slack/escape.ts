import { escapeText } from '../mrkdwn.js';

export { escapeText };

/** Cuts text to Slack's limit for a text object, saying that it did. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max - 1)}…`;
}

/** User text shown inside inline code: escaped, backticks neutralised, kept short. */
export function quoteUserText(text: string, max = 80): string {
  return `\`${escapeText(clip(text.replace(/`/g, "'"), max))}\``;
}
