/**
 * Our own rewrite of every payload shape on Meta's webhook reference pages (and the pages they point to):
 * one body per documented example, with our own ids and texts, including Meta's documentation slips (a
 * field on the entry or inside the value, a delivery printed inside a list, the quality example filed
 * under message_template_status_update), and what an on-call engineer expects of each: nothing, a clear,
 * a warning or a critical incident. The traffic shapes are in meta-shapes-traffic.ts.
 */
import * as m from './meta-payloads.js';

export type Expect = 'none' | 'clear' | 'warning' | 'critical';
export interface DocumentedShape {
  /** The field, and the event or variant Meta's page shows. */
  readonly name: string;
  readonly body: unknown;
  readonly expect: Expect;
}

const T = Date.UTC(2026, 11, 1, 9, 0, 0);
const at = (i: number) => T + i * 1000;
const au = (event: string, i: number, value: Record<string, unknown> = {}) => m.change('account_update', { event, ...value }, at(i));
const waba = { waba_id: m.WABA, owner_business_id: '730000000000099' };
const shape = (name: string, body: unknown, expect: Expect): DocumentedShape => ({ name, body, expect });

export const accountShapes: DocumentedShape[] = [
  shape(
    'account_alerts INCREASED_CAPABILITIES_ELIGIBILITY_DEFERRED',
    m.accountAlert('INCREASED_CAPABILITIES_ELIGIBILITY_DEFERRED', 'WARNING', 'ACTIVE', at(1)),
    'warning',
  ),
  shape('account_review_update APPROVED', m.accountReview('APPROVED', at(2)), 'clear'),
  shape('account_review_update DEFERRED', m.accountReview('DEFERRED', at(3)), 'warning'),
  shape('account_review_update REJECTED', m.accountReview('REJECTED', at(4)), 'critical'),
  shape('account_update ACCOUNT_DELETED', au('ACCOUNT_DELETED', 5), 'critical'),
  shape('account_update ACCOUNT_VIOLATION ADULT', au('ACCOUNT_VIOLATION', 6, { violation_info: { violation_type: 'ADULT' } }), 'critical'),
  shape(
    'account_update AD_ACCOUNT_LINKED',
    au('AD_ACCOUNT_LINKED', 7, { waba_info: { ...waba, ad_account_linked: '730000000000123' } }),
    'none',
  ),
  shape(
    'account_update AUTH_INTL_PRICE_ELIGIBILITY_UPDATE',
    au('AUTH_INTL_PRICE_ELIGIBILITY_UPDATE', 8, {
      auth_international_rate_eligibility: {
        exception_countries: [{ country_code: 'ID', start_time: 1767225600 }],
        start_time: 1767225600,
      },
    }),
    'none',
  ),
  shape(
    'account_update DISABLED_UPDATE REINSTATE (plain state)',
    au('DISABLED_UPDATE', 9, { ban_info: { waba_ban_state: 'REINSTATE', waba_ban_date: 'November 2, 2026' } }),
    'clear',
  ),
  shape('account_update MM_LITE_TERMS_SIGNED', au('MM_LITE_TERMS_SIGNED', 10, { waba_info: waba }), 'none'),
  // Meta's example of PARTNER_ADDED has no top-level "object".
  shape(
    'account_update PARTNER_ADDED (no object)',
    { entry: au('PARTNER_ADDED', 11, { waba_info: { ...waba, solution_id: '7300007' } }).entry },
    'clear',
  ),
  // Meta's example of PARTNER_APP_INSTALLED puts "field" and "object" on the entry.
  shape(
    'account_update PARTNER_APP_INSTALLED (field on the entry)',
    {
      entry: [
        {
          id: m.WABA,
          time: Math.floor(at(12) / 1000),
          field: 'account_update',
          object: 'whatsapp_business_account',
          changes: [{ value: { event: 'PARTNER_APP_INSTALLED', waba_info: { ...waba, partner_app_id: '7300077' } } }],
        },
      ],
    },
    'clear',
  ),
  // … and of PARTNER_APP_UNINSTALLED, inside the value.
  shape(
    'account_update PARTNER_APP_UNINSTALLED (field inside the value)',
    {
      entry: [
        {
          id: m.WABA,
          time: Math.floor(at(13) / 1000),
          changes: [
            {
              value: {
                event: 'PARTNER_APP_UNINSTALLED',
                waba_info: { ...waba, partner_app_id: '7300077' },
                field: 'account_update',
                object: 'whatsapp_business_account',
              },
            },
          ],
        },
      ],
    },
    'critical',
  ),
  shape(
    'account_update PARTNER_CLIENT_CERTIFICATION_STATUS_UPDATE',
    au('PARTNER_CLIENT_CERTIFICATION_STATUS_UPDATE', 14, {
      partner_client_certification_info: {
        client_business_id: '730000000000099',
        status: 'FAILED',
        rejection_reasons: ['WEBSITE NOT MATCHING'],
      },
    }),
    'none',
  ),
  shape(
    'account_update BUSINESS_PRIMARY_LOCATION_COUNTRY_UPDATE',
    au('BUSINESS_PRIMARY_LOCATION_COUNTRY_UPDATE', 15, { country: 'BR' }),
    'none',
  ),
  shape(
    'account_update VOLUME_BASED_PRICING_TIER_UPDATE',
    au('VOLUME_BASED_PRICING_TIER_UPDATE', 16, {
      volume_tier_info: {
        tier_update_time: 1764547200,
        pricing_category: 'AUTHENTICATION',
        tier: '250001:2000000',
        effective_month: '2026-12',
        region: 'Brazil',
      },
    }),
    'none',
  ),
  shape('account_update PARTNER_REMOVED (coexistence)', m.accountUpdate('PARTNER_REMOVED', at(17)), 'critical'),
  shape('account_update PARTNER_APP_UNINSTALLED (app-only install)', au('PARTNER_APP_UNINSTALLED', 18), 'critical'),
  shape(
    'account_update ACCOUNT_VIOLATION ALCOHOL',
    m.accountUpdate('ACCOUNT_VIOLATION', at(19), { violation_info: { violation_type: 'ALCOHOL' } }),
    'critical',
  ),
  shape(
    'account_update ACCOUNT_VIOLATION LOW_CALLING_QUALITY',
    m.accountUpdate('ACCOUNT_VIOLATION', at(20), { violation_info: { violation_type: 'LOW_CALLING_QUALITY' } }),
    'warning',
  ),
  // As on Meta's page, the expiration is two seconds before the event was sent: no end to go by.
  shape(
    'account_update ACCOUNT_RESTRICTION calling',
    m.accountUpdate('ACCOUNT_RESTRICTION', at(21), {
      violation_info: { violation_type: 'LOW_CALLING_QUALITY' },
      restriction_info: [
        { restriction_type: 'RESTRICTED_BIZ_INITIATED_AND_USER_INITIATED_CALLING', expiration: Math.floor(at(21) / 1000) - 2 },
      ],
    }),
    'warning',
  ),
  // The calling page prints these two inside a list.
  shape(
    'account_update ACCOUNT_VIOLATION low pickup rate (in a list)',
    [
      m.accountUpdate('ACCOUNT_VIOLATION', at(22), {
        violation_info: { violation_type: 'USER_INITIATED_CALLS_LOW_PICKUP_RATE', remediation: 'Answer the calls people make to you.' },
      }),
    ],
    'warning',
  ),
  shape(
    'account_update ACCOUNT_RESTRICTION call button hidden (in a list)',
    [
      m.accountUpdate('ACCOUNT_RESTRICTION', at(23), {
        restriction_info: [
          {
            restriction_type: 'RESTRICTED_USER_INITIATED_CALLING_CALL_BUTTON_HIDDEN',
            remediation: 'Show the call button again once calls are answered.',
          },
        ],
      }),
    ],
    'warning',
  ),
  shape('account_update DISABLED_UPDATE DISABLE', m.banState('DISABLE', at(24)), 'critical'),
  shape('account_update DISABLED_UPDATE SCHEDULE_FOR_DISABLE', m.banState('SCHEDULE_FOR_DISABLE', at(25)), 'warning'),
  shape('business_capability_update 2000', m.capability(2000, at(26)), 'none'),
  shape('business_capability_update 250 (lower than the last)', m.capability(250, at(27)), 'warning'),
  shape('template_category_update in 24 hours', m.categoryWarned(m.ORDER, at(28)), 'warning'),
  shape('template_category_update recategorized', m.categoryChanged(m.PROMO, at(29)), 'warning'),
  shape('payment_configuration_update Needs Testing', m.paymentConfig('Needs Testing', at(30)), 'none'),
  shape('phone_number_name_update APPROVED', m.nameUpdate('APPROVED', at(31)), 'clear'),
  shape(
    'phone_number_quality_update THROUGHPUT_UPGRADE',
    m.change(
      'phone_number_quality_update',
      { display_phone_number: m.PHONE, event: 'THROUGHPUT_UPGRADE', current_limit: 'TIER_UNLIMITED' },
      at(32),
    ),
    'none',
  ),
  shape('security PIN_RESET_REQUEST', m.security('PIN_RESET_REQUEST', at(33)), 'warning'),
  shape(
    'message_template_components_update',
    m.change(
      'message_template_components_update',
      { ...m.ORDER, message_template_title: 'Your order', message_template_element: 'Hi {{1}}, order {{2}} is on its way.' },
      at(34),
    ),
    'none',
  ),
  // Meta's example of message_template_quality_update is filed under message_template_status_update.
  shape(
    'message_template_quality_update YELLOW (filed as status update)',
    m.change('message_template_status_update', { previous_quality_score: 'GREEN', new_quality_score: 'YELLOW', ...m.LOGIN }, at(35)),
    'warning',
  ),
  shape('message_template_quality_update YELLOW', m.templateQuality(m.LOGIN, 'GREEN', 'YELLOW', at(36)), 'warning'),
  shape('message_template_quality_update GREEN', m.templateQuality(m.LOGIN, 'YELLOW', 'GREEN', at(37)), 'clear'),
  shape('message_template_status_update APPROVED', m.templateStatus(m.ORDER, 'APPROVED', at(38)), 'clear'),
  shape(
    'message_template_status_update REJECTED',
    m.templateStatus(m.PROMO, 'REJECTED', at(39), {
      reason: 'INVALID_FORMAT',
      rejection_info: { reason: 'Two parameters sit side by side.', recommendation: 'Put words between them.' },
    }),
    'warning',
  ),
  shape('message_template_status_update PAUSED', m.paused(m.ORDER, at(40)), 'warning'),
  shape(
    'message_template_status_update DISABLED',
    m.templateStatus(m.ORDER, 'DISABLED', at(41), { disable_info: { disable_date: '1796000000' } }),
    'critical',
  ),
  shape('message_template_status_update REINSTATED', m.templateStatus(m.ORDER, 'REINSTATED', at(42)), 'clear'),
  shape('message_template_status_update FLAGGED', m.templateStatus(m.PROMO, 'FLAGGED', at(43)), 'warning'),
  shape(
    'partner_solutions SOLUTION_CREATED',
    m.change('partner_solutions', { event: 'SOLUTION_CREATED', solution_id: '7300001', solution_status: 'INITIATED' }, at(44)),
    'none',
  ),
];
