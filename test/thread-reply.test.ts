import { describe, expect, it } from 'vitest';
import { threadReplyText } from '../src/slack/views/thread-reply.js';

const MIN = 60_000;

describe('thread replies', () => {
  it('says each event in words', () => {
    expect(threadReplyText([{ kind: 'condition-added', conditions: [{ code: '500', title: 'Internal server error', detail: 'x' }] }])).toBe(
      'New condition: *500 Internal server error* (x)',
    );
    expect(threadReplyText([{ kind: 'escalated', reason: '1014 has lasted 11 minutes' }])).toBe(
      ':rotating_light: *Escalate to 360dialog support now.* 1014 has lasted 11 minutes.',
    );
    expect(threadReplyText([{ kind: 'relapsed', afterMs: 5 * MIN, conditions: [{ code: '401', title: 'Unauthorized' }] }])).toBe(
      'Back again 5 min after recovering: *401 Unauthorized*',
    );
    expect(threadReplyText([{ kind: 'recovered', why: 'polls', streak: 2, afterMs: 61 * MIN }])).toBe(
      ':white_check_mark: Recovered: healthy on 2 checks in a row, 1 h 1 min after it began.',
    );
    expect(threadReplyText([{ kind: 'reminder', openForMs: 60 * MIN, conditions: [{ code: '401', title: 'Unauthorized' }] }])).toBe(
      'Still open after 1 h and not acknowledged: 401 Unauthorized.',
    );
    expect(threadReplyText([{ kind: 'acknowledged', by: 'U0ALICE' }])).toBe('Acknowledged by <@U0ALICE>. Reminders stop.');
    expect(threadReplyText([{ kind: 'muted', by: 'U0BOB', forMs: 60 * MIN }])).toMatch(/^Muted by <@U0BOB> for 1 h:/);
  });

  it('puts events queued together on separate lines of one reply', () => {
    expect(
      threadReplyText([
        { kind: 'acknowledged', by: 'U0ALICE' },
        { kind: 'escalated', reason: 'r' },
      ]).split('\n'),
    ).toHaveLength(2);
  });

  it('escapes upstream titles and details, and links only real user ids', () => {
    const text = threadReplyText([
      { kind: 'condition-added', conditions: [{ code: '999', title: '<!channel> pay now', detail: '<https://evil.example|click>' }] },
      { kind: 'acknowledged', by: '<!here>' },
    ]);
    expect(text).not.toMatch(/<!channel>|<!here>|<https:/);
    expect(text).toMatch(/&lt;!channel&gt; pay now/);
  });

  it('delivers text stored by the first version as it was', () => {
    expect(threadReplyText([{ kind: 'legacy-text', text: 'Acknowledged by <@U0ALICE>. Reminders stop.' }])).toBe(
      'Acknowledged by <@U0ALICE>. Reminders stop.',
    );
  });
});
