import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readNumbers } from '../src/config/numbers.js';
import { Secret } from '../src/config/secret.js';
import type { Observation } from '../src/core/observation.js';
import { createPartnerClient } from '../src/d360/partner-client.js';
import type { DiscoveredNumber } from '../src/monitor/fleet.js';
import { type ChannelSnapshot, createPartnerWatch } from '../src/monitor/partner.js';
import { openStore, type Store } from '../src/store/open.js';
import { createLogger } from '../src/telemetry/log.js';
import { type FakePartnerApi, startFakePartnerApi } from './fakes/partner-api.js';

const PARTNER = 'restartPA';
const KEY = 'partner-restart-key-0123456789';
let api: FakePartnerApi;
beforeAll(async () => {
  api = await startFakePartnerApi(PARTNER, KEY, 250);
});
afterAll(() => api.close());

const yaml = ['numbers:', '  - { name: Care, phone: "+49 151 1000242", apiKeyEnv: KEY_A }', ''].join('\n');
const numbers = readNumbers({ KEY_A: 'key-a-0123456789' }, { readFile: () => yaml }, []);

const listingOf = (store: Store) => store.document<Record<string, ChannelSnapshot>>('partner:last-listing');

/** One run of the bot's Partner API watch over the store file: listed once, then the store closed ("stopped"). */
async function runOnce(file: string): Promise<{ seen: Observation[]; discovered: DiscoveredNumber[] }> {
  const store = await openStore(`sqlite://${file}`);
  const seen: Observation[] = [];
  try {
    const client = createPartnerClient({ baseUrl: api.url, partnerId: PARTNER, apiKey: new Secret(KEY) });
    const logger = createLogger({ level: 'error', write: () => {} });
    const observe = async (o: Observation) => void seen.push(o);
    const watch = createPartnerWatch({ client, numbers, logger, store: listingOf(store), observe, now: () => 1 });
    await watch.list();
    return { seen, discovered: await watch.discovered() };
  } finally {
    await store.close();
  }
}

describe('Partner API comparisons across a restart', () => {
  it('compares the first listing after a restart with the last one before it, kept in the SQLite store', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'wa-partner-restart-')), 'store.sqlite');
    const care = api.channels[242];
    if (!care) throw new Error('fake has too few channels');
    care.current_quality_rating = 'YELLOW';
    const line5 = api.channels[5];
    if (!line5) throw new Error('fake has too few channels');
    line5.current_quality_rating = 'RED';
    const first = await runOnce(file);
    expect(first.seen.map((o) => o.findings.map((f) => f.entryId))).toEqual([['signal-quality-yellow']]);

    // While the bot was down, Meta lowered the limit; the rating stayed YELLOW (said already, not again).
    care.current_limit = 'TIER_2K';
    const second = await runOnce(file);
    expect(second.seen.map((o) => [o.number, o.findings.map((f) => f.detail)])).toEqual([
      ['Care', ['Partner API: messaging limit TIER_10K → TIER_2K']],
    ]);
    // A discovered channel's RED rating, unchanged across the restart, is still shown as a warning.
    expect(second.discovered.find((d) => d.name === 'Line 5')?.warnings).toEqual(['quality rating GREEN → RED']);

    // A follower replica never lists: /wa-status there shows the listing the leader kept.
    const store = await openStore(`sqlite://${file}`);
    try {
      const client = createPartnerClient({ baseUrl: api.url, partnerId: PARTNER, apiKey: new Secret(KEY) });
      const logger = createLogger({ level: 'error', write: () => {} });
      const follower = createPartnerWatch({ client, numbers, logger, store: listingOf(store), observe: async () => {} });
      const discovered = await follower.discovered();
      expect(discovered).toHaveLength(249);
      expect(discovered[0]).toEqual({
        name: 'Line 5',
        phone: '+49 151 1000005',
        status: 'ready',
        quality: 'RED',
        limit: 'TIER_10K',
        warnings: ['quality rating GREEN → RED'],
      });
    } finally {
      await store.close();
    }
  });
});
