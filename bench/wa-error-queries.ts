/**
 * What people type into `/wa-error`, in four kinds. The uncached kinds hold many more distinct
 * queries than the answer cache keeps, and are cycled in order: a least-recently-used cache never
 * hits a cyclic scan longer than itself, so every request there takes the real search path.
 */
import { catalog } from '../src/catalog/index.js';
import { SYNONYMS } from '../src/catalog/synonyms.js';
import { readFileSync } from 'node:fs';
import { payloads } from './webhook-payloads.js';

export type Kind = 'cached' | 'codes' | 'words' | 'posts' | 'paste';

/** The same eight queries again and again: after the first round every one is a cache hit. */
const CACHED = ['2001', '131047', 'rate limit', '1016', '99999', '', 'template', '470 471'];

const wordsOf = (text: string) => text.toLowerCase().match(/[a-z]{3,}/g) ?? [];

/** Documented codes, unknown codes (they fetch the nearest documented ones) and codes in sentences. */
function codeQueries(min: number): string[] {
  const codes = [...new Set(catalog.map((e) => e.code).filter((c) => /^\d+$/.test(c)))];
  const out = new Set<string>();
  for (let i = 0; out.size < min; i++) {
    const code = codes[i % codes.length] ?? '131047';
    if (i % 4 === 0) out.add(String(140_000 + i));
    else if (i % 4 === 1) out.add(`error ${code} again`);
    else if (i % 4 === 2) out.add(`${code} ${codes[(i * 7) % codes.length]}`);
    else out.add(`got code ${code} on send ${Math.floor(i / codes.length)} times`);
  }
  return [...out];
}

/** Two to four words from catalog titles, keywords and synonym phrases, mixed across entries. */
function wordQueries(min: number): string[] {
  const pool = [
    ...new Set([
      ...catalog.flatMap((e) => [...wordsOf(e.title), ...(e.keywords ?? []).flatMap(wordsOf)]),
      ...SYNONYMS.flatMap(([, adds]) => wordsOf(adds)),
    ]),
  ];
  const titles = catalog.map((e) => wordsOf(e.title));
  const out = new Set<string>();
  for (let i = 0; out.size < min; i++) {
    const title = titles[i % titles.length] ?? [];
    const picked = [title[i % Math.max(1, title.length)] ?? 'template', pool[(i * 31) % pool.length] ?? 'limit'];
    if (i % 3 !== 0) picked.push(pool[(i * 17 + 5) % pool.length] ?? 'paused');
    if (i % 5 === 0) picked.push('not working');
    out.add(picked.join(' '));
  }
  return [...out];
}

/** Webhook JSON with a handful of failed statuses, a few KB each, as someone pastes it from a log. */
function pasteQueries(count: number): string[] {
  return payloads(count * 4, 7)
    .filter((p) => p.includes('"errors"') && p.length >= 1500 && p.length <= 6000)
    .slice(0, count);
}

/**
 * Questions nobody on the project wrote for the bench: public posts' descriptions of an error
 * (test/fixtures/real-posts-words.json) and the reviewers' sets, typos, prose and all. Unlike the
 * catalog-word queries, their words are often not the catalog's: the typo and unknown-word paths run too.
 */
function postQueries(): string[] {
  const files = ['real-posts-words', 'queries-reviewer', 'queries-reviewer-2', 'queries-reviewer-3'];
  const read = (name: string) =>
    JSON.parse(readFileSync(new URL(`../test/fixtures/${name}.json`, import.meta.url), 'utf8')) as { query: string }[];
  return [...new Set(files.flatMap((name) => read(name).map((q) => q.query.replace(/\s+/g, ' ').trim())))];
}

export function queriesOf(kind: Kind, cacheSize: number): string[] {
  if (kind === 'posts') return postQueries();
  if (kind === 'cached') return CACHED;
  if (kind === 'codes') return codeQueries(cacheSize * 2);
  if (kind === 'words') return wordQueries(cacheSize * 2);
  return pasteQueries(64);
}
