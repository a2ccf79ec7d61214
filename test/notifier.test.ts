import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../src/telemetry/log.js';
import { step } from '../src/core/engine.js';
import { emptyRecord, type NumberRecord } from '../src/core/records.js';
import { createNotifier, type Notifier } from '../src/slack/notifier.js';
import { createStore, type KeyValueStore } from '../src/store/kv.js';
import { createRecordStore, type RecordStore } from '../src/store/record-store.js';
import { type FakeSlack, startFakeSlack } from './fakes/slack-api.js';
import { blockKitProblems } from './support/block-kit.js';
import { testNumber } from './support/numbers.js';

const number = testNumber('notifier-key-0123456789', 'http://127.0.0.1:1');
let fake: FakeSlack;
let kv: KeyValueStore;
let records: RecordStore<NumberRecord>;
let notifier: Notifier;
const logs: string[] = [];

beforeEach(async () => {
  fake = await startFakeSlack();
  kv = await createStore('memory://');
  records = createRecordStore<NumberRecord>(kv, 'number');
  logs.length = 0;
});
afterEach(async () => {
  await notifier?.stop();
  await fake.close();
});

function start(channelIntervalMs = 50, numbers = [number]): Notifier {
  notifier = createNotifier({
    token: 'xoxb-test-fake',
    apiUrl: fake.apiUrl,
    records,
    numbers,
    defaultChannel: 'C0INCIDENTS',
    logger: createLogger({ level: 'debug', write: (l) => logs.push(l) }),
    channelIntervalMs,
  });
  return notifier;
}

/** Puts a 401 incident for the number into the store, as the engine would. */
async function open401(at = Date.now(), name = number.name): Promise<void> {
  const observation = {
    number: name,
    at,
    state: 'down' as const,
    findings: [{ entryId: '360dialog-401', code: '401', severity: 'critical' as const }],
    summary: '401',
    source: 'poll' as const,
  };
  await records.update(name, (r) => step(r ?? emptyRecord(name), { kind: 'observation', observation }, at));
}

describe('delivering incident cards', () => {
  it('posts the card once, stores where it lives, and empties the outbox', async () => {
    await open401();
    await start().start();
    await expect.poll(() => fake.cards().length).toBe(1);
    const card = fake.cards()[0];
    expect(card?.channel).toBe('C0INCIDENTS');
    expect(blockKitProblems({ text: card?.text, blocks: card?.blocks })).toEqual([]);
    await expect.poll(async () => (await records.get(number.name))?.outbox.length).toBe(0);
    expect((await records.get(number.name))?.incident?.card).toEqual({ channel: 'C0INCIDENTS', ts: card?.ts });
  });

  it('waits out a 429 Retry-After and then posts exactly once', async () => {
    fake.script('chat.postMessage', { status: 429, headers: { 'retry-after': '1' }, body: { ok: false, error: 'ratelimited' } });
    await open401();
    const started = Date.now();
    await start().start();
    await expect.poll(() => fake.cards().length).toBe(1);
    const posts = fake.callsTo('chat.postMessage');
    expect(posts).toHaveLength(2);
    expect((posts[1]?.at ?? 0) - (posts[0]?.at ?? 0)).toBeGreaterThanOrEqual(950);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    // Nothing left to send: the one post was the last.
    await expect.poll(async () => (await records.get(number.name))?.outbox.length).toBe(0);
    expect(fake.cards()).toHaveLength(1);
  });

  it('keeps retrying through Slack 503s with backoff, losing nothing', async () => {
    fake.script('chat.postMessage', { status: 503, body: 'down' }, { status: 503, body: 'down' });
    await open401();
    await start().start();
    await expect.poll(() => fake.cards().length).toBe(1);
    expect(fake.callsTo('chat.postMessage')).toHaveLength(3);
    expect(logs.join('\n')).toMatch(/HTTP 503/);
  });

  it('edits the card in place and threads replies under it', async () => {
    await open401();
    await start().start();
    await expect.poll(() => fake.cards().length).toBe(1);
    const ts = fake.cards()[0]?.ts ?? '';
    await records.update(number.name, (r) => step(r as NumberRecord, { kind: 'acknowledge', by: 'U0ALICE' }, Date.now()));
    notifier.notify(number.name);
    await expect.poll(() => fake.thread(ts).map((m) => m.text)).toEqual([expect.stringMatching(/^Acknowledged by <@U0ALICE>/)]);
    await expect.poll(() => fake.cards()[0]?.updates).toBe(1);
    expect(JSON.stringify(fake.cards()[0]?.blocks)).toMatch(/\*Acknowledged\* by <@U0ALICE>/);
    expect(fake.cards()).toHaveLength(1);
  });

  it('reposts a card someone deleted, carrying the latest state', async () => {
    await open401();
    await start().start();
    await expect.poll(() => fake.cards().length).toBe(1);
    fake.messages.splice(0, fake.messages.length);
    await records.update(number.name, (r) => step(r as NumberRecord, { kind: 'mute', by: 'U0BOB', forMs: 3_600_000 }, Date.now()));
    notifier.notify(number.name);
    await expect.poll(() => fake.cards().length).toBe(1);
    expect(JSON.stringify(fake.cards()[0]?.blocks)).toMatch(/\*Muted\* until/);
  });

  it('never sends the API key to Slack', async () => {
    await open401();
    await start().start();
    await expect.poll(() => fake.cards().length).toBe(1);
    expect(JSON.stringify(fake.calls)).not.toContain(number.apiKey.reveal());
  });

  it('does not lose a change made while an older edit of the card is in flight', async () => {
    await open401();
    await start().start();
    await expect.poll(() => fake.cards().length).toBe(1);
    fake.script('chat.update', { delayMs: 400 });
    await records.update(number.name, (r) => step(r as NumberRecord, { kind: 'acknowledge', by: 'U0ALICE' }, Date.now()));
    notifier.notify(number.name);
    await expect.poll(() => fake.callsTo('chat.update').length).toBe(1);
    // The number recovers while that edit is still on its way.
    const healthy = (at: number) => ({
      kind: 'observation' as const,
      observation: { number: number.name, at, state: 'healthy' as const, findings: [], summary: 'ok', source: 'poll' as const },
    });
    await records.update(number.name, (r) =>
      step(step(r as NumberRecord, healthy(Date.now()), Date.now()), healthy(Date.now() + 1), Date.now() + 1),
    );
    notifier.notify(number.name);
    await expect.poll(() => fake.cards()[0]?.text).toMatch(/recovered/);
  });

  it('keeps two posts to one channel about a second apart', async () => {
    const other = testNumber('notifier-key-other-0123456789', 'http://127.0.0.1:1', 'cloud', 'Sales line');
    await open401(Date.now(), number.name);
    await open401(Date.now(), other.name);
    await start(1000, [number, other]).start();
    await expect.poll(() => fake.cards().length).toBe(2);
    const [first, second] = fake.callsTo('chat.postMessage');
    // Arrival times at the fake: on a loaded machine the first call can reach it late, the second on time.
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(800);
  });

  it('delivers a thread reply stored by the first version as ready-made text', async () => {
    await open401();
    await start().start();
    await expect.poll(() => fake.cards().length).toBe(1);
    // The post settled in the record (a moment after Slack has it): the update below must not race it.
    await expect.poll(async () => (await records.get(number.name))?.outbox.length).toBe(0);
    const ts = fake.cards()[0]?.ts ?? '';
    // The shape the first version wrote: the reply's words were rendered before they were stored.
    await records.update(number.name, (r) => {
      const old = {
        seq: 99,
        incidentId: r?.incident?.id,
        effect: { kind: 'reply', text: 'Acknowledged by <@U0ALICE>.' },
        createdAt: 1,
        attempts: 0,
      };
      return { ...(r as NumberRecord), outbox: [old as unknown as NumberRecord['outbox'][number]] };
    });
    notifier.notify(number.name);
    await expect.poll(() => fake.thread(ts).map((m) => m.text)).toEqual(['Acknowledged by <@U0ALICE>.']);
  });
});
