import { describe, expect, it } from 'vitest';
import { readStartConfig } from '../src/config/config.js';
import { readSupportConfig } from '../src/config/support.js';
import { budgetOf, type PriorityLedger } from '../src/core/priority-budget.js';
import type { Condition, Incident, SupportCase } from '../src/core/records.js';
import { triage } from '../src/core/support-triage.js';
import { ConfigError } from '../src/errors.js';
import { ids } from '../src/slack/ids.js';
import type { CardContext } from '../src/slack/views/card-context.js';
import { escalationModal, MODAL_LIMITS, parseMeta } from '../src/slack/views/escalation-modal.js';
import { groupBlocks } from '../src/slack/views/group-blocks.js';
import { incidentBlocks } from '../src/slack/views/incident-blocks.js';
import { ticketText } from '../src/slack/views/support-ticket.js';
import { blockKitProblems, modalProblems, visibleText } from './support/block-kit.js';

const MIN = 60_000;
const T = Date.UTC(2026, 11, 3, 14, 2);
const NUMBER = { name: 'Support line', phone: '+49 30 1234567', api: 'cloud' as const };

const condition = (over: Partial<Condition> & Pick<Condition, 'key' | 'code'>): Condition => ({
  title: over.code,
  severity: 'critical',
  firstSeen: T,
  lastSeen: T + 5 * MIN,
  count: 3,
  activeSince: T,
  ...over,
});
const incident = (over: Partial<Incident> = {}): Incident => ({
  id: `Support line#${T}`,
  number: 'Support line',
  status: 'open',
  openedAt: T,
  relapses: 0,
  conditions: [condition({ key: '360dialog-401', code: '401', title: 'Invalid API key' })],
  escalations: [],
  ...over,
});
const group = (members: number, watched: number): Incident['group'] => ({
  channel: 'C0INCIDENTS',
  members: Object.fromEntries(Array.from({ length: members }, (_, i) => [`Line ${i} <!channel>`, T + i])),
  watched,
  peak: members,
});
const ctxOf = (inc: Incident, number: CardContext['number'] = NUMBER): CardContext => ({ incident: inc, number, now: T + 10 * MIN });
const modal = (inc: Incident, ledger?: PriorityLedger, limit?: number) =>
  escalationModal({
    ctx: ctxOf(inc),
    facts: { channelId: 'CH1', learnt: { wabaId: 'WABA1', phoneNumberId: 'PN1' } },
    triage: triage(inc),
    budget: budgetOf(ledger, limit, T + 10 * MIN),
    meta: { number: inc.number, incidentId: inc.id },
  });

describe('the Escalate modal', () => {
  it('shows the latest cases, on the card three and in the modal five, and counts the earlier ones', () => {
    const cases: SupportCase[] = Array.from({ length: 7 }, (_, i) => ({
      at: T + i * MIN,
      by: 'U0ALICE',
      ticket: `T-${i}`,
      priority: false,
      ref: `V${i}`,
    }));
    const inc = incident({ supportCases: cases });
    const card = visibleText(incidentBlocks(ctxOf(inc)));
    expect(['T-4', 'T-5', 'T-6'].every((t) => card.includes(`ticket ${t}`))).toBe(true);
    expect(card).not.toContain('ticket T-3');
    expect(card).toContain('4 earlier case(s) in the thread');
    const form = visibleText(modal(inc));
    expect(['T-2', 'T-3', 'T-4', 'T-5', 'T-6'].every((t) => form.includes(`ticket ${t}`))).toBe(true);
    expect(form).not.toContain('ticket T-1');
    expect(form).toContain("and 2 earlier (in the card's thread)");
    // Exactly as many as shown: nothing left to count.
    expect(visibleText(incidentBlocks(ctxOf(incident({ supportCases: cases.slice(0, 3) }))))).not.toContain('earlier case');
  });

  it('stays within every documented modal limit for the largest, most hostile incident', () => {
    const hostile = '<!channel> <@U0EVIL> ``` &amp; '.repeat(40);
    const cases: SupportCase[] = Array.from({ length: 60 }, (_, i) => ({
      at: T + i,
      by: 'U0ALICE',
      ticket: hostile,
      priority: i % 2 === 0,
      ref: `V${i}`,
    }));
    const inc = incident({
      conditions: Array.from({ length: 40 }, (_, i) =>
        condition({ key: `webhook:${i}`, code: String(130000 + i), title: hostile, lastDetail: hostile }),
      ),
      evidence: hostile.repeat(20),
      supportCases: cases,
      traces: { wamids: Array.from({ length: 5 }, () => `wamid.${'x'.repeat(200)}`), fbtraceIds: ['A'.repeat(100)] },
      group: group(5000, 6000),
    });
    const uses = Array.from({ length: 50 }, (_, i) => ({ at: T, by: 'U0ALICE', number: `n${i}`, incidentId: `i${i}` }));
    const view = modal(inc, { month: '2026-12', uses }, 5);
    expect(modalProblems(view)).toEqual([]);
    expect(JSON.stringify(view)).not.toMatch(/<!channel>|<@U0EVIL>/);
    expect(view.private_metadata?.length).toBeLessThanOrEqual(MODAL_LIMITS.privateMetadata);
    expect(parseMeta(view.private_metadata)).toEqual({ number: inc.number, incidentId: inc.id });
  });

  it('recommends a priority request for a fleet-wide group incident: severity 1, an emergency by their criteria', () => {
    const inc = incident({ number: 'group:C0INCIDENTS:360dialog-500', group: group(150, 200) });
    const text = visibleText(modal(inc));
    expect(text).toMatch(/360dialog severity 1 \(core service down for all\)/);
    expect(text).toMatch(/Emergency by 360dialog's criteria: yes/);
    expect(text).toContain("Recommended: 360dialog's emergency criteria apply");
    expect(text).toContain('Affected: 150 of 200 numbers');
  });

  it('does not recommend one for one number down while the others work', () => {
    const text = visibleText(modal(incident()));
    expect(text).toMatch(/360dialog severity 2/);
    expect(text).toMatch(/Emergency by 360dialog's criteria: no/);
    expect(text).toContain('Not recommended: their emergency criteria do not apply');
    expect(text).toContain('one number cannot send while the others work');
  });

  it('words a plan without priority escalations (D360_PRIORITY_ESCALATIONS=0) as each one costing extra', () => {
    expect(visibleText(modal(incident(), undefined, 0))).toContain(
      'Your plan includes no priority escalations: each one costs 25 $/€. You can still ask for one.',
    );
  });

  it('says nothing of a budget that is not tracked, and asks before recording a second case', () => {
    const first: SupportCase = { at: T, by: 'U0ALICE', ticket: '12345', priority: false, ref: 'V1' };
    const view = modal(incident({ supportCases: [first] }));
    expect(visibleText(view)).not.toMatch(/priority escalations this month/);
    const again = (view.blocks as Array<Record<string, any>>).find((b) => b.block_id === ids.againInput);
    expect(again).toMatchObject({ type: 'input' });
    expect(again?.optional).toBeUndefined();
    expect(visibleText(view)).toMatch(/Escalated by <@U0ALICE> at .*\(ticket 12345\)/);
  });
});

describe('the ticket', () => {
  it('never asks to "(fill in)": it names what the bot does not know and where to find it', () => {
    const text = ticketText(ctxOf(incident(), { name: 'Support line', api: 'cloud' }));
    expect(text).not.toContain('(fill in)');
    expect(text).toMatch(/Phone: \(not known to the bot: add phone: to numbers.yml\)/);
    expect(text).toMatch(/360dialog channel id: \(not known to the bot: see the number in the 360dialog Hub\)/);
    expect(text).toMatch(/WABA id: \(not known to the bot/);
  });
});

describe('the Escalate button and the escalated line on cards', () => {
  const buttons = (blocks: unknown[]) =>
    ((blocks as Array<Record<string, any>>).find((b) => b.type === 'actions')?.elements ?? []).map(
      (e: { action_id: string }) => e.action_id,
    );

  it('is on a card whose verdict says when to contact 360dialog, and not on one that says not to', () => {
    expect(buttons(incidentBlocks(ctxOf(incident())).blocks)).toContain(ids.escalate);
    const noNeed = incident({ conditions: [condition({ key: 'cloud-4', code: '4', severity: 'warning' })] });
    expect(buttons(incidentBlocks(ctxOf(noNeed)).blocks)).not.toContain(ids.escalate);
  });

  it('is on a group card, which then shows who escalated', () => {
    const cases: SupportCase[] = [{ at: T, by: 'U0ALICE', ticket: '<!here> 9', priority: true }];
    const inc = incident({ number: 'group:C0INCIDENTS:360dialog-500', group: group(5, 20), supportCases: cases });
    const message = groupBlocks(ctxOf(inc, { name: inc.number, api: 'cloud' }));
    expect(blockKitProblems(message)).toEqual([]);
    expect(buttons(message.blocks)).toContain(ids.escalate);
    expect(visibleText(message)).toMatch(/Escalated by <@U0ALICE> at .*\(ticket &lt;!here&gt; 9\), priority requested/);
  });
});

describe('D360_PRIORITY_ESCALATIONS', () => {
  it('is a whole number a month, unset means not tracked', () => {
    expect(readSupportConfig({}, [])).toEqual({});
    expect(readSupportConfig({ D360_PRIORITY_ESCALATIONS: ' 5 ' }, [])).toEqual({ priorityEscalations: 5 });
    expect(readSupportConfig({ D360_PRIORITY_ESCALATIONS: '0' }, [])).toEqual({ priorityEscalations: 0 });
  });

  it('refuses anything else at start with a message that names the variable and the fix', () => {
    const env = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', SLACK_INCIDENT_CHANNEL: 'C0INCIDENTS' };
    for (const bad of ['two', '-1', '2.5', '1e3', '99999']) {
      let problems: readonly string[] = [];
      try {
        readStartConfig({ ...env, D360_PRIORITY_ESCALATIONS: bad }, { readFile: () => undefined });
      } catch (error) {
        if (error instanceof ConfigError) problems = error.problems;
      }
      expect(problems).toEqual([
        expect.stringMatching(new RegExp(`^D360_PRIORITY_ESCALATIONS is "${bad.replace('.', '\\.')}": use the whole number`)),
      ]);
    }
  });
});
