import { describe, expect, it } from 'vitest';
import { createDuties, type Duty } from '../src/wiring/duties.js';
import { createPassWatch, createReadiness } from '../src/wiring/readiness.js';
import { createRelay } from '../src/wiring/relay.js';

function recorded(names: string[], log: string[]): Duty[] {
  return names.map((name) => ({
    name,
    start: () => void log.push(`start ${name}`),
    pause: async () => void log.push(`pause ${name}`),
    stop: async () => void log.push(`stop ${name}`),
  }));
}

describe("the leader's duties", () => {
  it('starts every duty in order, and pauses and stops them all in the reverse order', async () => {
    const log: string[] = [];
    const duties = createDuties([...recorded(['delivery', 'poll'], log), undefined, ...recorded(['tick'], log)]);
    await duties.startAll();
    await duties.pauseAll();
    await duties.startAll();
    await duties.stopAll();
    expect(log).toEqual([
      'start delivery',
      'start poll',
      'start tick',
      'pause tick',
      'pause poll',
      'pause delivery',
      'start delivery',
      'start poll',
      'start tick',
      'stop tick',
      'stop poll',
      'stop delivery',
    ]);
  });
});

describe('readiness', () => {
  it('says a source that throws is a reason, and keeps the others', async () => {
    const readiness = createReadiness([
      () => ['Slack refuses C0X'],
      () => {
        throw new Error('store gone');
      },
      async () => [],
    ]);
    expect(await readiness()).toEqual(['Slack refuses C0X', 'readiness check failed: Error: store gone']);
  });

  it('calls polling stalled only past twice the schedule plus the call budget, and only while it should poll', () => {
    let t = 0;
    let leader = true;
    const watch = createPassWatch({ intervalMs: 60_000, budgetMs: 10_000, active: () => leader, monotonic: () => t });
    expect(watch.problems()).toEqual([]);
    watch.started();
    t = 130_000;
    expect(watch.problems()).toEqual([]);
    t = 130_001;
    expect(watch.problems()).toEqual(['no poll pass has finished for 130 s (the schedule allows 130 s)']);
    leader = false;
    expect(watch.problems()).toEqual([]);
    leader = true;
    watch.passed();
    expect(watch.problems()).toEqual([]);
  });
});

describe('a relay between parts built apart', () => {
  it('reaches its listener once connected, and drops what came before', () => {
    const relay = createRelay<[string]>();
    const heard: string[] = [];
    relay.send('before');
    relay.connect((x) => heard.push(x));
    relay.send('after');
    expect(heard).toEqual(['after']);
  });
});
