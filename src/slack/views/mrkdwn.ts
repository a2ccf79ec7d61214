import { cutEscaped } from '../../text/clip.js';
import { escapeText } from '../escape.js';
import { conditionTitle } from './incident-words.js';
import { type Block, LIMITS } from './message.js';

/** Small pieces every view builds from: blocks that respect Slack's limits, and safe text. */

export const section = (text: string): Block => ({ type: 'section', text: { type: 'mrkdwn', text: cutEscaped(text, LIMITS.sectionText) } });
export const context = (text: string): Block => ({
  type: 'context',
  elements: [{ type: 'mrkdwn', text: cutEscaped(text, LIMITS.sectionText) }],
});

/**
 * Escapes, then cuts to `max` characters of escaped text, never through the middle of an
 * entity: clipping before escaping could overshoot the limit fivefold (`<` is four characters).
 */
export function escapeClip(text: string, max: number): string {
  return cutEscaped(escapeText(text), max);
}

export { cutEscaped };

/** Upstream text on one line: a newline would end the quote it is shown in. */
export const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

/**
 * A condition as people read it: "131047 Re-engagement message …". A blind spot's code is a lowercase word
 * ("timeout", "monitoring") that its title already says, so only the title is shown ("monitoring Monitoring degraded" otherwise).
 */
export const isWordCode = (code: string) => /^[a-z][a-z-]*$/.test(code);
export const conditionName = (c: { readonly key?: string; readonly code: string; readonly title?: string }) =>
  isWordCode(c.code) ? conditionTitle(c) : `${c.code} ${conditionTitle(c)}`;

/** A card's link in Slack: the archives URL works in every client without knowing the workspace. */
export const cardUrl = (card: { readonly channel: string; readonly ts: string }) =>
  `https://slack.com/archives/${card.channel}/p${card.ts.replace('.', '')}`;

/** A Slack id only when it looks like one: anything else is shown, never linked. */
export function mention(user: string): string {
  return /^[UW][A-Z0-9]{2,}$/.test(user) ? `<@${user}>` : escapeClip(user, 40);
}

/** A time a JavaScript Date can hold (toISOString throws past year 275760). */
const isDate = (ms: number) => Number.isFinite(ms) && Math.abs(ms) <= 8.64e15;

export function isoUtc(ms: number): string {
  return isDate(ms) ? new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z') : 'unknown time';
}

/** Each reader sees their own time zone; the fallback is for clients that cannot format dates. */
export function when(ms: number): string {
  if (!isDate(ms)) return 'an unknown time';
  const fallback = `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  return `<!date^${Math.floor(ms / 1000)}^{date_short_pretty} {time}|${fallback}>`;
}

export function times(count: number): string {
  return count === 1 ? 'once' : `${count} times`;
}

/** Adds items while they fit, then says how many did not. */
export function joinWithin(items: readonly string[], separator: string, max: number): string {
  let out = '';
  for (const [i, item] of items.entries()) {
    const next = out === '' ? item : `${out}${separator}${item}`;
    const left = items.length - i - 1;
    if (next.length + (left > 0 ? 12 : 0) > max) return `${out === '' ? '' : `${out}${separator}`}… ${items.length - i} more`;
    out = next;
  }
  return out;
}
