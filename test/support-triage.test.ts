import { describe, expect, it } from 'vitest';
import { budgetOf, monthOf, type PriorityLedger, recordUse } from '../src/core/priority-budget.js';
import type { Condition, Incident } from '../src/core/records.js';
import { triage } from '../src/core/support-triage.js';

const DAY = 24 * 3_600_000;
const T = Date.UTC(2026, 11, 3, 14, 2);

const condition = (key: string, severity: Condition['severity'], firstSeen = T): Condition => ({
  key,
  code: key,
  title: key,
  severity,
  firstSeen,
  lastSeen: firstSeen,
  count: 1,
});

const incident = (conditions: Condition[], group?: { members: number; watched: number }): Incident => ({
  id: `Support line#${T}`,
  number: 'Support line',
  status: 'open',
  openedAt: T,
  relapses: 0,
  conditions,
  escalations: [],
  ...(group
    ? {
        group: {
          channel: 'C0INCIDENTS',
          members: Object.fromEntries(Array.from({ length: group.members }, (_, i) => [`n${i}`, T])),
          watched: group.watched,
          peak: group.members,
        },
      }
    : {}),
});

describe("360dialog's triage of a case", () => {
  it('calls the same warning on most of the fleet (a 500 on every number) an emergency, as the group card does', () => {
    expect(triage(incident([condition('360dialog-500', 'warning')], { members: 6, watched: 6 }))).toEqual({
      severity: 1,
      emergency: true,
      why: 'most-numbers',
    });
    expect(triage(incident([condition('cloud-4', 'info')], { members: 6, watched: 6 }))).toMatchObject({ emergency: false });
  });

  it('calls one number down while the others work severity 2 and no emergency', () => {
    expect(triage(incident([condition('360dialog-502', 'critical')]))).toEqual({ severity: 2, emergency: false, why: 'one-number-down' });
  });

  it('calls a group incident over half of the fleet severity 1 and an emergency, a smaller one severity 2', () => {
    expect(triage(incident([condition('cloud-131016', 'critical')], { members: 100, watched: 200 }))).toMatchObject({
      severity: 1,
      emergency: true,
    });
    expect(triage(incident([condition('cloud-131016', 'critical')], { members: 4, watched: 200 }))).toMatchObject({
      severity: 2,
      emergency: false,
      why: 'several-numbers',
    });
  });

  it('calls a ban with no warning before it an unannounced suspension, and one after a violation notice not an emergency', () => {
    expect(triage(incident([condition('signal-account-disabled', 'critical')]))).toMatchObject({ emergency: true });
    const warned = incident([condition('signal-account-violation', 'warning', T - DAY), condition('signal-account-disabled', 'critical')]);
    expect(triage(warned)).toMatchObject({ emergency: false, why: 'one-number-down' });
  });

  it('calls warnings severity 3, and "monitoring degraded" our side', () => {
    expect(triage(incident([condition('signal-quality-yellow', 'warning')]))).toEqual({
      severity: 3,
      emergency: false,
      why: 'warnings-only',
    });
    expect(triage(incident([condition('blind:monitoring', 'warning')]), { monitoring: true }).why).toBe('our-side');
  });
});

describe('the priority budget', () => {
  const use = (at: number, number = 'Support line') => ({ at, by: 'U0ALICE', number, incidentId: `${number}#1` });

  it('counts the uses of the calendar month in UTC, and starts afresh in the next', () => {
    let ledger: PriorityLedger | undefined;
    ledger = recordUse(ledger, use(T));
    ledger = recordUse(ledger, use(T + DAY, 'Sales'));
    expect(budgetOf(ledger, 2, T + 2 * DAY)).toMatchObject({ limit: 2, overBudget: true });
    expect(budgetOf(ledger, 2, T + 2 * DAY).used).toHaveLength(2);
    // 1 January 00:00 UTC: a new month, whatever the local time zone says.
    const january = Date.UTC(2027, 0, 1, 0, 0);
    expect(monthOf(january - 1)).toBe('2026-12');
    expect(budgetOf(ledger, 2, january)).toMatchObject({ used: [], overBudget: false });
    expect(recordUse(ledger, use(january)).uses).toHaveLength(1);
  });

  it('records a redelivered request once, and tracks nothing without a limit', () => {
    const once = recordUse(undefined, use(T));
    expect(recordUse(once, use(T)).uses).toHaveLength(1);
    expect(budgetOf(once, undefined, T)).toEqual({ used: once.uses, overBudget: false });
  });
});
