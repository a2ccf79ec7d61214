import { describe, expect, it } from 'vitest';
import { parseWebhook } from '../src/webhooks/parse.js';
import { createSignalRouter } from '../src/webhooks/signal-router.js';
import { webhookFixture } from './support/webhook-fixtures.js';

const NOW = Date.UTC(2026, 10, 30, 12, 0, 0);
const signalOf = (name: string) => {
  const events = parseWebhook(JSON.parse(webhookFixture(`waba/${name}.json`, { at: NOW })), NOW);
  expect(events).toHaveLength(1);
  return events[0]?.signal;
};
const raised = (name: string) => signalOf(name)?.findings.map((f) => `${f.entryId}/${f.severity}: ${f.detail}`);

describe('account signals from the WABA webhook fields', () => {
  it('reads quality flags and both the old and the post-February-2026 limit fields', () => {
    expect(raised('quality-flagged')).toEqual(['signal-quality-flagged/warning: quality flagged; limit TIER_2K']);
    expect(signalOf('quality-unflagged')?.clears).toEqual(['signal-quality-flagged']);
    expect(raised('limit-downgrade-2026')).toEqual(['signal-limit-lowered/warning: messaging limit ? → TIER_250']);
    expect(raised('limit-downgrade-legacy')).toEqual(['signal-limit-lowered/warning: messaging limit TIER_10K → TIER_2K']);
    expect(signalOf('limit-upgrade-2026')?.clears).toEqual(['signal-limit-lowered']);
    expect(signalOf('quality-flagged')?.phoneDigits).toBe('15550783881');
    expect(signalOf('quality-flagged')?.wabaId).toBe('102290129340398');
  });

  it('names the template and the reason, and lets an approval lift a pause', () => {
    expect(raised('template-paused')).toEqual([
      'signal-template-paused/warning: order_ready (en_US) — FIRST_PAUSE: Paused for 3 hours after low-quality feedback.',
    ]);
    expect(raised('template-disabled')).toEqual(['signal-template-disabled/critical: order_ready (en_US)']);
    expect(signalOf('template-approved')?.clears).toContain('signal-template-paused');
    expect(raised('template-quality-red')).toEqual(['signal-template-quality-red/critical: weekly_offer (de): GREEN → RED']);
    expect(signalOf('template-quality-green')?.clears).toContain('signal-template-quality-red');
  });

  it('turns account events into critical findings, and a reinstatement into a clear', () => {
    expect(raised('account-disabled')).toEqual(['signal-account-disabled/critical: ban state DISABLE on 2026-11-30']);
    // A reinstatement ends the enforcement of every kind: ban, schedule, violations, and each restriction type.
    expect(signalOf('account-reinstated')?.clears).toEqual(
      expect.arrayContaining([
        'signal-account-disabled',
        'signal-account-ban-scheduled',
        'signal-account-restricted',
        'signal-account-restricted@RESTRICTED_BIZ_INITIATED_MESSAGING',
        'signal-calling-restricted@RESTRICTED_BIZ_INITIATED_AND_USER_INITIATED_CALLING',
        'signal-account-violation',
      ]),
    );
    expect(raised('account-restricted')?.[0]).toMatch(/^signal-account-restricted\/critical: RESTRICTED_BIZ_INITIATED_MESSAGING until/);
    expect(raised('account-violation')).toEqual(['signal-account-violation/critical: violation: SCAM']);
    expect(raised('account-offboarded')).toEqual(['signal-account-offboarded/critical: partner removed']);
    expect(raised('account-alert')?.[0]).toMatch(/^signal-account-alert\/warning: INCREASED_CAPABILITIES_ELIGIBILITY_FAILED/);
  });

  it('warns when the business portfolio limit falls between two capability updates, and drops redeliveries', () => {
    const router = createSignalRouter({ byName: new Map(), byPhone: new Map(), only: 'Support line' });
    const tenK = signalOf('capability-10k');
    const twoK = signalOf('capability-2k');
    if (!tenK || !twoK) throw new Error('fixtures give no signal');
    expect(router.route(tenK, NOW, undefined)).toEqual([]);
    const [lowered] = router.route(twoK, NOW, undefined);
    expect(lowered?.findings[0]).toMatchObject({
      entryId: 'signal-limit-lowered',
      detail: 'business messaging limit ' + 'TIER_10K → TIER_2K',
    });
    expect(router.route(twoK, NOW, undefined)).toEqual([]);
  });

  it('lands a WABA-level event on every number learnt under that WABA', () => {
    const router = createSignalRouter({ byName: new Map(), byPhone: new Map(), only: undefined });
    router.learnWaba('US line', '102290129340398');
    router.learnWaba('DE line', '102290129340398');
    router.learnWaba('FR line', '999999999999');
    const paused = signalOf('template-paused');
    if (!paused) throw new Error('fixture gives no signal');
    expect(router.route(paused, NOW, undefined).map((o) => o.number)).toEqual(['US line', 'DE line']);
  });
});

describe('account signals about no configured number', () => {
  it('says which WABA or phone matched nothing', () => {
    const told: string[] = [];
    const router = createSignalRouter({ byName: new Map(), byPhone: new Map(), only: undefined, onUnmatched: (w) => told.push(w) });
    const paused = signalOf('template-paused');
    if (!paused) throw new Error('fixture gives no signal');
    expect(router.route(paused, NOW, undefined)).toEqual([]);
    expect(told).toEqual(['message_template_status_update for WABA 102290129340398']);
  });
});

describe('times no date can hold', () => {
  const change = (field: string, value: Record<string, unknown>) => ({ field, value });
  const envelope = (...changes: unknown[]) => ({
    object: 'whatsapp_business_account',
    entry: [{ id: '102290129340398', time: 1, changes }],
  });

  it('read the rest of the delivery when one change carries a time past year 275760', () => {
    const body = envelope(
      change('account_update', {
        event: 'ACCOUNT_RESTRICTION',
        restriction_info: [{ restriction_type: 'RESTRICTED_BIZ_INITIATED_MESSAGING', expiration: 1e13 }],
      }),
      change('template_category_update', {
        message_template_id: 7,
        message_template_name: 'order_ready',
        message_template_language: 'en_US',
        new_category: 'UTILITY',
        correct_category: 'MARKETING',
        category_update_timestamp: 1e13,
      }),
      change('message_template_status_update', {
        event: 'PAUSED',
        message_template_id: 8,
        message_template_name: 'order_update',
        message_template_language: 'en_US',
      }),
    );
    const events = parseWebhook(body, NOW);
    const entries = events.flatMap((e) => e.signal?.findings.map((f) => f.entryId) ?? []);
    expect(entries).toContain('signal-account-restricted');
    expect(entries).toContain('signal-template-paused');
    expect(events).toHaveLength(3);
  });
});
