import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classify } from '../src/d360/classify.js';
import { createD360Client } from '../src/d360/client.js';
import type { WaNumber } from '../src/config/numbers.js';
import type { HealthState } from '../src/core/observation.js';
import { type FakeD360, startFakeD360 } from './fakes/d360.js';
import { testNumber } from './support/numbers.js';

/**
 * Health answers as they come (issue 23, point 4): each fixture in test/fixtures/health/ is an answer written
 * for this project after a real shape (its `source` says which), with the classification an expert gives it.
 * Every one goes through the fake 360dialog and the real client, as a poll would.
 */
interface HealthFixture {
  readonly about: string;
  readonly source: string;
  readonly api: WaNumber['api'];
  readonly status: number;
  readonly body: unknown;
  readonly expect: {
    readonly state: HealthState;
    readonly entryIds: readonly string[];
    readonly codes?: readonly string[];
    readonly severities?: readonly string[];
    /** Text each finding's detail contains, in order. */
    readonly detailsMatch?: readonly string[];
  };
}

const DIR = new URL('./fixtures/health/', import.meta.url);
const fixtures = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((file) => ({ file, ...(JSON.parse(readFileSync(new URL(file, DIR), 'utf8')) as HealthFixture) }));

let fake: FakeD360;
const client = createD360Client({ timeoutMs: 2000, retries: 0 });
beforeAll(async () => {
  fake = await startFakeD360();
});
afterAll(() => fake.close());

describe('health answers as they come', () => {
  it.each(fixtures.map((f) => [f.file, f] as const))('%s', async (file, f) => {
    const key = `key-${file}-secretvalue`;
    fake.script(key, { status: f.status, json: f.body });
    const number = testNumber(key, fake.url, f.api);
    const o = classify(number, await client.health(number), Date.now());
    expect(o.blindSpot, f.about).toBeUndefined();
    expect(o.state, f.about).toBe(f.expect.state);
    expect(o.findings.map((x) => x.entryId)).toEqual(f.expect.entryIds);
    if (f.expect.codes) expect(o.findings.map((x) => x.code)).toEqual(f.expect.codes);
    if (f.expect.severities) expect(o.findings.map((x) => x.severity)).toEqual(f.expect.severities);
    for (const [i, text] of (f.expect.detailsMatch ?? []).entries()) expect(o.findings[i]?.detail).toContain(text);
  });

  it('never reads a 5xx as healthy, whatever its body carries', async () => {
    for (const status of [500, 502, 503, 504, 555]) {
      for (const json of [{ error: { message: 'ok', code: 131030 } }, { health_status: { can_send_message: 'AVAILABLE', entities: [] } }]) {
        const key = `key-5xx-${status}-${Object.keys(json)[0]}-secretvalue`;
        fake.script(key, { status, json });
        const number = testNumber(key, fake.url, 'cloud');
        const o = classify(number, await client.health(number), Date.now());
        expect(o.state, `${status} ${JSON.stringify(json)}`).not.toBe('healthy');
      }
    }
  });

  it('names the node and its error on the finding of a node that is not ready', async () => {
    const f = fixtures.find((x) => x.file === 'onprem-two-nodes-core-not-ready.json');
    const key = 'key-node-detail-secretvalue';
    fake.script(key, { status: f?.status ?? 200, json: f?.body });
    const number = testNumber(key, fake.url, 'onprem');
    const o = classify(number, await client.health(number), Date.now());
    expect(o.findings.at(-1)?.detail).toMatch(/wa-core-4930555010-1 \(coreapp\) answers errors.*1011 Service not ready/);
  });
});
