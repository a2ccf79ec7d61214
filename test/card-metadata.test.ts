import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { step } from '../src/core/engine.js';
import { emptyRecord, type Incident, type NumberRecord } from '../src/core/records.js';
import { createNotifier, type Notifier } from '../src/slack/notifier.js';
import { cardContext } from '../src/slack/views/card-context.js';
import { CARD_EVENT, cardMetadata } from '../src/slack/views/card-metadata.js';
import { createStore } from '../src/store/kv.js';
import { createRecordStore, type RecordStore } from '../src/store/record-store.js';
import { createLogger } from '../src/telemetry/log.js';
import { type FakeSlack, startFakeSlack } from './fakes/slack-api.js';
import { testNumber } from './support/numbers.js';
import { pollDown as down, pollHealthy as healthy } from './support/observations.js';

const number = { ...testNumber('metadata-key-0123456789abcdef', 'http://127.0.0.1:1', 'cloud', 'Support line'), phone: '+49 30 1234567' };

/**
 * Slack's shape for message metadata: an event type of letters, digits, underscores (or hyphens), a payload
 * object whose keys are snake_case (the schema guide) and whose values are what @slack/types allows — we keep
 * to primitives. Slack documents no byte limit we could find (it answers metadata_too_large); ours is 2 KB.
 */
function metadataProblems(metadata: unknown): string[] {
  const m = metadata as { event_type?: unknown; event_payload?: unknown };
  const problems: string[] = [];
  if (typeof m?.event_type !== 'string' || !/^[A-Za-z0-9_-]+$/.test(m.event_type)) problems.push(`event_type ${String(m?.event_type)}`);
  if (typeof m?.event_payload !== 'object' || m.event_payload === null) return [...problems, 'no event_payload'];
  for (const [key, value] of Object.entries(m.event_payload)) {
    if (!/^[a-z][a-z0-9_]*$/.test(key)) problems.push(`key ${key}`);
    if (!['string', 'number', 'boolean'].includes(typeof value)) problems.push(`${key} is ${typeof value}`);
  }
  if (JSON.stringify(m).length > 2048) problems.push(`${JSON.stringify(m).length} characters`);
  return problems;
}

describe('what a card says to machines', () => {
  const at = Date.UTC(2026, 0, 5, 9, 0, 0);
  const open = step(emptyRecord(number.name), down(number.name, at), at);
  const byName = new Map([[number.name, number]]);
  const metadataAt = (record: NumberRecord, now: number) => cardMetadata(cardContext(record.incident as Incident, byName, now));

  it('names the incident, the number, its state, severity, codes and when it opened, in Slack’s shape', () => {
    const metadata = metadataAt(open, at + 1000);
    expect(metadata).toEqual({
      event_type: CARD_EVENT,
      event_payload: {
        incident_id: `${number.name}#${at}`,
        number: 'Support line',
        phone: '+49 30 1234567',
        api: 'cloud',
        state: 'open',
        severity: 'critical',
        codes: '401',
        opened_at: at / 1000,
        escalated: false,
        relapses: 0,
      },
    });
    expect(metadataProblems(metadata)).toEqual([]);
  });

  it('follows the incident: acknowledged, muted, resolved (with when)', () => {
    const acked = step(open, { kind: 'acknowledge', by: 'U0ALICE' }, at + 1000);
    expect(metadataAt(acked, at + 2000).event_payload).toMatchObject({ state: 'acknowledged', acknowledged_by: 'U0ALICE' });
    const muted = step(acked, { kind: 'mute', by: 'U0BOB', forMs: 3_600_000 }, at + 2000);
    expect(metadataAt(muted, at + 3000).event_payload).toMatchObject({ state: 'muted', muted_until: (at + 2000 + 3_600_000) / 1000 });
    let resolved = muted;
    for (let i = 1; i <= 5 && resolved.incident?.status !== 'resolved'; i++)
      resolved = step(resolved, healthy(number.name, at + i * 60_000), at + i * 60_000);
    const payload = metadataAt(resolved, at + 10 * 60_000).event_payload;
    expect(payload).toMatchObject({ state: 'resolved', codes: '401' });
    expect(payload.resolved_at).toBe(Math.floor((resolved.incident?.resolvedAt ?? 0) / 1000));
    expect(payload.muted_until).toBeUndefined();
  });

  it('stays small whatever numbers.yml holds, and a compact retry carries only what a restart needs', () => {
    const long = { ...number, name: `Line ${'x'.repeat(1000)}`, phone: '+'.repeat(500) };
    const record = step(emptyRecord(long.name), down(long.name, at), at);
    const ctx = cardContext(record.incident as Incident, new Map([[long.name, long]]), at);
    const payload = cardMetadata(ctx).event_payload;
    expect(String(payload.number).length).toBeLessThanOrEqual(200);
    expect(String(payload.phone).length).toBeLessThanOrEqual(40);
    expect(cardMetadata(ctx, true)).toEqual({ event_type: CARD_EVENT, event_payload: { incident_id: record.incident?.id } });
  });
});

describe('cards in Slack carry their state', () => {
  let fake: FakeSlack;
  let records: RecordStore<NumberRecord>;
  let notifier: Notifier;
  beforeEach(async () => {
    fake = await startFakeSlack();
    records = createRecordStore<NumberRecord>(await createStore('memory://metadata'), 'number');
    notifier = createNotifier({
      token: 'xoxb-test-fake',
      apiUrl: fake.apiUrl,
      records,
      numbers: [number],
      defaultChannel: 'C0INCIDENTS',
      logger: createLogger({ level: 'error', write: () => {} }),
      channelIntervalMs: 20,
    });
  });
  afterEach(async () => {
    await notifier.stop();
    await fake.close();
  });
  const change = async (input: Parameters<typeof step>[1]) => {
    await records.update(number.name, (r) => step(r ?? emptyRecord(number.name), input, Date.now()));
    notifier.notify(number.name);
  };
  const updates = () => fake.callsTo('chat.update').map((c) => c.body.metadata as { event_payload: Record<string, unknown> });

  it('posts the card with its metadata and replaces it with every edit, never with a key', async () => {
    await change(down(number.name, Date.now()));
    await notifier.start();
    await expect.poll(() => fake.cards().length).toBe(1);
    const posted = fake.cards()[0]?.metadata;
    expect(metadataProblems(posted)).toEqual([]);
    expect(posted?.event_payload).toMatchObject({ state: 'open', severity: 'critical', codes: '401', number: 'Support line' });

    await change({ kind: 'acknowledge', by: 'U0ALICE' });
    await expect.poll(() => updates().at(-1)?.event_payload.state, { timeout: 5000 }).toBe('acknowledged');
    for (let i = 0; i < 5; i++) await change(healthy(number.name, Date.now() + i));
    await expect.poll(() => updates().at(-1)?.event_payload.state, { timeout: 5000 }).toBe('resolved');
    for (const metadata of updates()) expect(metadataProblems(metadata)).toEqual([]);
    expect(JSON.stringify(fake.calls)).not.toContain(number.apiKey.reveal());
  }, 20_000);
});
