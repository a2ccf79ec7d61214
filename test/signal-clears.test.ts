import { describe, expect, it } from 'vitest';
import { type EngineInput, step } from '../src/core/engine.js';
import { emptyRecord, type NumberRecord } from '../src/core/records.js';
import type { Finding, Observation } from '../src/core/observation.js';

const MIN = 60_000;
const T0 = Date.UTC(2026, 10, 25, 8, 0, 0);
const FLAGGED: Finding = { entryId: 'signal-quality-flagged', code: 'FLAGGED', severity: 'warning' };
const PAUSED: Finding = { entryId: 'signal-template-paused', code: 'PAUSED', severity: 'warning', detail: 'order_update: low quality' };
const F131047: Finding = { entryId: 'cloud-131047', code: '131047', severity: 'warning', count: 30 };

const obs = (at: number, findings: Finding[], extra: Partial<Observation> = {}): [number, EngineInput] => [
  at,
  {
    kind: 'observation',
    observation: {
      number: 'Support line',
      at,
      state: findings.length ? 'degraded' : 'healthy',
      findings,
      summary: 's',
      source: 'poll',
      ...extra,
    },
  },
];
const signal = (at: number, findings: Finding[], clears: string[] = []) => obs(at, findings, { source: 'webhook', clears });
const run = (inputs: Array<[number, EngineInput]>): NumberRecord =>
  inputs.reduce((record, [at, input]) => step(record, input, at), emptyRecord('Support line'));
const active = (r: NumberRecord) => (r.incident?.conditions ?? []).filter((c) => c.activeSince !== undefined).map((c) => c.key);

describe('signals: single webhook events that stay until an improvement clears them', () => {
  it('opens on one signal, and a second signal adds to it without ending the first', () => {
    const r = run([obs(T0, []), obs(T0 + MIN, []), signal(T0 + 2 * MIN, [FLAGGED]), signal(T0 + 3 * MIN, [PAUSED])]);
    expect(r.incident?.status).toBe('open');
    expect(active(r).sort()).toEqual(['signal-quality-flagged', 'signal-template-paused']);
  });

  it('neither ends nor is ended by the aggregated webhook counts', () => {
    const r = run([obs(T0, []), obs(T0 + MIN, []), signal(T0 + 2 * MIN, [FLAGGED]), obs(T0 + 3 * MIN, [F131047], { source: 'webhook' })]);
    expect(active(r).sort()).toEqual(['cloud-131047', 'signal-quality-flagged']);
    const after = run([
      obs(T0, []),
      obs(T0 + MIN, []),
      obs(T0 + 2 * MIN, [F131047], { source: 'webhook' }),
      signal(T0 + 3 * MIN, [FLAGGED]),
    ]);
    expect(active(after).sort()).toEqual(['cloud-131047', 'signal-quality-flagged']);
  });

  it('ends only the conditions an improvement names, and resolves when nothing else is active', () => {
    const both = [obs(T0, []), obs(T0 + MIN, []), signal(T0 + 2 * MIN, [FLAGGED]), signal(T0 + 3 * MIN, [PAUSED])];
    const partly = run([...both, signal(T0 + 4 * MIN, [], ['signal-template-paused'])]);
    expect(partly.incident?.status).toBe('open');
    expect(active(partly)).toEqual(['signal-quality-flagged']);
    const done = run([...both, signal(T0 + 4 * MIN, [], ['signal-template-paused']), signal(T0 + 5 * MIN, [], ['signal-quality-flagged'])]);
    expect(done.incident?.status).toBe('resolved');
    expect(Object.keys(done.active)).toEqual([]);
  });

  it('does not expire after the webhook staleness window: a ban is said once', () => {
    const r = run([obs(T0, []), obs(T0 + MIN, []), signal(T0 + 2 * MIN, [FLAGGED]), [T0 + 180 * MIN, { kind: 'tick' }]]);
    expect(r.incident?.status).toBe('open');
    expect(active(r)).toEqual(['signal-quality-flagged']);
  });
});
