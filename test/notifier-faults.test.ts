import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { step } from '../src/core/engine.js';
import { emptyRecord, type NumberRecord } from '../src/core/records.js';
import { createNotifier, type Notifier, type NotifierOptions } from '../src/slack/notifier.js';
import { createStore } from '../src/store/kv.js';
import { createRecordStore, type RecordStore } from '../src/store/record-store.js';
import { createLogger } from '../src/telemetry/log.js';
import { type FakeSlack, startFakeSlack } from './fakes/slack-api.js';
import { testNumber } from './support/numbers.js';
import { pollDown as observation } from './support/observations.js';

const own = { ...testNumber('faults-key-0123456789', 'http://127.0.0.1:1', 'cloud', 'Sales line'), channel: 'C0SALES' };
const plain = testNumber('faults-key-plain-0123456789', 'http://127.0.0.1:1', 'cloud', 'Support line');
let fake: FakeSlack;
let records: RecordStore<NumberRecord>;
let notifier: Notifier | undefined;
const logs: string[] = [];

beforeEach(async () => {
  fake = await startFakeSlack();
  records = createRecordStore<NumberRecord>(await createStore('memory://x'), 'number');
  logs.length = 0;
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
    numbers: [own, plain],
    defaultChannel: 'C0INCIDENTS',
    logger: createLogger({ level: 'debug', write: (l) => logs.push(l) }),
    channelIntervalMs: 20,
    maxHoldMs: 150,
    ...extra,
  });
  return notifier;
}

async function open(name: string, at = Date.now()): Promise<void> {
  await records.update(name, (r) => step(r ?? emptyRecord(name), observation(name, at), at));
}
async function acknowledge(name: string, by: string): Promise<void> {
  await records.update(name, (r) => step(r as NumberRecord, { kind: 'acknowledge', by }, Date.now()));
  notifier?.notify(name);
}
const outbox = async (name: string) => (await records.get(name))?.outbox ?? [];
const errors = () => logs.filter((l) => / ERROR /.test(l));

describe('Slack refusing a channel for a reason a person must fix', () => {
  it.each(['not_in_channel', 'channel_not_found', 'is_archived', 'invalid_auth', 'token_revoked', 'account_inactive', 'restricted_action'])(
    'keeps every effect while Slack answers %s, and delivers the final state once it accepts',
    async (error) => {
      fake.outage('chat.postMessage', { body: { ok: false, error } });
      fake.outage('conversations.join', { body: { ok: false, error: 'method_not_supported_for_channel_type' } });
      await open(plain.name);
      start().start();
      await expect.poll(() => errors().length).toBe(1);
      await acknowledge(plain.name, 'U0ALICE');
      await new Promise((r) => setTimeout(r, 400));
      expect(fake.cards()).toHaveLength(0);
      expect((await outbox(plain.name)).length).toBeGreaterThan(0);
      expect(notifier?.problems()).toEqual([expect.stringContaining(error)]);
      // One ERROR per cause, not one per retry.
      expect(errors()).toHaveLength(1);
      fake.outage('chat.postMessage');
      await expect.poll(() => fake.cards().length).toBe(1);
      await expect.poll(() => JSON.stringify(fake.cards()[0]?.blocks)).toMatch(/Acknowledged\* by <@U0ALICE>/);
      await expect.poll(() => outbox(plain.name)).toEqual([]);
      expect(notifier?.problems()).toEqual([]);
    },
  );

  it('joins a public channel it was not invited to, and posts there', async () => {
    fake.script('chat.postMessage', { body: { ok: false, error: 'not_in_channel' } });
    await open(plain.name);
    start().start();
    await expect.poll(() => fake.cards().length).toBe(1);
    expect(fake.joined.has('C0INCIDENTS')).toBe(true);
    expect(errors()).toEqual([]);
  });

  it("tells the default channel when a number's own channel refuses the bot", async () => {
    fake.outage('conversations.join', { body: { ok: false, error: 'method_not_supported_for_channel_type' } });
    fake.script('chat.postMessage', { body: { ok: false, error: 'not_in_channel' } });
    await open(own.name);
    start().start();
    await expect
      .poll(() => fake.messages.filter((m) => m.channel === 'C0INCIDENTS').map((m) => m.text))
      .toEqual([expect.stringMatching(/I cannot post to <#C0SALES>: not_in_channel — invite the bot/)]);
    await expect.poll(() => fake.cards().filter((m) => m.channel === 'C0SALES').length).toBe(1);
  });

  it('holds one channel without holding another', async () => {
    fake.outage('conversations.join', { body: { ok: false, error: 'method_not_supported_for_channel_type' } });
    await open(own.name);
    await open(plain.name);
    fake.refuse('C0SALES', 'not_in_channel');
    start({ maxHoldMs: 60_000 }).start();
    // Its cards, not the notice about C0SALES, which has no blocks.
    const cards = () => fake.cards().filter((m) => m.channel === 'C0INCIDENTS' && m.blocks.length > 0);
    await expect.poll(() => cards().length).toBe(1);
    await acknowledge(plain.name, 'U0ALICE');
    await expect.poll(() => fake.thread(cards()[0]?.ts ?? '').length).toBe(1);
    expect(notifier?.problems()).toEqual([expect.stringMatching(/channel C0SALES: not_in_channel/)]);
  });
});

describe('Slack refusing what a message says', () => {
  it('sends a compact card when the full one is too long', async () => {
    fake.script('chat.postMessage', { body: { ok: false, error: 'msg_too_long' } });
    await open(plain.name);
    start().start();
    await expect.poll(() => fake.cards().length).toBe(1);
    expect(fake.cards()[0]?.blocks.length).toBeLessThanOrEqual(4);
  });

  it('drops it only when the compact card is refused too, naming the incident', async () => {
    fake.outage('chat.postMessage', { body: { ok: false, error: 'invalid_blocks' } });
    await open(plain.name);
    start().start();
    await expect
      .poll(() => errors().join('\n'))
      .toMatch(/refused post-card for incident Support line#\d+ even compact \(invalid_blocks\)\. Dropped/);
    await expect.poll(() => outbox(plain.name)).toEqual([]);
  });
});

describe('waiting', () => {
  it('caps a long Retry-After and says so', async () => {
    fake.script('chat.postMessage', { status: 429, headers: { 'retry-after': '3600' }, body: { ok: false, error: 'ratelimited' } });
    await open(plain.name);
    start({ maxRetryAfterMs: 300 }).start();
    await expect.poll(() => fake.cards().length).toBe(1);
    expect(logs.join('\n')).toMatch(/WARN .*asked to wait 3600 s on C0INCIDENTS; waiting 0\.3 s instead/);
  });

  it('spends no pacing slot on an effect it drops without a call', async () => {
    await open(plain.name);
    // A stale edit of an incident that no longer exists, queued before the real post.
    await records.update(plain.name, (r) => {
      const record = r as NumberRecord;
      const stale = { seq: 0, incidentId: 'gone#1', effect: { kind: 'update-card' as const }, createdAt: 1, attempts: 0 };
      return { ...record, outbox: [stale, ...record.outbox] };
    });
    // Ten minutes between calls: had the dropped edit taken a slot, the post would wait for the next one.
    start({ channelIntervalMs: 600_000 }).start();
    await expect.poll(() => fake.cards().length).toBe(1);
  });

  it('stops within its grace even while Slack hangs, leaving the call marked for the next start', async () => {
    // Slack never answers: a stop that waited for the call would never return.
    fake.outage('chat.postMessage', { hang: true });
    await open(plain.name);
    start().start();
    await expect.poll(() => fake.callsTo('chat.postMessage').length).toBe(1);
    await notifier?.stop(500);
    notifier = undefined;
    expect((await outbox(plain.name))[0]?.inFlightSince).toBeDefined();
    fake.outage('chat.postMessage');
  });
});

describe('a restart after a crash during a slow Slack', () => {
  it('finds a card that reached Slack and does not post it twice', async () => {
    fake.outage('chat.postMessage', { lateMs: 30_000 });
    await open(plain.name);
    start().start();
    await expect.poll(() => fake.cards().length).toBe(1);
    // The crash: the answer never arrives, the item stays marked in flight.
    await notifier?.stop(10);
    fake.outage('chat.postMessage');
    start().start();
    await expect.poll(async () => (await records.get(plain.name))?.incident?.card?.ts).toBe(fake.cards()[0]?.ts);
    expect(fake.cards()).toHaveLength(1);
    expect(fake.callsTo('conversations.history').length).toBeGreaterThan(0);
  });

  it('finds a thread reply that reached Slack and does not post it twice', async () => {
    await open(plain.name);
    start().start();
    await expect.poll(() => fake.cards().length).toBe(1);
    await expect.poll(() => outbox(plain.name)).toEqual([]);
    fake.outage('chat.postMessage', { lateMs: 30_000 });
    await acknowledge(plain.name, 'U0ALICE');
    const ts = fake.cards()[0]?.ts ?? '';
    await expect.poll(() => fake.thread(ts).length).toBe(1);
    await notifier?.stop(10);
    fake.outage('chat.postMessage');
    start().start();
    await expect.poll(() => outbox(plain.name)).toEqual([]);
    expect(fake.thread(ts)).toHaveLength(1);
  });
});
