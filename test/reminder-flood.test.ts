import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createD360Client } from '../src/d360/client.js';
import { step } from '../src/core/engine.js';
import { emptyRecord, type NumberRecord } from '../src/core/records.js';
import { createPoller } from '../src/monitor/poller.js';
import { createMonitor, type Monitor } from '../src/monitor/service.js';
import { createNotifier, type Notifier } from '../src/slack/notifier.js';
import { createStore } from '../src/store/kv.js';
import { createRecordStore, type RecordStore } from '../src/store/record-store.js';
import { createLogger } from '../src/telemetry/log.js';
import { type FakeSlack, startFakeSlack } from './fakes/slack-api.js';
import { testNumber } from './support/numbers.js';

/**
 * 5,000 open incidents in two channels, an hour and more of 30-second ticks on an injected clock: the
 * hourly "still open" reminders must reach each channel as one digest message, not 2,500 thread replies.
 */
const OPEN = 5_000;
const CHANNELS = ['C0ONE', 'C0TWO'];
const T0 = Date.UTC(2026, 10, 25, 8);
const HOUR = 3_600_000;
const quiet = createLogger({ level: 'error', write: () => {} });
const numbers = Array.from({ length: OPEN }, (_, i) => ({
  ...testNumber(`flood-key-${i}-0123456789`, 'http://127.0.0.1:1', 'cloud', `Line ${String(i).padStart(4, '0')}`),
  channel: CHANNELS[i % 2] as string,
}));

const channelOf = new Map(numbers.map((n) => [n.name, n.channel]));

let slack: FakeSlack;
let records: RecordStore<NumberRecord>;
let notifier: Notifier;
let monitor: Monitor;
let clock = T0;

beforeAll(async () => {
  slack = await startFakeSlack();
  records = createRecordStore<NumberRecord>(await createStore('memory://flood'), 'number');
  // Every incident already open with its card posted: the flood under test is the reminders, not the cards.
  // Opened one every 15 s over the day before (not at once, which would have made one group incident).
  const opened = numbers.map((n, i) => {
    const at = T0 - (OPEN - i) * 15_000;
    const observation = {
      number: n.name,
      at,
      state: 'down' as const,
      findings: [{ entryId: '360dialog-401', code: '401', severity: 'critical' as const }],
      summary: '',
      source: 'poll' as const,
    };
    const record = step(emptyRecord(n.name), { kind: 'observation', observation }, at);
    const incident = record.incident && {
      ...record.incident,
      card: { channel: n.channel, ts: `1700000000.${String(i).padStart(6, '0')}` },
    };
    return { id: n.name, fn: (): NumberRecord => ({ ...record, ...(incident ? { incident } : {}), outbox: [] }) };
  });
  for (let i = 0; i < opened.length; i += 500) await records.updateMany(opened.slice(i, i + 500));
  notifier = createNotifier({
    token: 'xoxb-test-fake',
    apiUrl: slack.apiUrl,
    records,
    numbers,
    defaultChannel: 'C0INCIDENTS',
    logger: quiet,
    channelIntervalMs: 10,
    digestGatherMs: 300,
    now: () => clock,
  });
  void notifier.start();
  const poller = createPoller({ numbers, client: createD360Client({ timeoutMs: 500, retries: 0 }), concurrency: 5 });
  monitor = createMonitor({
    poller,
    records,
    logger: quiet,
    now: () => clock,
    onChange: (name, worth) => notifier.notify(name, worth),
    channelOf: (name) => channelOf.get(name) ?? 'C0INCIDENTS',
  });
}, 60_000);
afterAll(async () => {
  await notifier.stop();
  await slack.close();
});

const topLevel = (channel: string) => slack.messages.filter((m) => m.channel === channel && m.threadTs === undefined);

describe('5,000 open incidents through hours of ticks', () => {
  it('reminds each channel with at most one message per reminder interval', async () => {
    // A little over an hour of ticks: every incident's first reminder falls due.
    for (clock = T0 + 30_000; clock <= T0 + HOUR + 60_000; clock += 30_000) await monitor.tick();
    for (const channel of CHANNELS) await expect.poll(() => topLevel(channel).length, { interval: 200 }).toBe(1);
    for (const channel of CHANNELS) expect(topLevel(channel)[0]?.text.replace(/,/g, '')).toMatch(`${OPEN / 2} incidents still open`);
    expect(slack.messages.filter((m) => m.threadTs !== undefined)).toEqual([]);
    expect(slack.callsTo('chat.update')).toEqual([]);

    // The second hour's reminders fall within the same (real-time) interval of the digest: they wait for the next one.
    for (; clock <= T0 + 2 * HOUR + 60_000; clock += 30_000) await monitor.tick();
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    for (const channel of CHANNELS) expect(topLevel(channel)).toHaveLength(1);
    expect(slack.messages.filter((m) => m.threadTs !== undefined)).toEqual([]);
  }, 180_000);
});
