import { describe, expect, it } from 'vitest';
import { type EngineInput, step } from '../src/core/engine.js';
import { emptyRecord, type NumberRecord } from '../src/core/records.js';
import { createHeldPosts } from '../src/monitor/held-posts.js';

const T0 = Date.UTC(2026, 2, 2, 10, 0, 0);

const invalidKey = (number: string): EngineInput => ({
  kind: 'observation',
  observation: {
    number,
    at: T0,
    state: 'down',
    findings: [{ entryId: '360dialog-401', code: '401', severity: 'critical' }],
    summary: '401',
    source: 'poll',
  },
});

/** A record whose incident just opened: its card is queued, not yet posted. */
const withNewCard = (number: string): NumberRecord => step(emptyRecord(number), invalidKey(number), T0);

function setup() {
  const told: Array<[string, number | undefined]> = [];
  const held = createHeldPosts((number, worth) => told.push([number, worth]));
  return { held, told };
}

describe('held posts', () => {
  it("hold a number's new card until grouping has decided, then tell it as worth the most", () => {
    const { held, told } = setup();
    held.settled('Line', withNewCard('Line'));
    expect(told).toEqual([]);
    held.release();
    expect(told).toEqual([['Line', 0]]);
    held.release();
    expect(told).toHaveLength(1);
  });

  it("tell a group's new card at once, and a record whose card is posted already", () => {
    const { held, told } = setup();
    held.settled('group:C0:360dialog-401', withNewCard('group:C0:360dialog-401'));
    const posted = withNewCard('Line');
    held.settled('Line', { ...posted, incident: posted.incident && { ...posted.incident, card: { channel: 'C0', ts: '1.2' } } });
    expect(told.map(([number]) => number)).toEqual(['group:C0:360dialog-401', 'Line']);
  });

  it('tell nothing for a record with nothing to deliver', () => {
    const { held, told } = setup();
    held.settled('Line', emptyRecord('Line'));
    held.settled('Gone', undefined);
    held.release();
    expect(told).toEqual([]);
  });

  it('keep the cards held while a pass runs, whatever grouping happens meanwhile, until the pass has grouped', async () => {
    const { held, told } = setup();
    let finish = () => {};
    const pass = held.during(
      () =>
        new Promise<void>((resolve) => {
          held.settled('Line', withNewCard('Line'));
          finish = resolve;
        }),
    );
    // A Re-check's or a tick's grouping while the pass is still polling.
    held.release();
    expect(told).toEqual([]);
    finish();
    await pass;
    held.release();
    expect(told).toEqual([['Line', 0]]);
  });
});
