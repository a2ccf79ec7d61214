import { describe, expect, it } from 'vitest';
import type { NumberRecord } from '../src/core/records.js';
import { createD360Client } from '../src/d360/client.js';
import { createPoller } from '../src/monitor/poller.js';
import { createMonitor } from '../src/monitor/service.js';
import { createStore } from '../src/store/kv.js';
import { createRecordStore } from '../src/store/record-store.js';
import { createLogger } from '../src/telemetry/log.js';
import { createWebhookIngest } from '../src/webhooks/ingest.js';
import { parseWebhook } from '../src/webhooks/parse.js';
import { testNumber } from './support/numbers.js';
import { webhookFixture } from './support/webhook-fixtures.js';

const T0 = Date.UTC(2026, 10, 25, 9, 0, 0);
const LINE = testNumber('out-of-band-key-0123456789', 'http://127.0.0.1:9', 'onprem', 'Legacy line');

/** The webhook path into the real monitor and engine (records in memory), on a clock the test moves. */
async function legacyLine() {
  let clock = T0;
  const quiet = createLogger({ write: () => {} });
  const records = createRecordStore<NumberRecord>(await createStore('memory://'), 'number');
  const poller = createPoller({ numbers: [LINE], client: createD360Client(), concurrency: 1 });
  const monitor = createMonitor({ poller, records, logger: quiet, now: () => clock, onChange: () => {} });
  const ingest = createWebhookIngest({
    numbers: [LINE],
    logger: quiet,
    observe: (o) => monitor.ingest(o),
    now: () => clock,
    debounceMs: 0,
  });
  return {
    /** One delivery of a fixture at `at`, then the look the tick takes. */
    async deliver(name: string, at: number) {
      clock = at;
      await ingest.receive(parseWebhook(JSON.parse(webhookFixture(name)), at), undefined);
      await ingest.flush();
      await monitor.tick();
    },
    /** Card posts queued for Slack so far, and the open incident's counts. */
    async record() {
      const record = await records.get(LINE.name);
      return {
        posts: record?.outbox.filter((item) => item.effect.kind === 'post-card').length ?? 0,
        open: record?.incident !== undefined && record.incident.resolvedAt === undefined,
        text: JSON.stringify(record?.incident),
      };
    },
    stop: () => ingest.stop(),
  };
}

describe('an On-Premise out-of-band error delivered again and again', () => {
  it('opens one card for a 500 delivered 25 times over a minute, each delivery counted', async () => {
    const line = await legacyLine();
    for (let i = 0; i < 25; i++) await line.deliver('onprem-errors-500.json', T0 + i * 2500);
    const { posts, open, text } = await line.record();
    expect(open).toBe(true);
    expect(posts).toBe(1);
    // Every delivery is a failure the card counts: not 1 (as if every copy were one).
    expect(text).toMatch(/25 failed in the last 10 min/);
    line.stop();
  });

  it('opens one card for a burst of 25 deliveries within one second', async () => {
    const line = await legacyLine();
    for (let i = 0; i < 25; i++) await line.deliver('onprem-errors-500.json', T0 + i * 20);
    const { posts, open, text } = await line.record();
    expect([open, posts]).toEqual([true, 1]);
    expect(text).toMatch(/25 failed in the last 10 min/);
    line.stop();
  });

  it('opens one card at once for an account-level 1011, and counts its later deliveries on it', async () => {
    const line = await legacyLine();
    await line.deliver('onprem-errors-1011.json', T0);
    expect(await line.record()).toMatchObject({ open: true, posts: 1 });
    await line.deliver('onprem-errors-1011.json', T0 + 1000);
    await line.deliver('onprem-errors-1011.json', T0 + 30_000);
    const { posts, text } = await line.record();
    expect(posts).toBe(1);
    expect(text).toMatch(/3 failed in the last 60 min/);
    line.stop();
  });
});
