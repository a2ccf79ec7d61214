import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalog, entriesForCode, entryById, equivalentsOf, similarTo } from '../src/catalog/index.js';
import { rangeNote } from '../src/catalog/ranges.js';
import { explain } from '../src/catalog/lookup.js';
import { support } from '../src/catalog/support.js';
import type { CatalogEntry, SeedTable } from '../src/catalog/types.js';

interface SourceRow {
  readonly table: SeedTable;
  readonly code: string;
  readonly description: string;
}

/** The original 360dialog "Error Messages" page, a fixture copy: three tables of code / description / what to do. */
function sourceRows(): SourceRow[] {
  const lines = readFileSync(new URL('./fixtures/360dialog-error-messages.txt', import.meta.url), 'utf8')
    .split('\n')
    .map((l) => l.trim());
  const tables: Record<string, SeedTable> = {
    'WhatsApp API errors': 'api',
    'WhatsApp API webhook errors': 'webhook',
    '360dialog Hub errors': 'hub',
  };
  const rows: SourceRow[] = [];
  let table: SeedTable | undefined;
  lines.forEach((line, i) => {
    if (tables[line]) table = tables[line];
    else if (table && /^\d{3,4}$/.test(line)) rows.push({ table, code: line, description: lines[i + 1] ?? '' });
  });
  return rows;
}

/** The catalog entry for a source row: same table and code; where a code repeats, the one whose hints fit the text. */
function entryFor(row: SourceRow): CatalogEntry | undefined {
  const candidates = catalog.filter((e) => e.seed === row.table && e.code === row.code);
  if (candidates.length <= 1) return candidates[0];
  const text = row.description.toLowerCase();
  return candidates.find((e) => e.messageHints?.some((hint) => text.includes(hint)));
}

describe('the catalog', () => {
  const rows = sourceRows();

  it('reads all 17 rows of the three source tables', () => {
    expect(rows).toHaveLength(17);
    expect(rows.filter((r) => r.table === 'webhook').map((r) => r.code)).toEqual(['402', '429', '470', '471', '1011', '1016']);
  });

  it.each(rows.map((r) => [`${r.table} ${r.code} ${r.description.slice(0, 40)}`, r] as const))(
    'has its own entry with a meaning, steps and a verdict for %s',
    (_name, row) => {
      const entry = entryFor(row);
      expect(entry, `no entry for ${row.table} ${row.code}`).toBeDefined();
      expect(entry?.meaning.length).toBeGreaterThan(30);
      expect(entry?.steps.length).toBeGreaterThanOrEqual(1);
      expect(['now', 'if', 'no']).toContain(entry?.escalation.verdict);
    },
  );

  it('maps each source row to a different entry', () => {
    const ids = rows.map((r) => entryFor(r)?.id);
    expect(new Set(ids).size).toBe(rows.length);
    expect(catalog.filter((e) => e.seed !== undefined)).toHaveLength(rows.length);
  });

  it('escalates 555 only when seen more than 3 times in 24 hours', () => {
    expect(entryById('360dialog-555')?.escalation).toMatchObject({
      verdict: 'if',
      rule: { kind: 'repeats', moreThan: 3, withinHours: 24 },
    });
  });

  it('escalates 1014 when the number has not reconnected within 10 minutes', () => {
    expect(entryById('onprem-1014')?.escalation).toMatchObject({ verdict: 'if', rule: { kind: 'persists', minutes: 10 } });
  });

  it('escalates 500 when it lasts more than 10 minutes', () => {
    expect(entryById('360dialog-500')?.escalation).toMatchObject({ verdict: 'if', rule: { kind: 'persists', minutes: 10 } });
  });

  it('escalates 502 and 402 at once', () => {
    expect(entryById('360dialog-502')?.escalation.verdict).toBe('now');
    expect(entryById('onprem-402')?.escalation.verdict).toBe('now');
  });

  it('escalates 401 only when a new key does not help', () => {
    expect(entryById('360dialog-401')?.escalation).toMatchObject({ verdict: 'if', rule: { kind: 'after-new-key' } });
  });

  it('has every Cloud API code of the common-codes table, the health codes and the gateway states', () => {
    const cloud = [
      0, 1, 2, 3, 4, 10, 33, 100, 190, 250, 368, 80007, 130429, 130472, 130497, 131000, 131005, 131008, 131009, 131016, 131021, 131026,
      131031, 131042, 131043, 131045, 131047, 131048, 131049, 131051, 131052, 131053, 131056, 132000, 132001, 132005, 132007, 132012,
      132015, 132016, 132068, 132069, 133000, 133004, 133005, 133006, 133008, 133009, 133010, 133015, 133016, 135000,
    ];
    for (const code of cloud)
      expect(
        entriesForCode(String(code)).some((e) => e.generation === 'cloud'),
        `cloud ${code}`,
      ).toBe(true);
    for (const code of ['141002', '141006', '141010', '138024', '138025']) expect(entriesForCode(code), code).not.toHaveLength(0);
    for (const state of ['connected', 'connecting', 'disconnected', 'uninitialized', 'unregistered'])
      expect(entriesForCode(state).map((e) => e.id)).toEqual([`gateway-${state}`]);
  });

  it('links each On-Premise code to its Cloud counterpart only as similar: no source states they are the same', () => {
    const pairs = [
      ['onprem-470', 'cloud-131047'],
      ['onprem-2001', 'cloud-132001'],
      ['onprem-402', 'cloud-131042'],
      ['onprem-471', 'cloud-131048'],
      ['onprem-472', 'cloud-130472'],
      ['onprem-501', 'cloud-131051'],
      ['onprem-1000', 'cloud-131000'],
      ['onprem-1005', 'cloud-131005'],
      ['onprem-1013', 'cloud-131026'],
      ['onprem-1026', 'cloud-131026'],
      ['onprem-1031', 'cloud-131031'],
      ['onprem-2000', 'cloud-132000'],
      ['onprem-2061', 'cloud-132015'],
      ['onprem-2062', 'cloud-132016'],
    ];
    for (const [onprem, cloud] of pairs) {
      expect(similarTo(entryById(onprem!)!).map((e) => e.id)).toContain(cloud);
      expect(similarTo(entryById(cloud!)!).map((e) => e.id)).toContain(onprem);
    }
    for (const entry of catalog) expect(equivalentsOf(entry), entry.id).toEqual([]);
    for (const entry of catalog.filter((e) => e.generation === 'onprem'))
      expect(`${entry.meaning} ${entry.steps.join(' ')}`, entry.id).not.toMatch(/live numbers (now )?report/);
  });

  it('states no equivalence without a source: 1011 and 410 are only similar, 1016 is not 131016', () => {
    const same = (id: string) => equivalentsOf(entryById(id)!).map((e) => e.id);
    expect(same('onprem-1011')).not.toContain('cloud-133010');
    expect(similarTo(entryById('onprem-1011')!).map((e) => e.id)).toEqual(['cloud-133010']);
    expect(same('onprem-410')).not.toContain('cloud-131043');
    expect(similarTo(entryById('cloud-131043')!).map((e) => e.id)).toEqual(['onprem-410']);
    for (const id of ['onprem-1016-api', 'onprem-1016-webhook']) {
      expect(same(id)).not.toContain('cloud-131016');
      expect(similarTo(entryById(id)!).map((e) => e.id)).not.toContain('cloud-131016');
    }
    expect(entryById('cloud-131016')?.meaning).toMatch(/outage/);
  });

  it("gives the HTTP statuses of Meta's table and links its current page", () => {
    const status = (id: string) => entryById(id)?.httpStatus;
    expect([status('cloud-131016'), status('cloud-132001'), status('cloud-4'), status('cloud-131056')]).toEqual([500, 404, 400, 400]);
    expect(support.metaErrorCodes.url).toBe(
      'https://developers.facebook.com/documentation/business-messaging/whatsapp/support/error-codes',
    );
  });

  it("agrees with every HTTP status of Meta's table (fixture copied from the page's status column)", () => {
    const meta = JSON.parse(readFileSync(new URL('./fixtures/meta-error-http-statuses.json', import.meta.url), 'utf8')) as {
      statuses: Record<string, number>;
    };
    const checked = catalog.filter((e) => e.generation === 'cloud' && e.httpStatus !== undefined && meta.statuses[e.code]);
    expect(checked.length).toBeGreaterThan(20);
    for (const entry of checked) expect(entry.httpStatus, entry.id).toBe(meta.statuses[entry.code]);
  });

  it('has the codes Meta documents today that live numbers hit', () => {
    const codes = ['131050', '131037', '131057', '130403', '131030', '134100', '134101', '134102'];
    for (const code of codes)
      expect(
        entriesForCode(code).some((e) => e.generation === 'cloud'),
        code,
      ).toBe(true);
    expect(entriesForCode('480').map((e) => e.id)).toEqual(['onprem-480']);
    expect(entryById('cloud-131050')?.escalation.verdict).toBe('no');
  });

  it('says what the range of an undocumented code suggests', () => {
    expect(entriesForCode('136024')).toEqual([]);
    expect(rangeNote('136024')).toMatch(/^136xxx/);
    expect(rangeNote('139150')).toMatch(/^139xxx: the Block Users API/);
    expect(rangeNote('141099')).toMatch(/health/);
    expect(rangeNote('2388040')).toMatch(/template/);
    expect(rangeNote('138000')).toMatch(/calling/i);
  });

  it("has the codes found in copies of Meta's current page: 131063, 131064, 134011, template management", () => {
    const sourced = ['131063', '131064', '134011', '131055', '132018', '2494100'];
    const templates = ['2388019', '2388040', '2388047', '2388072', '2388073', '2388293', '2388299'];
    for (const code of [...sourced, ...templates]) expect(entryById(`cloud-${code}`)?.code, code).toBe(code);
    expect(entryById('cloud-131063')?.meaning).toMatch(/disable_marketing_messages_on_cloud_api/);
    expect(entryById('cloud-134011')?.title).toMatch(/payments terms/i);
    expect(entryById('cloud-131064')?.meaning).toMatch(/wrong category/);
    for (const code of templates) expect(entryById(`cloud-${code}`)?.meaning, code).toMatch(/created or edited/);
  });

  // Meta's Groups error-code page documents 1312xx, and its phone numbers page 137000 (see test/catalog-coverage.test.ts).
  it('names a family only as far as a source documents it: 1312xx groups, 137xxx beyond 137000', () => {
    expect(entriesForCode('131208').map((e) => e.id)).toEqual(['cloud-131208']);
    expect(entriesForCode('131299')).toEqual([]);
    expect(rangeNote('131299')).toMatch(/^1312xx: the Groups API/);
    expect(rangeNote('137100')).toMatch(/no source describes/);
    expect(rangeNote('138099')).toMatch(/SIP settings in the health check/);
    expect(rangeNote('139050')).toMatch(/Flows/);
  });

  it("has the Block Users API's codes from its own page: 139100–139103", () => {
    for (const code of ['139100', '139101', '139102', '139103']) expect(entriesForCode(code).map((e) => e.id)).toEqual([`cloud-${code}`]);
    expect(entryById('cloud-139100')?.httpStatus).toBe(400);
    expect(entryById('cloud-139101')?.meaning).toMatch(/64,000/);
    expect(explain('blocklist limit reached, cant block more users').matches[0]?.code).toBe('139101');
  });

  it('has unique ids and links only to entries that exist', () => {
    expect(new Set(catalog.map((e) => e.id)).size).toBe(catalog.length);
    for (const entry of catalog) {
      const links = [...(entry.equivalents ?? []), ...(entry.similar ?? []), ...(entry.related ?? [])];
      for (const id of links) expect(entryById(id), `${entry.id} → ${id}`).toBeDefined();
    }
  });

  it('keeps every text short, plain and fit for a Slack header', () => {
    for (const entry of catalog) {
      expect(entry.title.length, entry.id).toBeLessThanOrEqual(100);
      for (const text of [entry.title, entry.meaning, ...entry.steps]) {
        expect(text.length, entry.id).toBeLessThanOrEqual(600);
        expect(text, entry.id).not.toMatch(/[<>*`]/);
      }
    }
  });
});
