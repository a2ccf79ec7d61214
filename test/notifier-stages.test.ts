import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { step } from '../src/core/engine.js';
import { emptyRecord, type Incident, type NumberRecord, type OutboxItem } from '../src/core/records.js';
import { ChannelHolds } from '../src/slack/channel-holds.js';
import { DeliveryHealth } from '../src/slack/delivery-health.js';
import {
  type Attempt,
  attemptOf,
  call,
  createSettleItem,
  digest,
  deliverNext,
  load,
  mark,
  NEXT,
  reconcile,
  type StageDeps,
  settleAnswer,
} from '../src/slack/delivery-stages.js';
import { createDeliveryClient } from '../src/slack/delivery.js';
import { DueRecords } from '../src/slack/due-records.js';
import { ChannelPacing } from '../src/slack/pacing.js';
import { pickNext, type Waiting } from '../src/slack/pick-next.js';
import { createRefusalPolicy } from '../src/slack/refusal-policy.js';
import { ReminderDigests } from '../src/slack/reminder-digests.js';
import { cardContext } from '../src/slack/views/card-context.js';
import { createStore } from '../src/store/kv.js';
import { createRecordStore, type RecordStore } from '../src/store/record-store.js';
import { createLogger } from '../src/telemetry/log.js';
import { type FakeSlack, startFakeSlack } from './fakes/slack-api.js';
import { testNumber } from './support/numbers.js';

function waiting(due: Record<string, Record<string, number>>, over: Partial<Waiting> = {}): Waiting {
  return {
    due: Object.entries(due).map(([channel, records]) => [channel, new Map(Object.entries(records))] as const),
    worthOf: () => 0,
    digests: [],
    isBusy: () => false,
    readyAt: () => 0,
    ...over,
  };
}

describe('pickNext: what goes next, from what waits', () => {
  it('takes, per channel, the ready record whose next item is worth most, then the one waiting longest', () => {
    const worth: Record<string, number> = { edit: 1, card: 0, olderEdit: 1, reminder: 3 };
    const choice = pickNext(
      waiting({ C1: { edit: 10, card: 20, reminder: 5 }, C2: { edit: 10, olderEdit: 5 } }, { worthOf: (n) => worth[n] ?? 0 }),
      100,
    );
    expect(choice.deliveries).toEqual([
      { channel: 'C1', number: 'card' },
      { channel: 'C2', number: 'olderEdit' },
    ]);
  });

  it('leaves a busy channel alone, and wakes when a paced channel or a record not yet due is ready', () => {
    const choice = pickNext(
      waiting(
        { busy: { a: 0 }, paced: { b: 0 }, later: { c: 250 } },
        { isBusy: (c) => c === 'busy', readyAt: (c) => (c === 'paced' ? 180 : 0) },
      ),
      100,
    );
    expect(choice.deliveries).toEqual([]);
    expect(choice.wakeAt).toBe(180);
    expect(pickNext(waiting({}), 100).wakeAt).toBe(Number.POSITIVE_INFINITY);
  });

  it('sends a due digest on a free channel, not on one taking a delivery this round, and wakes for one not due', () => {
    const choice = pickNext(
      waiting(
        { C1: { a: 0 } },
        {
          digests: [
            ['C1', 50],
            ['C2', 50],
            ['C3', 400],
            ['C4', 50],
          ],
          isBusy: (c) => c === 'C4',
        },
      ),
      100,
    );
    expect(choice.deliveries).toEqual([{ channel: 'C1', number: 'a' }]);
    expect(choice.digests).toEqual(['C2']);
    expect(choice.wakeAt).toBe(400);
  });
});

const number = testNumber('stages-key-0123456789', 'http://127.0.0.1:1', 'cloud', 'Support line');
let fake: FakeSlack;
let records: RecordStore<NumberRecord>;
let deps: StageDeps;
let digests: ReminderDigests;
const clock = 1000;
const logs: string[] = [];

beforeEach(async () => {
  fake = await startFakeSlack();
  records = createRecordStore<NumberRecord>(await createStore('memory://stages'), 'number');
  logs.length = 0;
  const logger = createLogger({ level: 'debug', write: (l) => logs.push(l) });
  const client = createDeliveryClient('xoxb-test-fake', fake.apiUrl, logger);
  const holds = new ChannelHolds(1000);
  const pacing = new ChannelPacing(holds, 1000);
  const due = new DueRecords(() => 'C0INCIDENTS');
  const settleItem = createSettleItem(records, due, Date.now);
  const mono = () => clock;
  digests = new ReminderDigests(60_000, 100);
  const refused = createRefusalPolicy({
    client,
    holds,
    logger,
    defaultChannel: 'C0INCIDENTS',
    maxRetryAfterMs: 1000,
    mono,
    store: settleItem,
    waitChannel: (c, until) => pacing.waitUntil(c, until),
  });
  const byName = new Map([[number.name, number]]);
  deps = {
    records,
    client,
    logger,
    digests,
    pacing,
    holds,
    health: new DeliveryHealth(holds),
    settleItem,
    refused,
    contextOf: (incident) => cardContext(incident, byName, Date.now()),
    now: Date.now,
    mono,
  };
});
afterEach(() => fake.close());

async function open401(): Promise<NumberRecord> {
  const at = Date.now();
  const observation = {
    number: number.name,
    at,
    state: 'down' as const,
    findings: [{ entryId: '360dialog-401', code: '401', severity: 'critical' as const }],
    summary: '401',
    source: 'poll' as const,
  };
  return (await records.update(number.name, (r) =>
    step(r ?? emptyRecord(number.name), { kind: 'observation', observation }, at),
  )) as NumberRecord;
}
/** The record's outbox replaced by these items. */
async function withOutbox(items: (incident: Incident) => OutboxItem[], card = true): Promise<void> {
  await records.update(number.name, (r) => {
    const record = r as NumberRecord;
    const incident = record.incident as Incident;
    if (card) incident.card = { channel: 'C0CARDS', ts: '1.000100' };
    return { ...record, outbox: items(incident) };
  });
}
const item = (incident: Incident, effect: OutboxItem['effect'], more: Partial<OutboxItem> = {}): OutboxItem => ({
  seq: 7,
  incidentId: incident.id,
  effect,
  createdAt: 1,
  attempts: 0,
  ...more,
});
const attempt = async (): Promise<Attempt> => {
  const loaded = await load(deps, number.name);
  return attemptOf(loaded as NonNullable<typeof loaded>, 'C0INCIDENTS') as Attempt;
};

describe('the delivery stages, each alone', () => {
  it('load finds the oldest item of a record, and nothing in an empty outbox', async () => {
    await open401();
    expect((await load(deps, number.name))?.item.effect.kind).toBe('post-card');
    await withOutbox(() => []);
    expect(await load(deps, number.name)).toBeUndefined();
  });

  it('skip needs no call for an item whose incident is gone, a post already made, or an edit of a card never posted', async () => {
    const record = await open401();
    const incident = record.incident as Incident;
    const post = { number: number.name, item: item(incident, { kind: 'post-card' }), incident };
    expect(attemptOf(post, 'C0INCIDENTS')?.channel).toBe('C0INCIDENTS');
    expect(attemptOf({ ...post, incident: undefined }, 'C0INCIDENTS')).toBeUndefined();
    expect(attemptOf({ ...post, item: item(incident, { kind: 'update-card' }) }, 'C0INCIDENTS')).toBeUndefined();
    const posted = { ...incident, card: { channel: 'C0CARDS', ts: '1.1' } };
    expect(attemptOf({ ...post, incident: posted }, 'C0INCIDENTS')).toBeUndefined();
    expect(attemptOf({ ...post, incident: posted, item: item(incident, { kind: 'update-card' }) }, 'C0INCIDENTS')?.channel).toBe('C0CARDS');
  });

  it('digest takes a reminder alone into the channel digest and settles it; anything else goes on', async () => {
    await open401();
    const reminder = { kind: 'reminder' as const, openForMs: 3_600_000, conditions: [{ code: '401', title: 'Invalid API key' }] };
    await withOutbox((incident) => [item(incident, { kind: 'reply', events: [reminder] })]);
    expect(await digest(deps, await attempt())).toBe(clock);
    expect([...digests.due()].map(([channel]) => channel)).toEqual(['C0CARDS']);
    expect((await records.get(number.name))?.outbox).toEqual([]);
    await withOutbox((incident) => [item(incident, { kind: 'update-card' })]);
    expect(await digest(deps, await attempt())).toBe(NEXT);
    expect(fake.calls).toEqual([]);
  });

  it('reconcile looks in Slack only for an item left in flight, and settles one it finds as sent', async () => {
    await open401();
    await withOutbox((incident) => [item(incident, { kind: 'post-card' })], false);
    expect(await reconcile(deps, await attempt())).toBe(NEXT);
    expect(fake.calls).toEqual([]);
    const incidentId = (await records.get(number.name))?.incident?.id as string;
    fake.messages.push({
      channel: 'C0INCIDENTS',
      ts: `${Math.floor(Date.now() / 1000)}.000001`,
      text: 'card',
      blocks: [],
      updates: 0,
      metadata: { event_type: 'wa_health_incident', event_payload: { incident_id: incidentId } },
    });
    await withOutbox((incident) => [item(incident, { kind: 'post-card' }, { inFlightSince: Date.now() })], false);
    expect(await reconcile(deps, await attempt())).toBe(clock);
    expect(fake.callsTo('chat.postMessage')).toEqual([]);
    expect((await records.get(number.name))?.incident?.card?.channel).toBe('C0INCIDENTS');
  });

  it('mark stores the item in flight and spends the channel’s pacing slot; call and settleAnswer post and store the card', async () => {
    await open401();
    const a = await attempt();
    await mark(deps, a);
    expect((await records.get(number.name))?.outbox[0]?.inFlightSince).toBeDefined();
    expect(deps.pacing.readyAt('C0INCIDENTS')).toBe(clock + 1000);
    const result = await call(deps, a);
    expect(result).toMatchObject({ kind: 'accepted', ts: fake.cards()[0]?.ts });
    expect(await settleAnswer(deps, a, result)).toBe(clock);
    expect((await records.get(number.name))?.incident?.card).toEqual({ channel: 'C0INCIDENTS', ts: fake.cards()[0]?.ts });
  });

  it('settleAnswer hands a refusal to the refusal policy and readiness names it', async () => {
    await open401();
    fake.script('chat.postMessage', { status: 503, body: 'down' });
    const a = await attempt();
    const result = await call(deps, a);
    expect(result).toEqual({ kind: 'refused', refusal: { kind: 'transient', error: 'HTTP 503' } });
    expect(await settleAnswer(deps, a, result)).toBeGreaterThan(clock);
    expect(deps.health.problems()).toEqual(['the last Slack call failed: HTTP 503']);
    expect((await records.get(number.name))?.outbox[0]).toMatchObject({ attempts: 1, lastError: 'HTTP 503' });
  });

  it('mark hands on the item and incident as marked: an edit or a reply merged after load is in the call', async () => {
    await open401();
    await deliverNext(deps, number.name, 'C0INCIDENTS');
    const ts = fake.cards()[0]?.ts ?? '';
    const act = (input: Parameters<typeof step>[1]) => records.update(number.name, (r) => step(r as NumberRecord, input, Date.now()));
    await act({ kind: 'acknowledge', by: 'U0ALICE' });
    // The edit is loaded; the mute that follows is covered by it, so no edit of its own is queued.
    const edit = await attempt();
    expect(edit.item.effect.kind).toBe('update-card');
    await act({ kind: 'mute', by: 'U0BOB', forMs: 3_600_000 });
    const marked = await mark(deps, edit);
    await settleAnswer(deps, marked, await call(deps, marked));
    expect(JSON.stringify(fake.cards()[0]?.blocks)).toMatch(/\*Muted\* until/);
    // The reply is loaded; events of the unmute merge into it before it is marked.
    const reply = await attempt();
    expect(reply.item.effect.kind).toBe('reply');
    await act({ kind: 'unmute', by: 'U0BOB' });
    const markedReply = await mark(deps, reply);
    await settleAnswer(deps, markedReply, await call(deps, markedReply));
    expect(
      fake
        .thread(ts)
        .map((m) => m.text)
        .join('\n'),
    ).toMatch(/Acknowledged[\s\S]*[Uu]nmuted/);
  });

  it('deliverNext runs them in order and says when the record is empty', async () => {
    await open401();
    expect(await deliverNext(deps, number.name, 'C0INCIDENTS')).toBe(clock);
    expect(fake.cards()).toHaveLength(1);
    expect(await deliverNext(deps, number.name, 'C0INCIDENTS')).toBeUndefined();
  });
});

describe('channel holds', () => {
  it('wait by the one backoff: from 5 s, doubling up to the cap, half of each wait random', () => {
    const waits = (random: number) => {
      const holds = new ChannelHolds(30_000, () => random);
      return [1, 2, 3, 4, 5].map(() => holds.refuse('C1', 'not_in_channel', 0).hold.until);
    };
    expect(waits(1)).toEqual([5000, 10_000, 20_000, 30_000, 30_000]);
    expect(waits(0)).toEqual([3750, 7500, 15_000, 22_500, 22_500]);
  });
});
