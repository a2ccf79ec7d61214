import { describe, expect, it } from 'vitest';
import { explain } from '../src/catalog/lookup.js';
import { isHeldOut, type RealPost, realPosts, slackEscaped } from './support/real-posts.js';

/**
 * What people wrote in public issue threads of WhatsApp SDKs and tools (Chatwoot, n8n, pywa, frappe_whatsapp,
 * whatsapp-api-js …), each labelled with the code the thread itself names (the pasted error, the maintainer's
 * answer). Words: their description with the code taken out. Pastes: what they pasted, as pasted. Collected
 * before the ranking and the paste reader were tuned on them; do not edit a query to make it pass.
 */

function precisionOf(label: string, set: readonly RealPost[], transform: (q: string) => string = (q) => q): number {
  const misses: string[] = [];
  for (const post of set) {
    const first = explain(transform(post.query)).matches[0]?.code ?? 'nothing';
    const wanted = [post.code, ...(post.alt ?? [])];
    if (!wanted.includes(first))
      misses.push(`${post.source}: ${post.query.slice(0, 90).replace(/\s+/g, ' ')} → ${first} (want ${wanted.join('|')})`);
  }
  const precision = set.length === 0 ? 1 : (set.length - misses.length) / set.length;
  console.log(`${label}: precision@1 = ${(precision * 100).toFixed(1)}% on ${set.length}`);
  if (misses.length > 0) console.log(`misses:\n  ${misses.join('\n  ')}`);
  return precision;
}

describe('the first answer to what real people wrote', () => {
  const words = realPosts('words');
  const pastes = realPosts('pastes');

  it('has enough posts, each with its source, and a held-out quarter', () => {
    expect(words.length + pastes.length).toBeGreaterThanOrEqual(150);
    for (const post of [...words, ...pastes]) expect(post.source, post.query).toMatch(/^[\w.-]+\/[\w.-]+#\d+$|^https:\/\//);
    const held = [...words, ...pastes].filter((p) => isHeldOut(p.query)).length;
    expect(held / (words.length + pastes.length)).toBeGreaterThan(0.15);
  });

  it('reads their descriptions for the error they describe (at least 90%)', () => {
    precisionOf(
      'real words, held out',
      words.filter((p) => isHeldOut(p.query)),
    );
    expect(precisionOf('real words', words)).toBeGreaterThanOrEqual(0.9);
  });

  it('reads their pastes for the Meta code in them (at least 97%)', () => {
    precisionOf(
      'real pastes, held out',
      pastes.filter((p) => isHeldOut(p.query)),
    );
    expect(precisionOf('real pastes', pastes)).toBeGreaterThanOrEqual(0.97);
  });

  it('reads the same pastes as Slack escapes them', () => {
    expect(precisionOf('real pastes, Slack-escaped', pastes, slackEscaped)).toBeGreaterThanOrEqual(0.97);
  });
});
