import { describe, expect, it } from 'vitest';
import type { EngineInput } from '../src/core/engine.js';
import { createPlatformFollower } from '../src/monitor/platform.js';

const NOTE = { summary: 'WhatsApp API degraded', since: 0 };

describe('a standing status-page report', () => {
  it('is stepped into each open record once, and into records opened since, not into all of them every tick', async () => {
    let open = ['A', 'B'];
    const applied: string[] = [];
    const follower = createPlatformFollower({
      openIds: () => open,
      apply: async (batch: ReadonlyArray<readonly [string, EngineInput]>) => void applied.push(...batch.map(([id]) => id)),
      now: () => 0,
      batch: 100,
    });
    await follower.follow();
    expect(applied).toEqual([]);
    await follower.report(NOTE);
    expect(applied).toEqual(['A', 'B']);
    await follower.follow();
    await follower.follow();
    expect(applied).toEqual(['A', 'B']);
    open = ['A', 'B', 'C'];
    await follower.follow();
    expect(applied).toEqual(['A', 'B', 'C']);
    // B closes and opens again: its new incident is told too.
    open = ['A', 'C'];
    await follower.follow();
    open = ['A', 'B', 'C'];
    await follower.follow();
    expect(applied).toEqual(['A', 'B', 'C', 'B']);
    // The page clears: every open record hears it once.
    await follower.report(undefined);
    await follower.follow();
    expect(applied.slice(4)).toEqual(['A', 'B', 'C']);
  });

  it('lists nothing on a tick after which no record changed (an idle bot sleeps)', async () => {
    let open = ['A', 'B'];
    let version = 0;
    let listed = 0;
    const applied: string[] = [];
    const follower = createPlatformFollower({
      openIds: () => {
        listed += 1;
        return open;
      },
      openVersion: () => version,
      apply: async (batch: ReadonlyArray<readonly [string, EngineInput]>) => void applied.push(...batch.map(([id]) => id)),
      now: () => 0,
      batch: 100,
    });
    await follower.report(NOTE);
    const afterReport = listed;
    // Ticks with nothing noted: no list of every open record, nothing applied.
    for (let i = 0; i < 5; i++) await follower.follow();
    expect(listed).toBe(afterReport);
    // A record noted (a number opened an incident): the next follow looks, and tells only the new one.
    open = ['A', 'B', 'C'];
    version += 1;
    await follower.follow();
    expect(applied).toEqual(['A', 'B', 'C']);
    await follower.follow();
    expect(listed).toBe(afterReport + 1);
  });
});
