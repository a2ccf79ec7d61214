import { describe, expect, it } from 'vitest';
import { step } from '../src/core/engine.js';
import { groupId, SAME_CONDITION, stepGroup } from '../src/core/grouping.js';
import { enqueue } from '../src/core/outbox.js';
import type { Observation } from '../src/core/observation.js';
import { emptyRecord, type Incident, type NumberRecord, openIncident, SCHEDULED_BY } from '../src/core/records.js';
import { STORY_CAP, tell } from '../src/core/story.js';
import type { CardContext } from '../src/slack/views/card-context.js';
import { incidentBlocks } from '../src/slack/views/incident-blocks.js';
import { timelineBlocks, timelineMarkdown } from '../src/slack/views/timeline.js';
import { blockKitProblems, visibleText } from './support/block-kit.js';

const T0 = Date.UTC(2026, 11, 8, 14, 0);
const MIN = 60_000;

/** An open incident on "Support line" with one 131049 condition, opened at T0. */
function openRecord(): NumberRecord {
  const record = emptyRecord('Support line');
  openIncident(record, T0, {
    conditions: [
      {
        key: 'meta-131049',
        code: '131049',
        title: 'Healthy ecosystem engagement',
        severity: 'warning',
        firstSeen: T0,
        lastSeen: T0 + 20 * MIN,
        count: 7,
      },
    ],
  });
  return record;
}
const ctxOf = (incident: Incident): CardContext => ({ incident, number: { name: 'Support line', api: 'cloud' }, now: T0 + 60 * MIN });
const storyKinds = (r: NumberRecord) => (r.incident?.story ?? []).map((e) => e.kind);

describe("an incident's story", () => {
  it('keeps each acknowledgement, mute, maintenance window and status-page note the engine applies, in order', () => {
    let r = openRecord();
    r = step(r, { kind: 'acknowledge', by: 'U0ALICE' }, T0 + 5 * MIN);
    r = step(r, { kind: 'mute', by: 'U0BOB', forMs: 60 * MIN }, T0 + 6 * MIN);
    r = step(r, { kind: 'mute', by: 'U0CAROL', forMs: 10 * MIN, reason: 'carrier work', window: true }, T0 + 7 * MIN);
    r = step(r, { kind: 'platform', note: { summary: 'Degraded messaging' } }, T0 + 8 * MIN);
    r = step(r, { kind: 'tick' }, T0 + 30 * MIN);
    expect(storyKinds(r)).toEqual(['acknowledged', 'muted', 'muted', 'platform', 'unmuted']);
    const window = r.incident?.story?.[2];
    expect(window).toMatchObject({ by: 'U0CAROL', window: true, reason: 'carrier work', until: T0 + 17 * MIN });
    // A window that ran out ended at its own time, not when the tick noticed it.
    expect(r.incident?.story?.[4]).toEqual({ kind: 'unmuted', at: T0 + 17 * MIN });
  });

  it(`keeps at most ${STORY_CAP} entries, dropping the oldest and counting them`, () => {
    const incident = openRecord().incident as Incident;
    for (let i = 0; i < STORY_CAP + 10; i += 1) tell(incident, { kind: 'rechecked', at: T0 + i * MIN, by: 'U0ALICE' });
    expect(incident.story).toHaveLength(STORY_CAP);
    expect(incident.storyDropped).toBe(10);
    expect(incident.story?.[0]?.at).toBe(T0 + 10 * MIN);
  });

  it('tells the relapse, and lets the next recovery write its longer story to a new canvas', () => {
    const seen = (at: number, bad: boolean): Observation => ({
      number: 'Support line',
      at,
      state: bad ? 'down' : 'healthy',
      findings: bad ? [{ entryId: '360dialog-401', code: '401', severity: 'critical' }] : [],
      summary: bad ? '401' : 'can send messages',
      source: 'poll',
    });
    let r = emptyRecord('Support line');
    for (const [i, bad] of [true, false, false].entries())
      r = step(r, { kind: 'observation', observation: seen(T0 + i * MIN, bad) }, T0 + i * MIN);
    expect(r.incident?.status).toBe('resolved');
    (r.incident as Incident).timelineCanvas = { id: 'F0CANVAS1' };
    r = step(r, { kind: 'observation', observation: seen(T0 + 10 * MIN, true) }, T0 + 10 * MIN);
    expect(r.incident?.status).toBe('open');
    expect(storyKinds(r)).toEqual(['recovered', 'relapsed']);
    expect(r.incident?.timelineCanvas).toBeUndefined();
  });

  it('queues a timeline once: a pending one already tells the latest story', () => {
    const r = openRecord();
    const incident = r.incident as Incident;
    expect(enqueue(r, incident.id, { kind: 'timeline' }, T0)).toBe(true);
    expect(enqueue(r, incident.id, { kind: 'timeline' }, T0 + MIN)).toBe(false);
    expect(r.outbox.map((i) => i.effect.kind)).toEqual(['timeline']);
  });

  it('queues one timeline when a group incident resolves', () => {
    const id = groupId('C0INCIDENTS', '360dialog-500');
    const seen = (members: string[]) => ({
      channel: 'C0INCIDENTS',
      key: '360dialog-500',
      code: '500',
      title: 'Internal server error',
      severity: 'critical' as const,
      members: Object.fromEntries(members.map((n) => [n, T0])),
      watched: 5,
    });
    const open = stepGroup(emptyRecord(id), seen(['Line 0', 'Line 1', 'Line 2']), SAME_CONDITION, T0);
    const over = stepGroup({ ...open, outbox: [] }, seen([]), SAME_CONDITION, T0 + 40 * MIN);
    expect(over.outbox.filter((i) => i.effect.kind === 'timeline')).toHaveLength(1);
    const text = visibleText(timelineBlocks(ctxOf(over.incident as Incident)));
    expect(text).toMatch(/Timeline of 500 Internal server error on 3 numbers/);
    expect(text).toMatch(/on up to 3 numbers at once[\s\S]*Recovered/);
    expect(text).toMatch(/Lasted 40 min · never acknowledged/);
  });
});

describe('the timeline reply', () => {
  /** Resolved at T0+45: a rule escalation at +12, a support case at +14, an ack at +3. */
  function ended(): Incident {
    let r = openRecord();
    r = step(r, { kind: 'acknowledge', by: 'U0ALICE' }, T0 + 3 * MIN);
    const incident = r.incident as Incident;
    incident.escalations.push({
      conditionKey: 'meta-131049',
      code: '131049',
      at: T0 + 12 * MIN,
      kind: 'persists',
      lastedMs: 12 * MIN,
      minutes: 10,
    });
    incident.supportCases = [{ at: T0 + 14 * MIN, by: 'U0DAVE', ticket: '12345 <!channel>', priority: true }];
    incident.status = 'resolved';
    incident.resolvedAt = T0 + 45 * MIN;
    tell(incident, { kind: 'recovered', at: T0 + 45 * MIN });
    return incident;
  }

  it('links the canvas only by an https address, escaped, as the card does', () => {
    const linked = JSON.stringify(timelineBlocks(ctxOf(ended()), 'https://team.slack.com/docs/T1/F1').blocks);
    expect(linked).toContain('<https://team.slack.com/docs/T1/F1|open it>');
    const hostile = JSON.stringify(timelineBlocks(ctxOf(ended()), 'javascript:x|<!channel>').blocks);
    expect(hostile).not.toContain('open it');
    expect(hostile).not.toContain('<!channel>|');
  });

  it('tells support cases (who, ticket, priority) and fired rules in their place in time', () => {
    const message = timelineBlocks(ctxOf(ended()));
    const text = visibleText(message);
    const at = (p: RegExp) => text.search(p);
    expect(at(/Acknowledged by <@U0ALICE>/)).toBeLessThan(at(/Escalation rule fired\*: 131049 has lasted 12 minutes/));
    expect(at(/Escalation rule fired/)).toBeLessThan(
      at(/Escalated to 360dialog\* by <@U0DAVE> \(ticket 12345 &lt;!channel&gt;, priority escalation asked\)/),
    );
    expect(at(/Escalated to 360dialog/)).toBeLessThan(at(/\*Recovered\*/));
    expect(text).toMatch(/first seen, last seen .*, seen 7 times/);
    expect(text).toMatch(/Lasted 45 min · acknowledged after 3 min by <@U0ALICE>/);
    expect(text).not.toContain('<!channel>');
    expect(blockKitProblems(message)).toEqual([]);
  });

  it('says who set a maintenance window, until when and why (the reason escaped)', () => {
    const incident = ended();
    tell(incident, {
      kind: 'muted',
      at: T0 + 20 * MIN,
      by: SCHEDULED_BY,
      until: T0 + 80 * MIN,
      window: true,
      reason: 'carrier <!here> work',
    });
    tell(incident, { kind: 'unmuted', at: T0 + 30 * MIN, by: 'U0ERIN' });
    const text = visibleText(timelineBlocks(ctxOf(incident)));
    expect(text).toMatch(
      /Maintenance window from numbers\.yml until <!date\^\d+\^[^>]+>: carrier &lt;!here&gt; work\n.*Unmuted by <@U0ERIN>/,
    );
  });

  it('writes the canvas as markdown, user text escaped', () => {
    const { title, markdown } = timelineMarkdown(ctxOf(ended()));
    expect(title).toBe('Timeline: Support line');
    expect(markdown).toMatch(/^# Timeline of Support line\n\nLasted 45 min · acknowledged after 3 min by !\[\]\(@U0ALICE\)/);
    expect(markdown).toMatch(/- 2026-12-08 14:14 UTC: \*\*Escalated to 360dialog\*\* by !\[\]\(@U0DAVE\) \(ticket 12345 \\<\\!channel\\>/);
  });

  it('stays within Slack limits for a long story, and says what it left out', () => {
    const incident = ended();
    const long = 'x'.repeat(900);
    incident.conditions = Array.from({ length: 40 }, (_, i) => ({
      key: `code-${i}`,
      code: String(100000 + i),
      title: long,
      severity: 'warning' as const,
      firstSeen: T0 + i,
      lastSeen: T0 + 20 * MIN,
      count: 3,
    }));
    incident.supportCases = Array.from({ length: 200 }, (_, i) => ({ at: T0 + 15 * MIN + i, by: 'U0DAVE', ticket: long, priority: false }));
    for (let i = 0; i < 80; i += 1) tell(incident, { kind: 'rechecked', at: T0 + 16 * MIN + i, by: 'U0ERIN' });
    const message = timelineBlocks(ctxOf(incident), 'https://fake.slack.test/docs/T0FAKE/F0CANVAS1');
    expect(blockKitProblems(message)).toEqual([]);
    expect(message.blocks.length).toBeLessThanOrEqual(50);
    expect(JSON.stringify(message.blocks).length).toBeLessThan(40_000 + 2000);
    expect(visibleText(message)).toMatch(/… and \d+ more lines: the canvas has them all\./);
    expect(visibleText(message)).toMatch(/\(32 earlier actions on it were not kept\)/);
  });

  it('is linked from the resolved card once a canvas holds it', () => {
    const incident = ended();
    incident.timelineCanvas = { id: 'F0CANVAS1', url: 'https://fake.slack.test/docs/T0FAKE/F0CANVAS1' };
    const card = incidentBlocks(ctxOf(incident));
    expect(JSON.stringify(card.blocks)).toContain('<https://fake.slack.test/docs/T0FAKE/F0CANVAS1|Timeline canvas>');
    expect(blockKitProblems(card)).toEqual([]);
  });
});
