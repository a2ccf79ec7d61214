import { describe, expect, it } from 'vitest';
import type { Finding, Observation } from '../src/core/observation.js';
import { DEFAULT_ENGINE_OPTIONS, type EngineInput, step } from '../src/core/engine.js';
import { nextDeadline } from '../src/core/deadline.js';
import { emptyRecord, type NumberRecord } from '../src/core/records.js';

const MIN = 60_000;
const T0 = Date.UTC(2026, 10, 25, 8, 0, 0);
const options = DEFAULT_ENGINE_OPTIONS;

const finding = (entryId: string, code: string): Finding => ({ entryId, code, severity: 'critical' });
const F500 = finding('360dialog-500', '500');
const F401 = finding('360dialog-401', '401');
const F555 = finding('360dialog-555', '555');

function obs(at: number, findings: Finding[], source: Observation['source'] = 'poll'): Observation {
  return { number: 'Line', at, state: findings.length ? 'down' : 'healthy', findings, summary: 'x', keyFingerprint: 'k', source };
}
const see = (at: number, ...findings: Finding[]): [number, EngineInput] => [at, { kind: 'observation', observation: obs(at, findings) }];
const run = (inputs: Array<[number, EngineInput]>): NumberRecord =>
  inputs.reduce((record, [at, input]) => step(record, input, at, options), emptyRecord('Line'));
const tick = (record: NumberRecord, at: number) => step(record, { kind: 'tick' }, at, options);

/** The deadline is exact: a tick a millisecond before it changes nothing, a tick at it changes the record. */
function expectExact(record: NumberRecord): number {
  const at = nextDeadline(record, options);
  if (at === undefined) throw new Error('expected a deadline');
  expect(tick(record, at - 1)).toEqual(record);
  expect(tick(record, at)).not.toEqual(record);
  return at;
}

describe('the next deadline of a record', () => {
  it('is none without an open incident: no tick can change such a record', () => {
    expect(nextDeadline(emptyRecord('Line'), options)).toBeUndefined();
    expect(nextDeadline(run([see(T0, F500)]), options)).toBeUndefined();
    const resolved = run([see(T0, F401), see(T0 + MIN), see(T0 + 2 * MIN)]);
    expect(resolved.incident?.status).toBe('resolved');
    expect(nextDeadline(resolved, options)).toBeUndefined();
  });

  it('is the first moment a 500 has lasted more than 10 minutes, and the escalation fires then', () => {
    const record = run([see(T0, F500), see(T0 + MIN, F500)]);
    expect(expectExact(record)).toBe(T0 + 10 * MIN + 1);
    expect(tick(record, T0 + 10 * MIN + 1).incident?.escalations.map((e) => e.code)).toEqual(['500']);
  });

  it('is the next reminder for an incident whose rules only a new observation can fire', () => {
    const record = run([see(T0, F401), see(T0 + 5 * MIN, F401)]);
    expect(expectExact(record)).toBe(T0 + options.reminderIntervalMs);
    const reminded = tick(record, T0 + options.reminderIntervalMs);
    expect(expectExact(reminded)).toBe(T0 + 2 * options.reminderIntervalMs);
  });

  it('waits out a mute before the next reminder', () => {
    const opened = run([see(T0, F401)]);
    const muted = step(opened, { kind: 'mute', by: 'U1', forMs: 90 * MIN }, T0 + 30 * MIN, options);
    expect(expectExact(muted)).toBe(T0 + 120 * MIN);
  });

  it('has no reminder once acknowledged, only the time rules still pending', () => {
    const opened = run([see(T0, F500), see(T0 + MIN, F500)]);
    const acked = step(opened, { kind: 'acknowledge', by: 'U1' }, T0 + 2 * MIN, options);
    expect(expectExact(acked)).toBe(T0 + 10 * MIN + 1);
    expect(nextDeadline(tick(acked, T0 + 11 * MIN), options)).toBeUndefined();
    expect(nextDeadline(run([see(T0, F401), [T0, { kind: 'acknowledge', by: 'U1' }]]), options)).toBeUndefined();
  });

  it('is when an unconfirmed webhook condition goes stale', () => {
    const failed = { ...finding('cloud-131048', '131048'), count: 30 };
    const record = run([
      [T0, { kind: 'observation', observation: obs(T0, [failed], 'webhook') }],
      [T0, { kind: 'acknowledge', by: 'U1' }],
    ]);
    expect(record.incident?.status).toBe('open');
    expect(expectExact(record)).toBe(T0 + options.webhookStaleMs);
  });

  it('leaves repeat rules to observations: 555 four times in a day escalates when it is seen, not on a tick', () => {
    const inputs: Array<[number, EngineInput]> = [];
    for (let i = 0; i < 4; i++) inputs.push(see(T0 + i * 60 * MIN, F555), see(T0 + i * 60 * MIN + 5 * MIN));
    inputs.pop();
    const record = run(inputs);
    expect(record.incident?.escalations.map((e) => e.code)).toEqual(['555']);
    expect(expectExact(record)).toBe((record.incident?.lastReminderAt ?? record.incident?.openedAt ?? 0) + options.reminderIntervalMs);
  });
});
