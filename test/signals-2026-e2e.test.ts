import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as m from './support/meta-payloads.js';
import { type SignalBot, startSignalBot } from './support/signal-bot.js';

/**
 * Every 2026 account, template and access signal through the real receiver into the fake Slack: the
 * card kind (🔴 down for what stops messages, 🟠 degraded for a warning), in place, and ended by its own clear.
 * One number per scenario, so each card is its scenario's alone.
 */
const NAMES = {
  app: 'Appgone line',
  partner: 'Partner line',
  offboard: 'Offboard line',
  schedule: 'Schedule line',
  calling: 'Calling line',
  review: 'Review line',
  alert: 'Alert line',
  name: 'Name line',
  flag: 'Flag line',
  reject: 'Reject line',
  category: 'Category line',
  security: 'Security line',
  payment: 'Payment line',
  burst: 'Burst line',
  quiet: 'Quiet line',
} as const;

let s: SignalBot;
beforeAll(async () => {
  s = await startSignalBot(Object.values(NAMES));
});
afterAll(() => s?.close());

const down = (name: string) => new RegExp(`🔴 ${name} is down`);
const degraded = (name: string) => new RegExp(`🟠 ${name} is degraded`);
const RESOLVED = /Resolved after/;

describe('access to the account', () => {
  it('PARTNER_APP_UNINSTALLED is a critical incident to escalate now; PARTNER_APP_INSTALLED resolves it', async () => {
    await s.send(NAMES.app, m.partnerApp('PARTNER_APP_UNINSTALLED', s.next()));
    await s.shows(NAMES.app, /Partner app removed: 360dialog can no longer send/);
    expect(s.card(NAMES.app)).toMatch(down(NAMES.app));
    expect(s.card(NAMES.app)).toMatch(/Escalate to 360dialog support now/);
    await s.send(NAMES.app, m.partnerApp('PARTNER_APP_INSTALLED', s.next()));
    await s.shows(NAMES.app, RESOLVED);
    expect(s.cards(NAMES.app)).toHaveLength(1);
  });

  it('PARTNER_REMOVED says who started it; PARTNER_ADDED resolves it', async () => {
    await s.send(NAMES.partner, m.partnerRemoved(s.next(), 'BUSINESS'));
    await s.shows(NAMES.partner, /partner removed, initiated by business/);
    expect(s.card(NAMES.partner)).toMatch(down(NAMES.partner));
    await s.send(NAMES.partner, m.change('account_update', { event: 'PARTNER_ADDED', waba_info: { waba_id: m.WABA } }, s.next()));
    await s.shows(NAMES.partner, RESOLVED);
  });

  it('ACCOUNT_OFFBOARDED is critical; ACCOUNT_RECONNECTED resolves it', async () => {
    await s.send(NAMES.offboard, m.accountUpdate('ACCOUNT_OFFBOARDED', s.next()));
    await s.shows(NAMES.offboard, /Account deleted, offboarded or the partner removed/);
    expect(s.card(NAMES.offboard)).toMatch(down(NAMES.offboard));
    await s.send(NAMES.offboard, m.accountUpdate('ACCOUNT_RECONNECTED', s.next()));
    await s.shows(NAMES.offboard, RESOLVED);
  });
});

describe('enforcement', () => {
  it('SCHEDULE_FOR_DISABLE is a deadline warning, DISABLE the ban, REINSTATE ends both', async () => {
    await s.send(NAMES.schedule, m.banState('SCHEDULE_FOR_DISABLE', s.next()));
    await s.shows(NAMES.schedule, /scheduled to be disabled: a deadline, not yet a ban/);
    expect(s.card(NAMES.schedule)).toMatch(degraded(NAMES.schedule));
    await s.send(NAMES.schedule, m.banState('DISABLE', s.next()));
    await s.shows(NAMES.schedule, down(NAMES.schedule));
    expect(s.card(NAMES.schedule)).toMatch(/Account scheduled to be disabled[^\n]*— _earlier, not seen now_/);
    await s.send(NAMES.schedule, m.banState('REINSTATE', s.next()));
    await s.shows(NAMES.schedule, RESOLVED);
  });

  it('calling-only restrictions and calling early warnings warn; a messaging restriction is critical, each its own line', async () => {
    await s.send(
      NAMES.calling,
      m.accountUpdate('ACCOUNT_VIOLATION', s.next(), { violation_info: { violation_type: 'LOW_CALLING_QUALITY' } }),
    );
    await s.shows(NAMES.calling, /Calling early warning/);
    await s.send(NAMES.calling, m.restriction(['RESTRICTED_BIZ_INITIATED_AND_USER_INITIATED_CALLING'], s.next(), 'LOW_CALLING_QUALITY'));
    await s.shows(NAMES.calling, /Calling restricted on the number \(messages still flow\)/);
    expect(s.card(NAMES.calling)).toMatch(degraded(NAMES.calling));
    expect(s.card(NAMES.calling)).not.toMatch(/Escalate to 360dialog support now|some messaging is blocked/);
    await s.send(NAMES.calling, m.restriction(['RESTRICTED_CUSTOMER_INITIATED_MESSAGING'], s.next()));
    await s.shows(NAMES.calling, down(NAMES.calling));
    // The calling restriction stays its own line, still open, under the messaging one.
    expect(s.card(NAMES.calling)).toMatch(/some messaging is blocked[\s\S]*Calling restricted/);
    expect(s.card(NAMES.calling)).not.toMatch(/Calling restricted[^\n]*— _earlier/);
    await s.send(NAMES.calling, m.banState('REINSTATE', s.next()));
    await s.shows(NAMES.calling, RESOLVED);
    expect(s.cards(NAMES.calling)).toHaveLength(1);
  });

  it('account_review_update: DEFERRED warns (not usable yet), REJECTED replaces it as critical, APPROVED resolves', async () => {
    await s.send(NAMES.review, m.accountReview('DEFERRED', s.next()));
    await s.shows(NAMES.review, /not usable with the API yet/);
    expect(s.card(NAMES.review)).toMatch(degraded(NAMES.review));
    await s.send(NAMES.review, m.accountReview('REJECTED', s.next()));
    await s.shows(NAMES.review, down(NAMES.review));
    expect(s.card(NAMES.review)).toMatch(/not usable with the API yet — _earlier, not seen now_/);
    await s.send(NAMES.review, m.accountReview('APPROVED', s.next()));
    await s.shows(NAMES.review, RESOLVED);
  });

  it('account_alerts: an ACTIVE warning per type, ended by its own NONE', async () => {
    await s.send(NAMES.alert, m.accountAlert('INCREASED_CAPABILITIES_ELIGIBILITY_DEFERRED', 'WARNING', 'ACTIVE', s.next()));
    const loud = m.accountAlert('PROFILE_PICTURE_LOST', 'WARNING', 'ACTIVE', s.next()) as {
      entry: [{ changes: [{ value: { alert_info: Record<string, string> } }] }];
    };
    // Meta's text is quoted on the card, never able to ping the channel.
    loud.entry[0].changes[0].value.alert_info.alert_description = '<!channel> Please re-upload the photo @here';
    await s.send(NAMES.alert, loud);
    await s.shows(NAMES.alert, /PROFILE_PICTURE_LOST/);
    expect(JSON.stringify(s.cards(NAMES.alert))).not.toMatch(/<!channel>|<!here>/);
    await s.send(NAMES.alert, m.accountAlert('PROFILE_PICTURE_LOST', 'WARNING', 'NONE', s.next()));
    await s.shows(NAMES.alert, /Account alert from Meta: PROFILE_PICTURE_LOST — _earlier, not seen now_/);
    expect(s.card(NAMES.alert)).not.toMatch(RESOLVED);
    await s.send(NAMES.alert, m.accountAlert('INCREASED_CAPABILITIES_ELIGIBILITY_DEFERRED', 'WARNING', 'NONE', s.next()));
    await s.shows(NAMES.alert, RESOLVED);
  });

  it('phone_number_name_update REJECTED warns with its reason; APPROVED resolves', async () => {
    await s.send(NAMES.name, m.nameUpdate('REJECTED', s.next(), 'NAME_FORMAT_UNACCEPTABLE'));
    await s.shows(NAMES.name, /Display name rejected[\s\S]*NAME_FORMAT_UNACCEPTABLE/);
    expect(s.card(NAMES.name)).toMatch(degraded(NAMES.name));
    await s.send(NAMES.name, m.nameUpdate('APPROVED', s.next()));
    await s.shows(NAMES.name, RESOLVED);
  });
});

describe('templates', () => {
  it('FLAGGED warns "at risk of being disabled", PAUSED takes its place, DISABLED is critical, REINSTATED resolves', async () => {
    await s.send(NAMES.flag, m.templateStatus(m.ORDER, 'FLAGGED', s.next()));
    await s.shows(NAMES.flag, /Template flagged: at risk of being disabled[\s\S]*order_update/);
    expect(s.card(NAMES.flag)).toMatch(degraded(NAMES.flag));
    await s.send(NAMES.flag, m.paused(m.ORDER, s.next(), 'SECOND_PAUSE'));
    await s.shows(NAMES.flag, /Template flagged[^\n]*— _earlier, not seen now_/);
    await s.send(NAMES.flag, m.templateStatus(m.ORDER, 'DISABLED', s.next(), { disable_info: { disable_date: '1796000000' } }));
    await s.shows(NAMES.flag, down(NAMES.flag));
    await s.send(NAMES.flag, m.templateStatus(m.ORDER, 'REINSTATED', s.next()));
    await s.shows(NAMES.flag, RESOLVED);
  });

  it('REJECTED warns until APPROVED; LIMIT_EXCEEDED warns until a template is deleted', async () => {
    await s.send(NAMES.reject, m.templateStatus(m.PROMO, 'REJECTED', s.next(), { reason: 'INVALID_FORMAT' }));
    await s.shows(NAMES.reject, /Template rejected[\s\S]*INVALID_FORMAT/);
    await s.send(NAMES.reject, m.templateStatus(m.LOGIN, 'LIMIT_EXCEEDED', s.next()));
    await s.shows(NAMES.reject, /Template limit reached/);
    await s.send(NAMES.reject, m.templateStatus(m.PROMO, 'APPROVED', s.next()));
    await s.shows(NAMES.reject, /Template rejected[^\n]*— _earlier, not seen now_/);
    await s.send(NAMES.reject, m.templateStatus(m.ORDER, 'PENDING_DELETION', s.next(), { reason: null }));
    await s.shows(NAMES.reject, RESOLVED);
  });

  it('template_category_update: the 24-hour notice warns, the change itself replaces it', async () => {
    await s.send(NAMES.category, m.categoryWarned(m.ORDER, s.next()));
    await s.shows(NAMES.category, /Template will be recategorized in 24 hours[\s\S]*UTILITY → MARKETING/);
    expect(s.card(NAMES.category)).toMatch(degraded(NAMES.category));
    await s.send(NAMES.category, m.categoryChanged(m.ORDER, s.next()));
    await s.shows(NAMES.category, /Template recategorized: price and opt-outs changed/);
    expect(s.card(NAMES.category)).toMatch(/recategorized in 24 hours[^\n]*— _earlier, not seen now_/);
  });
});

describe('security, payments, counts', () => {
  it('a two-step verification reset request warns; PIN_CHANGED resolves it', async () => {
    await s.send(NAMES.security, m.security('PIN_RESET_REQUEST', s.next()));
    await s.shows(NAMES.security, /Two-step verification being turned off/);
    await s.send(NAMES.security, m.security('PIN_CHANGED', s.next()));
    await s.shows(NAMES.security, RESOLVED);
  });

  it('a payment configuration that needs connecting warns; Active resolves it', async () => {
    await s.send(NAMES.payment, m.paymentConfig('Needs Connecting', s.next()));
    await s.shows(NAMES.payment, /Payment configuration disconnected[\s\S]*shop-live/);
    await s.send(NAMES.payment, m.paymentConfig('Active', s.next()));
    await s.shows(NAMES.payment, RESOLVED);
  });

  it('opens a card for one On-Premise out-of-band error delivered 25 times in a burst', async () => {
    const body = JSON.stringify({ errors: [{ code: 1014, title: 'Connection timed out. Please check if wacore is running' }] });
    await Promise.all(Array.from({ length: 25 }, () => s.send(NAMES.burst, body)));
    await s.shows(NAMES.burst, /25 failed in the last/);
  });
});

describe('ordinary traffic and information', () => {
  it('posts nothing for messages, statuses, history, echoes, preferences, handovers or information-only events', async () => {
    const at = s.next();
    const ordinary: m.Shape[] = [
      m.traffic(
        'messages',
        {
          contacts: [{ user_id: 'user.0a1b2c', wa_id: '' }],
          messages: [
            {
              from_user_id: 'user.0a1b2c',
              id: 'wamid.Q1',
              timestamp: String(Math.floor(at / 1000)),
              type: 'text',
              text: { body: '@channel hi' },
            },
          ],
        },
        at,
      ),
      m.traffic(
        'messages',
        {
          statuses: [
            {
              id: 'wamid.Q2',
              status: 'delivered',
              timestamp: String(Math.floor(at / 1000)),
              recipient_id: '',
              recipient_user_id: 'user.0a1b2c',
            },
          ],
        },
        at,
      ),
      m.traffic(
        'messages',
        {
          messages: [
            {
              from: '4915100000001',
              id: 'wamid.Q3',
              type: 'system',
              system: { type: 'user_changed_user_id', user_id: 'user.9f8e7d', body: 'User changed' },
            },
          ],
        },
        at,
      ),
      m.traffic('history', { history: [{ errors: [{ code: 2593109, title: 'History sync is turned off by the business' }] }] }, at),
      m.traffic(
        'smb_message_echoes',
        { message_echoes: [{ from: m.PHONE, to: '4915100000001', id: 'wamid.Q4', type: 'text', text: { body: 'hello' } }] },
        at,
      ),
      m.traffic(
        'smb_app_state_sync',
        { state_sync: [{ type: 'contact', action: 'add', contact: { full_name: 'Ada L.', phone_number: '4915100000001' } }] },
        at,
      ),
      m.traffic('user_preferences', { user_preferences: [{ wa_id: '4915100000001', category: 'marketing_messages', value: 'stop' }] }, at),
      m.traffic('standby', { messages: [{ from: '4915100000001', id: 'wamid.Q5', type: 'text', text: { body: 'agent?' } }] }, at),
      m.traffic(
        'messaging_handovers',
        { type: 'control_passed', control_passed: { previous_owner_role: 'meta_business_agent', new_owner_role: 'escalation' } },
        at,
      ),
      m.accountUpdate('VOLUME_BASED_PRICING_TIER_UPDATE', at, { volume_tier_info: { tier: '1:250000', pricing_category: 'UTILITY' } }),
      m.accountUpdate('AD_ACCOUNT_LINKED', at),
      m.accountUpdate('MM_LITE_TERMS_SIGNED', at),
      m.phoneQuality('THROUGHPUT_UPGRADE', at, 'TIER_UNLIMITED'),
      m.templateStatus(m.ORDER, 'IN_APPEAL', at),
      m.accountAlert('OBA_APPROVED', 'INFORMATIONAL', 'ACTIVE', at),
      m.nameUpdate('PENDING', at),
      m.paymentConfig('Needs Testing', at),
      m.change('partner_solutions', { event: 'SOLUTION_CREATED', solution_id: '7300001', solution_status: 'INITIATED' }, at),
    ];
    for (const body of ordinary) await s.send(NAMES.quiet, body);
    // Something that does post, last: once its card is out, everything before it was looked at.
    await s.send(NAMES.quiet, m.security('PIN_RESET_REQUEST', s.next()));
    await s.shows(NAMES.quiet, /Two-step verification/);
    const card = s.card(NAMES.quiet);
    expect(card.match(/First seen/g)).toHaveLength(1);
    expect(s.world.slack.cards().filter((c) => /channel/.test(c.text))).toHaveLength(0);
  });
});
