import { describe, expect, it } from 'vitest';
import { nextDeadline } from '../src/core/deadline.js';
import { DEFAULT_ENGINE_OPTIONS, type EngineInput, step } from '../src/core/engine.js';
import type { IncidentEvent } from '../src/core/events.js';
import { emptyRecord, isMuted, type NumberRecord } from '../src/core/records.js';
import type { Observation } from '../src/core/observation.js';

const MIN = 60_000;
const T0 = Date.UTC(2026, 10, 25, 8, 0, 0);
const broken = (at: number): Observation => ({
  number: 'Support line',
  at,
  state: 'down',
  findings: [{ entryId: '360dialog-401', code: '401', severity: 'critical' }],
  summary: '401',
  keyFingerprint: 'key-a',
  source: 'poll',
});
const see = (at: number): [number, EngineInput] => [at, { kind: 'observation', observation: broken(at) }];
const window = (at: number, forMs: number): [number, EngineInput] => [
  at,
  { kind: 'mute', by: 'U0OPS', forMs, reason: 'deploy', window: true },
];
const run = (inputs: Array<[number, EngineInput]>, start: NumberRecord = emptyRecord('Support line')) =>
  inputs.reduce((record, [at, input]) => step(record, input, at), start);
const delivered = (r: NumberRecord): NumberRecord => ({
  ...r,
  outbox: [],
  ...(r.incident ? { incident: { ...r.incident, card: { channel: 'C0INCIDENTS', ts: '1.000100' } } } : {}),
});
const events = (r: NumberRecord): IncidentEvent[] => r.outbox.flatMap((i) => (i.effect.kind === 'reply' ? i.effect.events : []));

describe('maintenance windows in the engine', () => {
  it('a window set in Slack holds its real length across a wall-clock step; a numbers.yml one keeps its wall-time end', () => {
    const jump = (at: number, byMs: number): [number, EngineInput] => [at, { kind: 'clock-jump', byMs }];
    const set = run([window(T0, 60 * MIN), jump(T0 + MIN, 30 * MIN)]);
    expect(set.maintenance?.until).toBe(T0 + 90 * MIN);
    const scheduled = run([
      [T0, { kind: 'mute', by: 'numbers.yml', forMs: 60 * MIN, reason: 'weekly', window: true }],
      jump(T0 + MIN, 30 * MIN),
    ]);
    expect(scheduled.maintenance?.until).toBe(T0 + 60 * MIN);
  });

  it('an incident opened during a window starts muted, with the reason, and still gets its card', () => {
    const r = run([window(T0, 60 * MIN), see(T0 + MIN)]);
    expect(r.incident && isMuted(r.incident, T0 + MIN)).toBe(true);
    expect(r.incident?.muteReason).toBe('deploy');
    expect(r.outbox.map((i) => i.effect.kind)).toEqual(['post-card']);
  });

  it('the end of the window is announced in the thread and the tick comes on time', () => {
    const during = delivered(run([window(T0, 60 * MIN), see(T0 + MIN)]));
    expect(nextDeadline(during, DEFAULT_ENGINE_OPTIONS)).toBeLessThanOrEqual(T0 + 60 * MIN);
    const after = step(during, { kind: 'tick' }, T0 + 60 * MIN);
    expect(events(after)).toContainEqual({ kind: 'unmuted' });
    expect(after.maintenance).toBeUndefined();
    expect(after.incident && isMuted(after.incident, T0 + 60 * MIN)).toBe(false);
  });

  it('a window with no incident ends quietly, and /wa-unmute ends it early', () => {
    expect(nextDeadline(run([window(T0, 30 * MIN)]), DEFAULT_ENGINE_OPTIONS)).toBe(T0 + 30 * MIN);
    const ended = run([window(T0, 30 * MIN), [T0 + 30 * MIN, { kind: 'tick' }]]);
    expect(ended.maintenance).toBeUndefined();
    expect(ended.outbox).toEqual([]);
    const early = delivered(run([see(T0), window(T0 + MIN, 30 * MIN)]));
    expect(early.incident?.mutedUntil).toBe(T0 + 31 * MIN);
    const unmuted = step(early, { kind: 'unmute', by: 'U0LEAD' }, T0 + 2 * MIN);
    expect(events(unmuted)).toEqual([{ kind: 'unmuted', by: 'U0LEAD' }]);
    expect(unmuted.incident?.mutedUntil).toBeUndefined();
  });
});
