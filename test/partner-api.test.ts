import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readNumbers } from '../src/config/numbers.js';
import { Secret } from '../src/config/secret.js';
import type { Observation } from '../src/core/observation.js';
import { createPartnerClient } from '../src/d360/partner-client.js';
import { createPartnerWatch } from '../src/monitor/partner.js';
import { createLogger } from '../src/telemetry/log.js';
import { type FakePartnerApi, startFakePartnerApi } from './fakes/partner-api.js';

const PARTNER = 'abcPA';
const KEY = 'partner-key-0123456789';
let api: FakePartnerApi;
beforeAll(async () => {
  api = await startFakePartnerApi(PARTNER, KEY, 250);
});
afterAll(() => api.close());

const yaml = [
  'numbers:',
  '  - { name: Sales, phone: "+49 151 1000007", apiKeyEnv: KEY_A }',
  '  - { name: Care, phone: "+49 151 1000242", apiKeyEnv: KEY_A }',
].join('\n');
const numbers = readNumbers({ KEY_A: 'key-a-0123456789' }, { readFile: () => yaml }, []);

describe('the Partner API channel listing', () => {
  it('lists all 250 channels over 3 pages with the X-API-Key header, and turns changes between listings into warnings', async () => {
    const seen: Observation[] = [];
    const client = createPartnerClient({ baseUrl: api.url, partnerId: PARTNER, apiKey: new Secret(KEY) });
    const logger = createLogger({ level: 'error', write: () => {} });
    const watch = createPartnerWatch({ client, numbers, logger, observe: async (o) => void seen.push(o), now: () => 1 });

    await watch.list();
    expect(watch.channels()).toHaveLength(250);
    const pages = api.requests.map((r) => new URL(r.path, 'http://x').searchParams.get('offset'));
    expect(pages).toEqual(['0', '100', '200']);
    expect(api.requests.every((r) => r.apiKey === KEY)).toBe(true);
    expect(seen).toEqual([]);

    const sales = api.channels[7];
    const care = api.channels[242];
    if (!sales || !care) throw new Error('fake has too few channels');
    sales.current_quality_rating = 'YELLOW';
    care.current_limit = 'TIER_2K';
    care.waba_account.status = 'account_restriction';
    await watch.list();
    const said = seen.map((o) => [o.number, o.findings.map((f) => `${f.entryId}/${f.severity}: ${f.detail}`)]);
    expect(said).toEqual([
      ['Sales', ['signal-quality-yellow/warning: Partner API: quality rating GREEN → YELLOW']],
      [
        'Care',
        [
          'signal-limit-lowered/warning: Partner API: messaging limit TIER_10K → TIER_2K',
          'signal-account-restricted/critical: Partner API: account status approved → account_restriction',
        ],
      ],
    ]);
    expect(seen.every((o) => o.source === 'webhook' && o.clears !== undefined)).toBe(true);

    sales.current_quality_rating = 'GREEN';
    await watch.list();
    expect(seen.at(-1)).toMatchObject({ number: 'Sales', findings: [], clears: ['signal-quality-yellow', 'signal-quality-red'] });
    expect(api.keyCreations()).toEqual([]);
  });

  it('has no way to create an API key', () => {
    const client = createPartnerClient({ baseUrl: api.url, partnerId: PARTNER, apiKey: new Secret(KEY) });
    expect(Object.keys(client)).toEqual(['listChannels']);
  });
});

describe('the first Partner API listing after a start', () => {
  it('warns of no drop on a channel it has no earlier reading of: RED from the first look was never GREEN here', async () => {
    const own = await startFakePartnerApi(PARTNER, KEY, 20);
    try {
      const red = own.channels[3];
      if (!red) throw new Error('fake has too few channels');
      red.current_quality_rating = 'RED';
      const drops: unknown[] = [];
      const client = createPartnerClient({ baseUrl: own.url, partnerId: PARTNER, apiKey: new Secret(KEY) });
      const logger = createLogger({ level: 'error', write: () => {} });
      const warnings = { listed: async (_: unknown, d: readonly unknown[]) => void drops.push(...d) };
      const watch = createPartnerWatch({ client, numbers, logger, observe: async () => {}, warnings, now: () => 1 });
      await watch.list();
      expect(drops).toEqual([]);
      expect((await watch.discovered()).find((d) => d.quality === 'RED')?.warnings.length).toBeGreaterThan(0);
      red.current_limit = 'TIER_250';
      await watch.list();
      expect(drops).toEqual([expect.objectContaining({ kind: 'limit', to: 'TIER_250' })]);
    } finally {
      await own.close();
    }
  });

  it('reports trouble that began before the start, and nothing for healthy numbers', async () => {
    const own = await startFakePartnerApi(PARTNER, KEY, 250);
    try {
      const sales = own.channels[7];
      if (!sales) throw new Error('fake has too few channels');
      sales.current_quality_rating = 'RED';
      const seen: Observation[] = [];
      const client = createPartnerClient({ baseUrl: own.url, partnerId: PARTNER, apiKey: new Secret(KEY) });
      const logger = createLogger({ level: 'error', write: () => {} });
      await createPartnerWatch({ client, numbers, logger, observe: async (o) => void seen.push(o), now: () => 1 }).list();
      expect(seen.map((o) => [o.number, o.findings.map((f) => `${f.entryId}/${f.severity}`)])).toEqual([
        ['Sales', ['signal-quality-red/critical']],
      ]);
    } finally {
      await own.close();
    }
  });
});
