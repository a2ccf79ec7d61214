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
});
