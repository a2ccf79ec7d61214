import { describe, expect, it } from 'vitest';
import { step } from '../src/core/engine.js';
import { type GroupObservation, groupId, isGroupId, SAME_CONDITION, stepGroup, threshold } from '../src/core/grouping.js';
import { createGrouper } from '../src/monitor/groups.js';
import { createStore } from '../src/store/kv.js';
import { createRecordStore } from '../src/store/record-store.js';
import { createLogger } from '../src/telemetry/log.js';
import { emptyRecord, type NumberRecord } from '../src/core/records.js';
import type { Finding } from '../src/core/observation.js';

const T0 = Date.UTC(2026, 10, 30, 14, 2);
const MIN = 60_000;
const id = groupId('C0INCIDENTS', '360dialog-500');
const seen = (names: string[], watched = 10): GroupObservation => ({
  channel: 'C0INCIDENTS',
  key: '360dialog-500',
  code: '500',
  title: 'Internal server error',
  severity: 'critical',
  members: Object.fromEntries(names.map((n) => [n, T0])),
  watched,
});
const names = (n: number) => Array.from({ length: n }, (_, i) => `Line ${i}`);
const kinds = (r: NumberRecord) =>
  r.outbox.map((i) => (i.effect.kind === 'reply' ? i.effect.events.map((e) => e.kind).join('+') : i.effect.kind));

describe('group incidents', () => {
  it('form at max(3, 30% of the numbers watched in the channel)', () => {
    expect(threshold(SAME_CONDITION, 5)).toBe(3);
    expect(threshold(SAME_CONDITION, 200)).toBe(60);
    const below = stepGroup(emptyRecord(id), seen(names(59), 200), SAME_CONDITION, T0);
    expect(below.incident).toBeUndefined();
    const formed = stepGroup(emptyRecord(id), seen(names(60), 200), SAME_CONDITION, T0);
    expect(formed.incident?.status).toBe('open');
    expect(kinds(formed)).toEqual(['post-card', 'members-changed']);
  });

  it('form only from numbers that broke within one poll interval and its grace, not over days', () => {
    const spread = (count: number, everyMs: number) => Object.fromEntries(names(count).map((n, i) => [n, T0 - i * everyMs]));
    const slowly = stepGroup(emptyRecord(id), { ...seen([]), members: spread(10, 60 * MIN) }, SAME_CONDITION, T0);
    expect(slowly.incident).toBeUndefined();
    // Three of ten within the window (the threshold), seven broken for hours.
    const members = { ...spread(10, 60 * MIN), 'Line 1': T0 - 20_000, 'Line 2': T0 - 40_000 };
    const atOnce = stepGroup(emptyRecord(id), { ...seen([]), members }, SAME_CONDITION, T0);
    expect(atOnce.incident?.status).toBe('open');
    // Once formed, the older ones join too: the group speaks for every number with the condition.
    expect(Object.keys(atOnce.incident?.group?.members ?? {})).toHaveLength(10);
  });

  it('follow their members down to none, then resolve once', () => {
    let r = stepGroup(emptyRecord(id), seen(names(5)), SAME_CONDITION, T0);
    r = { ...r, outbox: [] };
    // Below the threshold now, still open: the threshold decides only when a group forms.
    r = stepGroup(r, seen(names(1)), SAME_CONDITION, T0 + MIN);
    expect(r.incident?.status).toBe('open');
    expect(Object.keys(r.incident?.group?.members ?? {})).toEqual(['Line 0']);
    expect(r.incident?.group?.peak).toBe(5);
    r = stepGroup({ ...r, outbox: [] }, seen([]), SAME_CONDITION, T0 + 2 * MIN);
    expect(r.incident?.status).toBe('resolved');
    expect(kinds(r)).toEqual(['update-card', 'recovered', 'timeline']);
  });

  it('change nothing when nothing changed', () => {
    const r = stepGroup(emptyRecord(id), seen(names(5)), SAME_CONDITION, T0);
    expect(stepGroup(r, seen(names(5)), SAME_CONDITION, T0 + MIN)).toEqual(r);
  });
});

describe('a number a group card speaks for', () => {
  const f502: Finding = { entryId: '360dialog-502', code: '502', severity: 'critical' };
  const f131042: Finding = { entryId: 'cloud-131042', code: '131042', severity: 'critical' };
  const observe = (r: NumberRecord, at: number, ...findings: Finding[]) =>
    step(r, { kind: 'observation', observation: { number: 'Line 0', at, state: 'down', findings, summary: '', source: 'poll' } }, at);

  it('gets no card of its own while covered, and one when the group lets go while it is still broken', () => {
    const opened = observe(emptyRecord('Line 0'), T0, f502);
    expect(kinds(opened)).toEqual(['post-card', 'escalated']);
    const covered = step(opened, { kind: 'cover', keys: ['360dialog-502'] }, T0);
    expect(covered.outbox).toEqual([]);
    expect(kinds(observe(covered, T0 + MIN, f502))).toEqual([]);
    const uncovered = step(covered, { kind: 'cover', keys: [] }, T0 + 2 * MIN);
    expect(kinds(uncovered)).toEqual(['post-card']);
  });

  it('keeps its own card for a problem no group speaks for', () => {
    const opened = observe(emptyRecord('Line 0'), T0, f502, f131042);
    const covered = step(opened, { kind: 'cover', keys: ['360dialog-502'] }, T0);
    expect(kinds(covered)).toContain('post-card');
  });

  it('gets no card when the group lets go because it is recovering', () => {
    const opened = step(observe(emptyRecord('Line 0'), T0, f502), { kind: 'cover', keys: ['360dialog-502'] }, T0);
    const healthy = observe(opened, T0 + MIN);
    expect(kinds(step(healthy, { kind: 'cover', keys: [] }, T0 + MIN))).toEqual([]);
  });
});

describe('the grouper', () => {
  it('judges "at once" by when incidents opened, not by when their condition was first seen', async () => {
    const records = createRecordStore<NumberRecord>(await createStore('memory://grouper'), 'number');
    const grouper = createGrouper({
      records,
      channelOf: () => 'C0INCIDENTS',
      watched: new Map([['C0INCIDENTS', 5]]),
      logger: createLogger({ level: 'error', write: () => {} }),
      cover: async () => {},
      settled: () => {},
    });
    for (const name of names(3)) {
      // Seen failing for a day (polls below the open threshold), opened just now.
      const condition = { key: '360dialog-500', code: '500', title: 'Internal server error', severity: 'critical' as const };
      const record: NumberRecord = {
        ...emptyRecord(name),
        incident: {
          id: `${name}#1`,
          number: name,
          status: 'open',
          openedAt: T0,
          relapses: 0,
          conditions: [{ ...condition, firstSeen: T0 - 24 * 60 * MIN, lastSeen: T0, count: 9, activeSince: T0 - 24 * 60 * MIN }],
          escalations: [],
        },
      };
      grouper.note(name, record);
    }
    await grouper.regroup(T0 + MIN);
    expect(grouper.openIds().filter(isGroupId)).toEqual([id]);
  });
});
