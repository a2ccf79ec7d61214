import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { step } from '../src/core/engine.js';
import { emptyRecord, type NumberRecord } from '../src/core/records.js';
import { createNotifier, type Notifier, type NotifierOptions } from '../src/slack/notifier.js';
import { createStore } from '../src/store/kv.js';
import { createRecordStore, type RecordStore } from '../src/store/record-store.js';
import { createLogger } from '../src/telemetry/log.js';
import { type FakeSlack, startFakeSlack } from './fakes/slack-api.js';
import { testNumber } from './support/numbers.js';

const HOUR = 3_600_000;
const numbers = Array.from({ length: 30 }, (_, i) => testNumber(`load-key-${i}-0123456789`, 'http://127.0.0.1:1', 'cloud', `Line ${i}`));
let fake: FakeSlack;
let records: RecordStore<NumberRecord>;
let notifier: Notifier | undefined;

beforeEach(async () => {
  fake = await startFakeSlack();
  records = createRecordStore<NumberRecord>(await createStore('memory://x'), 'number');
});
afterEach(async () => {
  await notifier?.stop();
  notifier = undefined;
  await fake.close();
});

function start(extra: Partial<NotifierOptions> = {}): Notifier {
  notifier = createNotifier({
    token: 'xoxb-test-fake',
    apiUrl: fake.apiUrl,
    records,
    numbers,
    defaultChannel: 'C0INCIDENTS',
    logger: createLogger({ level: 'error', write: () => {} }),
    channelIntervalMs: 10,
    digestGatherMs: 100,
    ...extra,
  });
  void notifier.start();
  return notifier;
}

const open = (name: string, at: number) =>
  records.update(name, (r) =>
    step(
      r ?? emptyRecord(name),
      {
        kind: 'observation',
        observation: {
          number: name,
          at,
          state: 'down',
          findings: [{ entryId: '360dialog-401', code: '401', severity: 'critical' }],
          summary: '',
          source: 'poll',
        },
      },
      at,
    ),
  );
const tick = (name: string, at: number) => records.update(name, (r) => step(r as NumberRecord, { kind: 'tick' }, at));
const topLevel = () => fake.cards();

describe('a channel with many open incidents', () => {
  it('gathers every due reminder into one digest message per interval, not a reply per card', async () => {
    const t0 = Date.now() - 3 * HOUR;
    for (const n of numbers) await open(n.name, t0);
    const n1 = start();
    await expect.poll(() => topLevel().length).toBe(30);
    for (const n of numbers) {
      await tick(n.name, t0 + HOUR + 1000);
      n1.notify(n.name);
    }
    await expect.poll(() => topLevel().length).toBe(31);
    const digest = topLevel()[30];
    expect(digest?.text).toMatch(/30 incidents still open, not acknowledged/);
    expect(fake.messages.filter((m) => m.threadTs !== undefined && /Still open/.test(m.text))).toEqual([]);
    // The next round of reminders within the same interval waits for the next digest.
    for (const n of numbers) {
      await tick(n.name, t0 + 2 * HOUR + 2000);
      n1.notify(n.name);
    }
    await new Promise((r) => setTimeout(r, 800));
    expect(topLevel()).toHaveLength(31);
  });

  it('sends a new card before the edits a backed-up channel is still working through', async () => {
    const t0 = Date.now();
    for (const n of numbers.slice(0, 10)) await open(n.name, t0);
    const n1 = start({ channelIntervalMs: 150 });
    await expect.poll(() => topLevel().length).toBe(10);
    // Ten edits queue up (acknowledged: an edit and a reply each), then a new number breaks.
    for (const n of numbers.slice(0, 10)) {
      await records.update(n.name, (r) => step(r as NumberRecord, { kind: 'acknowledge', by: 'U0ALICE' }, Date.now()));
      n1.notify(n.name, 1);
    }
    await open('Line 29', Date.now());
    n1.notify('Line 29', 0);
    await expect.poll(() => topLevel().length).toBe(11);
    const updatesBefore = fake.callsTo('chat.update').length;
    expect(updatesBefore).toBeLessThan(5);
  });
});
