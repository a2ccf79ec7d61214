import { describe, expect, it } from 'vitest';
import type { Condition, Incident } from '../src/core/records.js';
import { ids } from '../src/slack/ids.js';
import { formatDuration } from '../src/slack/views/duration.js';
import type { CardContext } from '../src/slack/views/card-context.js';
import { incidentBlocks } from '../src/slack/views/incident-blocks.js';
import { ticketText } from '../src/slack/views/support-ticket.js';
import type { SlackMessage } from '../src/slack/views/message.js';
import { blockKitProblems, visibleText } from './support/block-kit.js';

const MIN = 60_000;
const OPENED = Date.UTC(2025, 10, 3, 14, 0, 0);
const NUMBER = { name: 'Support line', phone: '+49 30 1234567', api: 'cloud' as const };

function condition(over: Partial<Condition> & Pick<Condition, 'key' | 'code' | 'title'>): Condition {
  return { severity: 'critical', firstSeen: OPENED, lastSeen: OPENED + 5 * MIN, count: 4, activeSince: OPENED, ...over };
}

const invalidKey = (over: Partial<Condition> = {}) =>
  condition({ key: '360dialog-401', code: '401', title: 'Invalid API key', lastDetail: 'Invalid api key', ...over });

function incident(over: Partial<Incident> = {}): Incident {
  return {
    id: `Support line#${OPENED}`,
    number: 'Support line',
    status: 'open',
    openedAt: OPENED,
    relapses: 0,
    conditions: [invalidKey()],
    escalations: [],
    ...over,
  };
}

function card(inc: Incident, over: Partial<CardContext> = {}): SlackMessage {
  const message = incidentBlocks({ incident: inc, number: NUMBER, now: OPENED + 6 * MIN, ...over });
  expect(blockKitProblems(message)).toEqual([]);
  return message;
}

const blocksOf = (message: SlackMessage) => message.blocks as Record<string, any>[];
const actions = (message: SlackMessage) => blocksOf(message).find((b) => b.type === 'actions');
const buttons = (message: SlackMessage) => (actions(message)?.elements ?? []) as Record<string, any>[];
const header = (message: SlackMessage) => blocksOf(message).find((b) => b.type === 'header')?.text.text as string;

describe('the incident card', () => {
  it('offers Re-check, Acknowledge, Mute and (its verdict says when to call 360dialog) Escalate, each naming the number', () => {
    const message = card(incident());
    expect(header(message)).toBe('🔴 Support line is down');
    expect(actions(message)?.block_id).toBe(ids.incidentActions);
    expect(buttons(message).map((b) => b.action_id)).toEqual([ids.recheck, ids.acknowledge, ids.mute, ids.escalate]);
    expect(buttons(message).map((b) => b.value)).toEqual(['Support line', 'Support line', 'Support line', 'Support line']);
    expect(buttons(message)[0]?.style).toBe('primary');
    expect(message.text).toBe('🔴 Support line is down: 401 Invalid API key');
  });

  it('shows the condition with its counts and the steps from the catalog', () => {
    const text = visibleText(card(incident()));
    expect(text).toContain('*401* Invalid API key');
    expect(text).toContain('seen 4 times');
    expect(text).toContain('Invalid api key');
    expect(text).toContain('D360-API-KEY header');
    expect(text).toMatch(/<!date\^\d+\^\{date_short_pretty\} \{time\}\|2025-11-03 14:00 UTC>/);
    expect(text).toContain('Contact 360dialog support if requests still fail with 401 after you generated a new key');
  });

  it('says one rule once when it fired for two subjects of one entry (two restriction types)', () => {
    const types = ['RESTRICTED_BIZ_INITIATED_MESSAGING', 'RESTRICTED_CUSTOMER_INITIATED_MESSAGING'];
    const conditions = types.map((t) => condition({ key: `signal-account-restricted@${t}`, code: t, title: 'restricted' }));
    const escalations = types.map((t, i) => ({
      conditionKey: `signal-account-restricted@${t}`,
      code: 'ACCOUNT_RESTRICTION',
      kind: 'at-once' as const,
      at: OPENED + i * MIN,
    }));
    const text = visibleText(card(incident({ conditions, escalations })));
    const section = text.slice(text.indexOf('Escalate to 360dialog support now'));
    const lines = section.split('\n').filter((l) => l.startsWith('•'));
    expect(new Set(lines.map((l) => l.split(' — ')[0])).size).toBe(lines.length);
    expect(lines.length).toBeGreaterThan(0);
    // The ticket support reads says it once too.
    const ticket = ticketText({ incident: incident({ conditions, escalations }), number: NUMBER, now: OPENED + 11 * MIN });
    const fired = ticket.split('\n').filter((l) => l.startsWith('- ') && /\(\d{4}-\d\d-\d\d/.test(l));
    expect(fired).toHaveLength(1);
  });

  it('hides Acknowledge once acknowledged and says who did it', () => {
    const message = card(incident({ acknowledged: { by: 'U012ABCDEF', at: OPENED + 2 * MIN } }));
    expect(buttons(message).map((b) => b.action_id)).toEqual([ids.recheck, ids.mute, ids.escalate]);
    expect(visibleText(message)).toContain('*Open* for 6 min · *Acknowledged* by <@U012ABCDEF>');
  });

  it('does not turn a user id that is not one into a mention', () => {
    const message = card(incident({ acknowledged: { by: '!channel', at: OPENED } }));
    expect(visibleText(message)).not.toContain('<@!channel>');
  });

  it('hides Mute while muted and shows it again when the mute has run out', () => {
    const muted = incident({ mutedUntil: OPENED + 60 * MIN, mutedBy: 'U0MUTER' });
    const message = card(muted);
    expect(buttons(message).map((b) => b.action_id)).toEqual([ids.recheck, ids.acknowledge, ids.escalate]);
    expect(visibleText(message)).toContain('Muted* until');
    expect(visibleText(message)).toContain('by <@U0MUTER>');
    expect(buttons(card(muted, { now: OPENED + 61 * MIN })).map((b) => b.action_id)).toContain(ids.mute);
  });

  it('tells the operator to escalate now, why, how, and with a ticket ready to paste', () => {
    const offline = condition({
      key: 'onprem-1014',
      code: '1014',
      title: 'Connection timed out: wacore is not running (number offline)',
      count: 12,
      firstSeen: OPENED,
      lastSeen: OPENED + 11 * MIN,
    });
    const inc = incident({
      conditions: [offline],
      escalations: [
        {
          conditionKey: 'onprem-1014',
          code: '1014',
          rule: 'lasts more than 10 minutes',
          reason: '1014 has lasted 11 minutes (the rule: more than 10)',
          at: OPENED + 11 * MIN,
        },
      ],
      evidence: '{"health":{"gateway_status":"disconnected"}} ``` <!channel>',
    });
    const message = card(inc, { number: { ...NUMBER, api: 'onprem' }, now: OPENED + 11 * MIN });
    const text = visibleText(message);

    expect(text).toContain('Escalate to 360dialog support now');
    expect(text).toContain('1014 has lasted 11 minutes');
    expect(text).toContain('https://hub.360dialog.com');
    expect(text).toContain('support@360dialog.com');
    expect(text).toContain('caches On-Premise health for up to 5 min');
    expect(message.text).toContain('escalate to 360dialog now');

    const ticket = ticketText({ incident: inc, number: NUMBER, now: OPENED + 11 * MIN });
    expect(ticket).toContain('1014 Connection timed out');
    expect(ticket).toContain('first seen 2025-11-03T14:00:00Z, last seen 2025-11-03T14:11:00Z, seen 12 times');
    expect(ticket).toContain('1014 has lasted 11 minutes');
    expect(ticket).toContain('gateway_status');
    expect(ticket).toContain('Already tried:');

    const code = text.slice(text.indexOf('```') + 3, text.lastIndexOf('```'));
    expect(code).toContain('seen 12 times');
    expect(code).toContain('gateway_status');
    expect(code).not.toContain('```');
    expect(code).toContain('&lt;!channel&gt;');
  });

  it('states the catalog verdict before any rule has fired', () => {
    const offline = condition({ key: 'onprem-1014', code: '1014', title: 'Connection timed out', severity: 'critical' });
    const text = visibleText(card(incident({ conditions: [offline] })));
    expect(text).toContain(
      ':warning: *Contact 360dialog support if the number has not reconnected within 10 minutes* — ' +
        'the bot will say so here when it does.',
    );
    expect(text).not.toContain('Escalate to 360dialog support now');
  });

  it('says there is no need to call 360dialog for a policy error', () => {
    const window = condition({ key: 'cloud-131047', code: '131047', title: 'Re-engagement message', severity: 'info' });
    const message = card(incident({ conditions: [window] }));
    expect(visibleText(message)).toContain(':white_check_mark: *No need to contact 360dialog');
    expect(header(message)).toBe('🟡 Support line needs attention');
  });

  it('leads with the worst condition seen now and lists the ones no longer seen as earlier', () => {
    const restart = condition({
      key: '360dialog-555',
      code: '555',
      title: 'Internal server error',
      severity: 'warning',
      lastSeen: OPENED + 5 * MIN,
    });
    const earlier = condition({
      key: '360dialog-502',
      code: '502',
      title: 'Not available',
      activeSince: undefined,
      lastSeen: OPENED + MIN,
    });
    const message = card(incident({ conditions: [earlier, restart] }));
    expect(header(message)).toBe('🟠 Support line is degraded');
    const sections = blocksOf(message)
      .filter((b) => b.type === 'section')
      .map((b) => b.text.text as string);
    expect(sections[0]).toContain('*555*');
    expect(sections[1]).toContain('*502*');
    expect(sections[1]).toContain('_earlier');
    expect(visibleText(message)).toContain('What to do about 555');
  });

  it('says "recovered" with the duration on a resolved card, keeps the escalation history and has no buttons', () => {
    const inc = incident({
      status: 'resolved',
      resolvedAt: OPENED + 23 * MIN,
      conditions: [invalidKey({ activeSince: undefined })],
      escalations: [
        {
          conditionKey: '360dialog-401',
          code: '401',
          rule: 'still fails after you generate a new API key',
          reason: '401 survived a new key',
          at: OPENED + 10 * MIN,
        },
      ],
    });
    const message = card(inc, { now: OPENED + 30 * MIN });
    expect(header(message)).toBe('✅ Support line recovered');
    expect(actions(message)).toBeUndefined();
    const text = visibleText(message);
    expect(text).toContain('Resolved after 23 min');
    expect(text).toContain('_cleared_');
    expect(text).toContain('401 survived a new key');
    expect(text).not.toContain('support now');
    expect(message.text).toBe('✅ Support line recovered after 23 min');
  });

  it('stays within Block Kit limits with 60 conditions, 5,000-character details and broadcasts in the input', () => {
    const detail = `<!channel> ${'&<>'.repeat(400)}${'x'.repeat(3800)}`;
    const conditions = Array.from({ length: 60 }, (_, i) =>
      condition({
        key: i % 2 === 0 ? 'cloud-131047' : 'onprem-402',
        code: `${131000 + i}`,
        title: `Condition ${i} <!here>`,
        count: i + 1,
        lastDetail: detail,
        severity: i % 3 === 0 ? 'critical' : 'warning',
      }),
    );
    const escalations = conditions.map((c) => ({
      conditionKey: c.key,
      code: c.code,
      rule: 'now',
      reason: `${c.code} <!everyone> ${'y'.repeat(400)}`,
      at: OPENED,
    }));
    const name = `<!channel> ${'Support & sales '.repeat(20)}`;
    const inc = incident({
      conditions,
      escalations,
      evidence: `<!channel> \`\`\` ${'<&>'.repeat(3000)}`,
      lastCheck: { at: OPENED, state: 'down', summary: `<!here> ${'z'.repeat(4000)}`, source: 'recheck', by: 'U0ABC' },
    });

    const message = card(inc, { number: { name, phone: '<!channel>', api: 'onprem' } });
    expect(message.blocks.length).toBeLessThanOrEqual(50);
    expect(message.text.length).toBeLessThan(3000);
    expect(visibleText(message)).toContain('+ 52 more: ');
    expect(visibleText(message)).toContain('Already tried: …');
    expect(buttons(message).every((b) => String(b.value).length <= 2000 && !String(b.value).includes('<'))).toBe(true);
  });

  it('gives network advice for a condition the catalog does not know: the monitor got no answer', () => {
    const timeout = condition({
      key: 'blind:timeout',
      code: 'timeout',
      title: 'No answer from 360dialog (timed out)',
      severity: 'warning',
      lastDetail: 'connect ETIMEDOUT 1.2.3.4:443',
    });
    const message = card(incident({ conditions: [timeout] }));
    const text = visibleText(message);
    expect(text).toContain('cannot reach 360dialog for this number');
    expect(text).toContain('baseUrl');
    expect(text).toContain('status.360dialog.com');
    expect(message.text).toBe('🟠 Support line is degraded: No answer from 360dialog (timed out)');
  });

  it('shows who re-checked and when it came back', () => {
    const message = card(
      incident({
        relapses: 2,
        lastCheck: { at: OPENED + 5 * MIN, state: 'down', summary: '401 Invalid API key', source: 'recheck', by: 'U0CHECKER' },
      }),
    );
    const text = visibleText(message);
    expect(text).toContain('(down) — re-checked by <@U0CHECKER>');
    expect(text).toContain('Came back 2 times');
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0 s'],
    [45_000, '45 s'],
    [23 * MIN, '23 min'],
    [60 * MIN, '1 h'],
    [125 * MIN, '2 h 5 min'],
    [(3 * 24 + 4) * 60 * MIN + 59_000, '3 d 4 h'],
    [2 * 24 * 60 * MIN, '2 d'],
    [-5_000, '0 s'],
  ])('says %d ms as "%s"', (ms, words) => {
    expect(formatDuration(ms)).toBe(words);
  });
});
