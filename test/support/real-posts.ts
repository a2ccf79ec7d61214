import { readFileSync } from 'node:fs';

/** One public post as a /wa-error query, labelled with the code its thread names. */
export interface RealPost {
  readonly query: string;
  readonly code: string;
  readonly alt?: readonly string[];
  readonly source: string;
  readonly note?: string;
}

export const realPosts = (kind: 'words' | 'pastes'): readonly RealPost[] =>
  JSON.parse(readFileSync(new URL(`../fixtures/real-posts-${kind}.json`, import.meta.url), 'utf8'));

/**
 * A quarter of each set held out from tuning, chosen by a seeded hash of the query (not by position), so adding
 * posts later never moves an old one between the halves.
 */
export function isHeldOut(query: string): boolean {
  let hash = 0x811c9dc5;
  for (const ch of `real-posts-2026:${query}`) hash = Math.imul(hash ^ (ch.codePointAt(0) ?? 0), 0x01000193) >>> 0;
  return hash % 4 === 0;
}

/** What Slack does to command text: only &, < and > are escaped. */
export const slackEscaped = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
