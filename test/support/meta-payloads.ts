/**
 * Webhook bodies in the shapes Meta's webhook reference pages document (2026), written for this project:
 * names, ids and texts are our own. Each builder returns one delivery as 360dialog forwards it (the Cloud
 * envelope, `entry[].changes[] = {field, value}`); `at` is the event time in ms (Meta sends Unix seconds).
 * Pages: developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/<field>.
 */
export const WABA = '730000000000001';
export const PHONE = '15550783881';
const PHONE_ID = '106540352242922';

export interface Shape {
  /** The envelope's top-level object and entries. */
  readonly object?: string;
  readonly entry: unknown[];
}

/** One change of one WABA entry: the envelope every WABA field uses. */
export function change(field: string, value: Record<string, unknown>, at: number, waba = WABA): Shape {
  return { object: 'whatsapp_business_account', entry: [{ id: waba, time: Math.floor(at / 1000), changes: [{ field, value }] }] };
}

const template = (id: number, name: string, language = 'en_US') => ({
  message_template_id: id,
  message_template_name: name,
  message_template_language: language,
});

export const ORDER = template(48001, 'order_update');
export const PROMO = template(48002, 'spring_promo', 'de');
export const LOGIN = template(48003, 'login_code', 'pt_BR');

/** message_template_status_update: the event, a reason and, for pauses and unpauses, other_info. */
export const templateStatus = (t: object, event: string, at: number, extra: Record<string, unknown> = {}) =>
  change('message_template_status_update', { event, ...t, reason: 'NONE', message_template_category: 'MARKETING', ...extra }, at);

export const paused = (t: object, at: number, title = 'FIRST_PAUSE') =>
  templateStatus(t, 'PAUSED', at, { other_info: { title, description: 'Paused for a few hours: recipients reported it.' } });

export const unpaused = (t: object, at: number) =>
  templateStatus(t, 'APPROVED', at, { other_info: { title: 'UNPAUSE', description: 'The pause is over.' } });

export const templateQuality = (t: object, from: string, to: string, at: number) =>
  change('message_template_quality_update', { previous_quality_score: from, new_quality_score: to, ...t }, at);

/** template_category_update, before (correct_category, in 24 hours) or after (previous → new) the change. */
export const categoryWarned = (t: object, at: number) =>
  change(
    'template_category_update',
    { ...t, new_category: 'UTILITY', correct_category: 'MARKETING', category_update_timestamp: Math.floor(at / 1000) + 86_400 },
    at,
  );
export const categoryChanged = (t: object, at: number) =>
  change('template_category_update', { ...t, previous_category: 'UTILITY', new_category: 'MARKETING' }, at);

/** account_update with the phone number Meta adds on number-level events. */
export const accountUpdate = (event: string, at: number, extra: Record<string, unknown> = {}) =>
  change('account_update', { phone_number: PHONE, event, ...extra }, at);

export const restriction = (types: readonly string[], at: number, violation?: string) =>
  accountUpdate('ACCOUNT_RESTRICTION', at, {
    ...(violation ? { violation_info: { violation_type: violation } } : {}),
    restriction_info: types.map((restriction_type) => ({ restriction_type, expiration: Math.floor(at / 1000) + 7 * 86_400 })),
  });

export const banState = (state: string, at: number) =>
  change('account_update', { event: 'DISABLED_UPDATE', ban_info: { waba_ban_state: [state], waba_ban_date: 'December 9, 2026' } }, at);

export const partnerApp = (event: 'PARTNER_APP_INSTALLED' | 'PARTNER_APP_UNINSTALLED', at: number) =>
  change(
    'account_update',
    { event, waba_info: { waba_id: WABA, owner_business_id: '730000000000099', partner_app_id: '730000000000077' } },
    at,
  );

export const partnerRemoved = (at: number, initiatedBy = 'BUSINESS') =>
  accountUpdate('PARTNER_REMOVED', at, { disconnection_info: { initiated_by: initiatedBy } });

export const accountReview = (decision: string, at: number) => change('account_review_update', { decision }, at);

export const accountAlert = (type: string, severity: string, status: string, at: number) =>
  change(
    'account_alerts',
    {
      entity_type: 'BUSINESS',
      entity_id: '730000000000099',
      alert_info: {
        alert_severity: severity,
        alert_status: status,
        alert_type: type,
        alert_description: `Alert ${type} for our test business.`,
      },
    },
    at,
  );

export const nameUpdate = (decision: string, at: number, reason: string | null = null) =>
  change(
    'phone_number_name_update',
    { display_phone_number: PHONE, decision, requested_verified_name: 'Fern & Frond', rejection_reason: reason },
    at,
  );

export const security = (event: string, at: number) =>
  change(
    'security',
    { display_phone_number: PHONE, event, ...(event === 'PIN_RESET_REQUEST' ? { requester: '730000000000055' } : {}) },
    at,
  );

export const paymentConfig = (status: string, at: number) =>
  change(
    'payment_configuration_update',
    {
      configuration_name: 'shop-live',
      provider_name: 'payu',
      provider_mid: 'mid_TEST01',
      status,
      created_timestamp: 1764000000,
      updated_timestamp: Math.floor(at / 1000),
    },
    at,
  );

export const phoneQuality = (event: string, at: number, limit = 'TIER_2K') =>
  change('phone_number_quality_update', { display_phone_number: PHONE, event, max_daily_conversations_per_business: limit }, at);

export const capability = (limit: string | number, at: number) =>
  change('business_capability_update', { max_daily_conversations_per_business: limit, max_phone_numbers_per_waba: 20 }, at);

/** Ordinary traffic on the messages field and its siblings, which must never alarm. */
const metadata = { display_phone_number: PHONE, phone_number_id: PHONE_ID };
export const traffic = (field: string, value: Record<string, unknown>, at: number) =>
  change(field, { messaging_product: 'whatsapp', metadata, ...value }, at);
