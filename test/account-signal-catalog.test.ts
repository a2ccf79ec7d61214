import { describe, expect, it } from 'vitest';
import { explain } from '../src/catalog/lookup.js';
import { entryById } from '../src/catalog/index.js';

const first = (query: string) => explain(query).matches[0]?.id;

describe('/wa-error explains the warnings account signals raise', () => {
  it('finds each signal by the words operators type', () => {
    expect(first('template status paused')).toBe('signal-template-paused');
    // The bare phrase is what a failed send says (132015); the signal comes second there.
    expect(first('template paused')).toBe('cloud-132015');
    expect(first('quality flagged')).toBe('signal-quality-flagged');
    expect(first('messaging limit lowered')).toBe('signal-limit-lowered');
    expect(first('account banned')).toBe('signal-account-disabled');
    expect(first('ACCOUNT_RESTRICTION')).toBe('signal-account-restricted');
  });

  it('gives account bans and restrictions an escalate-now verdict, and quality none', () => {
    expect(entryById('signal-account-disabled')?.escalation.verdict).toBe('now');
    expect(entryById('signal-account-restricted')?.escalation.verdict).toBe('now');
    expect(entryById('signal-quality-flagged')?.escalation.verdict).toBe('no');
    expect(entryById('signal-template-disabled')?.severity).toBe('critical');
  });

  it('finds the 2026 signals by their words, with the verdicts an engineer would give', () => {
    expect(first('partner app uninstalled')).toBe('signal-partner-app-uninstalled');
    expect(first('SCHEDULE_FOR_DISABLE')).toBe('signal-account-ban-scheduled');
    expect(first('call button hidden')).toBe('signal-calling-restricted');
    expect(first('template flagged')).toBe('signal-template-flagged');
    expect(first('template recategorized')).toBe('signal-template-recategorized');
    expect(entryById('signal-partner-app-uninstalled')).toMatchObject({
      severity: 'critical',
      opensAtOnce: true,
      escalation: { verdict: 'now' },
    });
    // A deadline, not a ban: a warning, yet worth 360dialog's help before the date.
    expect(entryById('signal-account-ban-scheduled')).toMatchObject({ severity: 'warning', escalation: { verdict: 'now' } });
    // Calls only: messages still flow, nothing for 360dialog to lift.
    expect(entryById('signal-calling-restricted')).toMatchObject({ severity: 'warning', escalation: { verdict: 'no' } });
    expect(entryById('signal-calling-violation')).toMatchObject({ severity: 'warning', escalation: { verdict: 'no' } });
    expect(entryById('signal-template-flagged')?.severity).toBe('warning');
  });
});
