import { describe, expect, it } from 'vitest';
import type { IncidentEvent } from '../src/core/events.js';
import { enqueue, incidentOf, markInFlight, nextItem, settle, upgradeOutbox } from '../src/core/outbox.js';
import { emptyRecord, type Incident, type NumberRecord } from '../src/core/records.js';

const T0 = Date.UTC(2026, 10, 30, 12);
const incident: Incident = {
  id: 'Support#1',
  number: 'Support',
  status: 'open',
  openedAt: T0,
  relapses: 0,
  conditions: [],
  escalations: [],
};

function record(): NumberRecord {
  return { ...emptyRecord('Support'), incident: structuredClone(incident) };
}
const reminder = (openForMs: number): IncidentEvent => ({ kind: 'reminder', openForMs, conditions: [] });
const reply = (...events: IncidentEvent[]) => ({ kind: 'reply' as const, events });
const effects = (r: NumberRecord) => r.outbox.map((i) => i.effect);

describe('the outbox', () => {
  it('lets a pending post or edit cover a later card edit, since cards are drawn at delivery', () => {
    const r = record();
    expect(enqueue(r, incident.id, { kind: 'post-card' }, T0)).toBe(true);
    expect(enqueue(r, incident.id, { kind: 'update-card' }, T0 + 1)).toBe(false);
    expect(effects(r)).toEqual([{ kind: 'post-card' }]);
  });

  it('queues a new edit once the pending one is in flight: that one may already be drawn', () => {
    const r = record();
    enqueue(r, incident.id, { kind: 'update-card' }, T0);
    markInFlight(r, 1, T0 + 1);
    expect(enqueue(r, incident.id, { kind: 'update-card' }, T0 + 2)).toBe(true);
    expect(r.outbox.map((i) => i.seq)).toEqual([1, 2]);
  });

  it('collapses reminders into the newest and says other events of one incident in one reply', () => {
    const r = record();
    enqueue(r, incident.id, reply(reminder(60)), T0);
    enqueue(r, incident.id, reply({ kind: 'acknowledged', by: 'U0ALICE' }), T0 + 1);
    enqueue(r, incident.id, reply(reminder(120)), T0 + 2);
    expect(effects(r)).toEqual([reply({ kind: 'acknowledged', by: 'U0ALICE' }, reminder(120))]);
  });

  it('keeps a broadcast when replies merge', () => {
    const r = record();
    enqueue(r, incident.id, reply(reminder(60)), T0);
    enqueue(r, incident.id, { kind: 'reply', events: [{ kind: 'escalated', reason: '502' }], broadcast: true }, T0);
    expect(effects(r)).toEqual([{ kind: 'reply', events: [reminder(60), { kind: 'escalated', reason: '502' }], broadcast: true }]);
  });

  it('never folds into a reply already in flight', () => {
    const r = record();
    enqueue(r, incident.id, reply(reminder(60)), T0);
    markInFlight(r, 1, T0);
    enqueue(r, incident.id, reply(reminder(120)), T0 + 1);
    expect(r.outbox).toHaveLength(2);
  });

  it('settles by outcome: a sent post stores its card, a retry waits, a deleted card is posted afresh', () => {
    const r = record();
    enqueue(r, incident.id, { kind: 'post-card' }, T0);
    enqueue(r, incident.id, reply(reminder(60)), T0);
    settle(r, 1, { kind: 'sent', card: { channel: 'C1', ts: '1.0' } }, T0);
    expect(r.incident?.card).toEqual({ channel: 'C1', ts: '1.0' });
    markInFlight(r, 2, T0);
    settle(r, 2, { kind: 'retry', error: 'HTTP 503' }, T0);
    expect(nextItem(r)).toMatchObject({ seq: 2, attempts: 1, lastError: 'HTTP 503' });
    expect(nextItem(r)?.inFlightSince).toBeUndefined();
    settle(r, 2, { kind: 'compact', error: 'msg_too_long' }, T0);
    expect(nextItem(r)).toMatchObject({ seq: 2, attempts: 2, compact: true });
    settle(r, 2, { kind: 'card-gone' }, T0);
    expect(r.incident?.card).toBeUndefined();
    expect(effects(r)).toEqual([{ kind: 'post-card' }]);
  });

  it('releases an item found in flight after a restart without counting an attempt', () => {
    const r = record();
    enqueue(r, incident.id, { kind: 'post-card' }, T0);
    markInFlight(r, 1, T0);
    settle(r, 1, { kind: 'release' }, T0);
    expect(nextItem(r)).toMatchObject({ seq: 1, attempts: 0 });
    expect(nextItem(r)?.inFlightSince).toBeUndefined();
  });

  it('lets go of a replaced incident once its card has nothing queued', () => {
    const r = record();
    r.previous = { ...incident, id: 'Support#0' };
    enqueue(r, 'Support#0', { kind: 'update-card' }, T0);
    const item = nextItem(r);
    expect(item && incidentOf(r, item)?.id).toBe('Support#0');
    settle(r, 1, { kind: 'drop' }, T0);
    expect(r.previous).toBeUndefined();
  });

  it('reads a record stored by the first version, whose replies were ready-made text', () => {
    const old = {
      ...record(),
      outbox: [
        { seq: 1, incidentId: incident.id, effect: { kind: 'reply', text: 'Acknowledged', broadcast: true }, createdAt: T0, attempts: 0 },
      ],
    };
    const upgraded = upgradeOutbox(old as unknown as NumberRecord);
    expect(effects(upgraded)).toEqual([{ kind: 'reply', events: [{ kind: 'legacy-text', text: 'Acknowledged' }], broadcast: true }]);
  });
});
