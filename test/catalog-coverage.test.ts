import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { entriesForCode } from '../src/catalog/index.js';
import { explain } from '../src/catalog/lookup.js';
import { explainText } from '../src/cli/explain-text.js';
import { explainBlocks } from '../src/slack/views/explain-blocks.js';

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

  it('lists each meaning of a code that two tables use differently as its own entry, told apart by its message', () => {
    const shared: Record<string, readonly string[]> = {
      '400': ['360dialog-400-disabled', '360dialog-400-call-limit', '360dialog-400-payment', 'onprem-400'],
      '432': ['onprem-432', 'cloud-432-flow-endpoint'],
      '1005': ['360dialog-1005', 'onprem-1005'],
      '1014': ['onprem-1014', 'onprem-1014-upload'],
      '1016': ['onprem-1016-api', 'onprem-1016-webhook'],
      '131055': ['cloud-131055', 'cloud-131055-sip'],
      '139001': ['cloud-139001', 'cloud-139001-processing'],
      '2388103': ['cloud-2388103', 'cloud-2388103-name', 'cloud-2388103-direct', 'cloud-2388103-source', 'cloud-2388103-error'],
    };
    for (const [code, ids] of Object.entries(shared)) {
      const entries = entriesForCode(code);
      expect(entries.map((e) => e.id).sort(), code).toEqual([...ids].sort());
      // Where the gateway and On-Premise share a code, a pasted message must point at one entry.
      if (code === '1005' || code === '2388103') {
        for (const entry of entries) expect(entry.messageHints?.length ?? 0, entry.id).toBeGreaterThan(0);
      }
    }
    expect(entriesForCode('2388103').filter((e) => e.messageHints?.includes('error migrating this phone number'))).toHaveLength(1);
  });

  it('reads 137000 as a changed identity key, not a wrong user id', () => {
    const [entry] = entriesForCode('137000');
    expect(entry?.title).toMatch(/identity key/i);
    expect(entry?.meaning).toMatch(/identity change/);
    expect(entry?.meaning).toMatch(/phone number and user id are fine/);
  });

  it('sends what only Meta decides to Meta, and keeps the 360dialog contact box for the rest', () => {
    for (const code of ['131207', '131215', '138014', '139000', '2494165'])
      expect(entriesForCode(code)[0]?.escalation.verdict, code).toBe('meta');
    expect(explainText(explain('131207'))).toMatch(/Escalation: Contact Meta/);
    expect(explainText(explain('131207'))).not.toMatch(/Contacting 360dialog support/);
    const slack = JSON.stringify(explainBlocks(explain('131207')).blocks);
    expect(slack).toMatch(/:information_source: \*Contact Meta/);
    expect(slack).not.toMatch(/How to reach 360dialog/);
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
