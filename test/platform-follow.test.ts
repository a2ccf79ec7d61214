import { describe, expect, it } from 'vitest';
import { DEFAULT_ENGINE_OPTIONS, type EngineInput, step } from '../src/core/engine.js';
import { emptyRecord, type NumberRecord } from '../src/core/records.js';
import { createGrouper } from '../src/monitor/groups.js';
import { createPlatformFollower } from '../src/monitor/platform.js';
import { createStore } from '../src/store/kv.js';
import { createRecordStore } from '../src/store/record-store.js';
import { createLogger } from '../src/telemetry/log.js';
import { pollDown, pollHealthy } from './support/observations.js';

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

  it("with the grouper's version: a pass that notes unchanged records lists nothing, a number that opens is told", async () => {
    const grouper = createGrouper({
      records: createRecordStore<NumberRecord>(await createStore('memory://platform-follow'), 'number'),
      channelOf: () => 'C0INCIDENTS',
      watched: new Map([['C0INCIDENTS', 100]]),
      logger: createLogger({ level: 'error', write: () => {} }),
      cover: async () => {},
      settled: () => {},
    });
    const stepped = (id: string, inputs: readonly EngineInput[]) =>
      inputs.reduce((r, input, i) => step(r, input, 1000 * (i + 1), DEFAULT_ENGINE_OPTIONS), emptyRecord(id));
    const down = (id: string) => stepped(id, [pollDown(id, 1000), pollDown(id, 2000), pollDown(id, 3000)]);
    grouper.note('Down', down('Down'));
    grouper.note('Fine', stepped('Fine', [pollHealthy('Fine', 1000)]));
    let listed = 0;
    const applied: string[] = [];
    const follower = createPlatformFollower({
      openIds: () => {
        listed += 1;
        return grouper.openIds();
      },
      openVersion: grouper.openVersion,
      apply: async (batch: ReadonlyArray<readonly [string, EngineInput]>) => void applied.push(...batch.map(([id]) => id)),
      now: () => 0,
      batch: 100,
    });
    await follower.report(NOTE);
    expect(applied).toEqual(['Down']);
    const afterReport = listed;
    // A poll pass: every record noted again, none opening or closing.
    for (let pass = 0; pass < 3; pass++) {
      grouper.note('Fine', stepped('Fine', [pollHealthy('Fine', 1000), pollHealthy('Fine', 2000)]));
      grouper.note('Down', down('Down'));
      await follower.follow();
    }
    expect(listed).toBe(afterReport);
    grouper.note('New', down('New'));
    await follower.follow();
    expect(applied).toEqual(['Down', 'New']);
  });
});
