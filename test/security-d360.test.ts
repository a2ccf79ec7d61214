import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classify } from '../src/d360/classify.js';
import { createD360Client } from '../src/d360/client.js';
import { type FakeD360, HEALTHY_CLOUD, startFakeD360 } from './fakes/d360.js';
import { close, listen } from './fakes/http-server.js';
import { runTs } from './support/bot-process.js';
import { testNumber } from './support/numbers.js';
import type { Server } from 'node:http';

const MB = 1024 * 1024;
let fake: FakeD360;
/** Another origin: answers "healthy" to anyone, and remembers every key it was shown. */
let stranger: { server: Server; url: string; keysSeen: (string | undefined)[] };
const client = createD360Client({ timeoutMs: 2000, retries: 0 });
let seq = 0;

beforeAll(async () => {
  fake = await startFakeD360();
  const keysSeen: (string | undefined)[] = [];
  const { server, url } = await listen((req, res) => {
    keysSeen.push(req.headers['d360-api-key'] as string | undefined);
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(HEALTHY_CLOUD));
  });
  stranger = { server, url, keysSeen };
});
afterAll(async () => {
  await fake.close();
  await close(stranger.server);
});

describe('a 360dialog base URL that redirects', () => {
  it.each([301, 302, 307, 308] as const)(
    'never sends the key to another origin on a %i, and is unknown, naming the base URL',
    async (status) => {
      const key = `redirect-key-${status}-${++seq}-secret`;
      fake.script(key, { redirect: `${stranger.url}/health_status?stolen=1`, status });
      const number = testNumber(key, fake.url);
      const o = classify(number, await client.health(number), Date.now());
      expect(stranger.keysSeen).not.toContain(key);
      expect(o.state).toBe('unknown');
      expect(o.blindSpot?.kind).toBe('redirect');
      expect(o.summary).toContain(`360dialog answered with a redirect to ${stranger.url} `);
      expect(o.summary).toContain(`check the base URL ${fake.url}`);
      expect(o.summary).not.toContain('stolen');
    },
  );

  it('follows a redirect within the same origin', async () => {
    const key = `same-origin-key-${++seq}-secret`;
    fake.script(key, { redirect: '/health_status?moved=1', status: 301 }, { json: HEALTHY_CLOUD });
    const number = testNumber(key, fake.url);
    const o = classify(number, await client.health(number), Date.now());
    expect(o.state).toBe('healthy');
    expect(fake.requestsFor(key)).toHaveLength(2);
  });
});

/** One health call in a child process against the fake; its answer kind and RSS before and at the peak. */
async function probe(key: string): Promise<{ kind: string; baselineRss: number; peakRss: number }> {
  const run = await runTs('test/support/health-probe.ts', [fake.url, key]);
  try {
    return JSON.parse(run.stdout);
  } catch {
    throw new Error(`probe exited ${run.status} and printed ${JSON.stringify(run.stdout)}: ${run.stderr.slice(-500)}`);
  }
}

describe('a health answer over 1 MB', () => {
  it('is cut off and observed as too large when a gzip bomb inflates to 400 MB, RSS staying far below 300 MB', async () => {
    fake.script('bomb-key-0123456789', { gzipBomb: true, inflatedMb: 400 });
    const run = await probe('bomb-key-0123456789');
    expect(run.kind).toBe('too-large');
    expect(run.peakRss).toBeLessThan(300 * MB);
    expect(run.peakRss - run.baselineRss).toBeLessThan(100 * MB);
  });

  it('is cut off and observed as too large when a chunked body never ends', async () => {
    fake.script('endless-key-0123456789', { endless: true, mb: 400 });
    const run = await probe('endless-key-0123456789');
    expect(run.kind).toBe('too-large');
    expect(run.peakRss).toBeLessThan(300 * MB);
    expect(run.peakRss - run.baselineRss).toBeLessThan(100 * MB);
  });

  it('reads as "unknown: answer too large", never healthy', async () => {
    const number = testNumber('big-key-0123456789', fake.url);
    fake.script('big-key-0123456789', { json: { ...HEALTHY_CLOUD, padding: 'x'.repeat(2 * MB) } });
    const o = classify(number, await client.health(number), Date.now());
    expect(o.state).toBe('unknown');
    expect(o.blindSpot?.kind).toBe('too-large');
    expect(o.summary).toMatch(/^answer too large: /);
  });
});
