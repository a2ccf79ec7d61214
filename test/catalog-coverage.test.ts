import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { entriesForCode } from '../src/catalog/index.js';
import { explain } from '../src/catalog/lookup.js';

interface SourcePage {
  readonly page: string;
  readonly path: string;
  readonly copy: string;
  readonly read: string;
  readonly codes: readonly string[];
}

/** Every code that the Meta pages we cover list, per page, with where and when the copy we read was taken. */
const pages = (
  JSON.parse(readFileSync(new URL('./fixtures/meta-documented-codes.json', import.meta.url), 'utf8')) as { pages: SourcePage[] }
).pages;

describe("coverage of Meta's documented codes", () => {
  it('reads a fixture that names its sources and lists their codes', () => {
    expect(pages.length).toBeGreaterThanOrEqual(10);
    for (const page of pages) {
      expect(page.path, page.page).not.toBe('');
      expect(page.copy, page.page).not.toBe('');
      expect(page.read, page.page).not.toBe('');
      expect(page.codes.length, page.page).toBeGreaterThan(0);
      for (const code of page.codes) expect(code, page.page).toMatch(/^\d+$/);
    }
  });

  it.each(pages.map((p) => [p.page, p] as const))('documents every code listed on %s', (_name, page) => {
    const missing = page.codes.filter((code) => entriesForCode(code).length === 0 || explain(code).unknownCodes.length > 0);
    expect(missing, `${page.page} (${page.path})`).toEqual([]);
  });

  it('gives every entry of those codes a meaning and steps', () => {
    for (const code of new Set(pages.flatMap((p) => p.codes))) {
      for (const entry of entriesForCode(code)) {
        expect(entry.meaning.trim().length, entry.id).toBeGreaterThan(30);
        expect(entry.steps.length, entry.id).toBeGreaterThanOrEqual(1);
        for (const step of entry.steps) expect(step.trim(), entry.id).not.toBe('');
      }
    }
  });
});
