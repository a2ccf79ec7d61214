/**
 * Account-management codes of Meta's error-code page that are not send errors: template insights
 * (200005–200007), WhatsApp Business Account moves (2593079, 2593085), business-app data sync after
 * onboarding (2593107, 2593108), phone number migration between accounts (2388001, 2388012, 2388091,
 * 2388093, 2388103), the marketing messages API onboarding request (1752041); and the In-App Signup API
 * (2494164–2494179).
 * Sources:
 * - https://developers.facebook.com/documentation/business-messaging/whatsapp/support/error-codes
 *   (page updated Nov 19, 2025, public copy kapso-meta-docs/documentation, documentation/whatsapp/error-codes.mdx
 *   at commit 1bda228). 2388001 and 2388103 are listed there several times with different messages; each
 *   message that needs a different fix is its own entry, told apart by messageHints.
 * - 131060 and 2593109: Meta's "Onboarding business app users" page (coexistence),
 *   https://developers.facebook.com/documentation/business-messaging/whatsapp/embedded-signup/onboarding-business-app-users
 *   (same copy, documentation/whatsapp/embedded-signup/onboarding-business-app-users.mdx).
 * - In-App Signup: the codes and one-line meanings as carried by david-lev/pywa, pywa/errors.py (SignupError
 *   family, commit 0bcf2f1 of 2026-08-12), which cites
 *   https://developers.facebook.com/documentation/business-messaging/whatsapp/in-app-signup. No source found
 *   lists 2494169–2494175 or 2494178.
 * All text is written for this project.
 */
import type { CatalogEntry } from '../types.js';

const SELF_SERVE = { verdict: 'no', why: 'The request or the account setup needs a change on your side.' } as const;
const MIGRATION_HELP = {
  verdict: 'if',
  rule: { kind: 'judgement' },
  when: 'if the number is moving to or from 360dialog and you cannot fix the account setup yourself',
} as const;

function rule(id: string, code: string, title: string, meaning: string, steps: readonly string[], keywords: readonly string[]) {
  return {
    id,
    code,
    generation: 'cloud',
    surfaces: ['api-response'],
    title,
    meaning,
    steps,
    escalation: SELF_SERVE,
    severity: 'info',
    retry: 'no',
    keywords,
  } as const satisfies CatalogEntry;
}

/** A refusal while moving a number from one WhatsApp Business Account to another (phone migration APIs). */
function migration(id: string, title: string, meaning: string, steps: readonly string[], hints: readonly string[]) {
  const code = id.slice('cloud-'.length, 'cloud-'.length + 7);
  return {
    ...rule(id, code, title, meaning, steps, ['phone number migration', 'migrate number']),
    escalation: MIGRATION_HELP,
    severity: 'warning',
    httpStatus: 400,
    messageHints: hints,
  } as const satisfies CatalogEntry;
}

/** A refusal of the In-App Signup API. */
function signup(code: string, title: string, meaning: string, steps: readonly string[], keywords: readonly string[]) {
  return rule(`cloud-${code}`, code, title, `${meaning} It answers a request of the In-App Signup API.`, steps, [
    'in-app signup',
    ...keywords,
  ]);
}

export const signupTemplateEntries = [
  // ------------------------------------------------------------------------- template insights
  {
    ...rule(
      'cloud-200005',
      '200005',
      'Template insights not available for the account yet',
      'Template insights (template analytics) cannot be enabled for this WhatsApp Business Account at the moment.',
      ['Try enabling template insights again later.', 'Meanwhile use the overall analytics of the account.'],
      ['template insights', 'template analytics unavailable'],
    ),
    retry: 'later',
  },
  rule(
    'cloud-200006',
    '200006',
    'Template insights cannot be disabled',
    'Once template insights are enabled for a WhatsApp Business Account they stay on; a request to switch them off is refused.',
    ['Leave template insights on; stop reading them if you do not need them.'],
    ['template insights', 'disable template analytics'],
  ),
  rule(
    'cloud-200007',
    '200007',
    'Template insights are not enabled',
    'Template analytics were asked for, but template insights have not been switched on for this WhatsApp Business Account.',
    [
      'Enable template insights for the account (Meta’s analytics page: confirming template analytics), then ask again.',
      'Data is collected from the moment insights are enabled, not before.',
    ],
    ['template insights', 'template analytics not enabled'],
  ),

  // ------------------------------------------------------------ account moves and data sync
  {
    ...rule(
      'cloud-2593079',
      '2593079',
      'Account already marked for migration to another solution',
      'The WhatsApp Business Account is already marked to move to a different solution (partner app), so it cannot be moved again. ' +
        'It belongs to the On-Behalf-Of ownership model, which Meta has deprecated.',
      [
        'Find out which solution the account is moving to and whether that move is still wanted.',
        'Contact support with the account id: the move has to be sorted out between the partners and Meta.',
      ],
      ['solution id', 'obo', 'on behalf of', 'waba migration'],
    ),
    escalation: { verdict: 'now', why: 'A move between partner solutions is settled by the partners and Meta, not in your requests.' },
    severity: 'warning',
  },
  {
    ...rule(
      'cloud-2593085',
      '2593085',
      'Account not eligible for an OBO ownership transfer',
      'The WhatsApp Business Account cannot be transferred under the deprecated On-Behalf-Of model: the business already owns it (WABA ' +
        'sharing), or the business has not yet accepted the On-Behalf-Of request in Meta Business Suite.',
      [
        'Check in Meta Business Suite who owns the account and whether a request is waiting for the business to accept.',
        'If the account is already owned by the business, no transfer is needed; otherwise contact support about the move.',
      ],
      ['obo mobility', 'obo', 'ownership transfer'],
    ),
    escalation: { verdict: 'now', why: 'Ownership moves under the deprecated model are handled by the partner with Meta.' },
    severity: 'warning',
  },
  {
    ...rule(
      'cloud-2593107',
      '2593107',
      'Business app data sync already used',
      'The contacts or the message history of an onboarded WhatsApp Business app number can each be synchronised only once, and this ' +
        'sync was already requested.',
      ['Do not repeat the sync request.', 'If the data must be synchronised again, offboard the business and onboard it again.'],
      ['coexistence', 'synchronization request limit', 'sync contacts', 'sync history'],
    ),
    httpStatus: 400,
  },
  {
    ...rule(
      'cloud-2593108',
      '2593108',
      'Business app data sync requested too late',
      'Contacts and message history of a WhatsApp Business app number can only be synchronised within 24 hours of onboarding, and that ' +
        'time has passed.',
      [
        'Request the sync within 24 hours of onboarding next time.',
        'To sync now, offboard the business and onboard it again, then sync at once.',
      ],
      ['coexistence', 'sync window', 'within 24 hours of onboarding'],
    ),
    httpStatus: 400,
  },
  {
    ...rule(
      'cloud-2593109',
      '2593109',
      'Message history not shared: history sync is disabled in the business app',
      'A business onboarded with its WhatsApp Business app number chose not to share its message history, so the history webhook ' +
        'carries this error instead of the history.',
      [
        'Nothing is broken: continue without the old messages.',
        'If the history is needed, the business switches history sharing on in the app and you onboard it again.',
      ],
      ['coexistence', 'history sync', 'history sharing'],
    ),
    surfaces: ['webhook'],
  },
  {
    ...rule(
      'cloud-131060',
      '131060',
      'Coexistence: message seen on an unsupported companion device',
      'On a number onboarded from the WhatsApp Business app, a message was sent or received through a linked (companion) device that ' +
        'the API does not support, so the messages webhook reports an error instead of the message.',
      ['Ask the business to look for the message in the WhatsApp Business app itself.'],
      ['coexistence', 'companion device', 'linked device'],
    ),
    surfaces: ['webhook'],
  },
  {
    ...rule(
      'cloud-1752041',
      '1752041',
      'Marketing messages API onboarding already requested',
      'The business was already invited to onboard to the marketing messages API, by you or another partner. Only the first ' +
        'request counts, and all the business’s eligible accounts are onboarded with it.',
      ['No action is needed: the eligible accounts are onboarded through the first request.', 'Check their onboarding status later.'],
      ['duplicate request', 'marketing messages api onboarding', 'mm lite onboarding'],
    ),
    httpStatus: 400,
    related: ['cloud-134100'],
  },

  // ---------------------------------------------------------------------- phone migration
  migration(
    'cloud-2388001',
    'Migration: confirm ownership of the number first',
    'The certificate of a number being migrated can only be downloaded after its ownership is confirmed.',
    ['Verify the number with a registration code (request and verify the code), then download the certificate and register.'],
    ['confirm ownership'],
  ),
  migration(
    'cloud-2388001-two-step',
    'Migration: two-step verification must be off',
    'Two-step verification is still on for the number being migrated, and it has to be off for the move.',
    [
      'Ask the current owner of the number to turn off two-step verification (WhatsApp Manager settings of the number).',
      'Start the migration again.',
    ],
    ['two-step authentication', 'two-step verification'],
  ),
  migration(
    'cloud-2388012',
    'Migration: number already in this account',
    'The number you are trying to migrate is already in the destination WhatsApp Business Account.',
    ['Check the account’s phone numbers: there is nothing to migrate.', 'To move a different number, start again with that number.'],
    ['already exists in your list'],
  ),
  migration(
    'cloud-2388091',
    'Migration: number is not being migrated (code request)',
    'A registration code was requested through the phone migration APIs for a number that is not being migrated, so they do not apply.',
    ['Register and verify the number the usual way instead of through the migration APIs.'],
    ['not being migrated', 'receive a registration code'],
  ),
  migration(
    'cloud-2388093',
    'Migration: number is not being migrated (code check)',
    'A registration code was checked through the phone migration APIs for a number that is not being migrated, so they do not apply.',
    ['Register and verify the number the usual way instead of through the migration APIs.'],
    ['not being migrated', 'verify a registration code'],
  ),
  migration(
    'cloud-2388103',
    'Cannot migrate: destination account not ready',
    'The destination WhatsApp Business Account cannot take the number yet: no app is subscribed to its webhooks, it is not approved, ' +
      'its Messaging For request is not accepted, or it has no payment account (credit line) for sending after the move.',
    [
      'Read the error message: it names the one thing missing.',
      'Subscribe your app to webhooks on the destination account; complete business verification so the account is approved.',
      'Ask the business to accept your Messaging For request in Meta Business Suite; set up and share a credit line with the account.',
      'Start the migration again.',
    ],
    ['webhooks have not been set up', 'must be approved', 'messaging for', 'payment account'],
  ),
  migration(
    'cloud-2388103-name',
    'Cannot migrate: display name not approved',
    'The number must have an approved display name (name_status APPROVED) and no pending display name change before it can move.',
    ['Get the display name approved and wait for any pending name change to finish.', 'Start the migration again.'],
    ['registered name should be present and approved'],
  ),
  migration(
    'cloud-2388103-direct',
    'Cannot migrate: add the number directly instead',
    'The number does not need the phone migration APIs: it can be added to the account directly.',
    ['Add, register and verify the number in the destination account the usual way.'],
    ['add this phone number in your whatsapp account'],
  ),
  {
    ...migration(
      'cloud-2388103-source',
      'Cannot migrate: source account not set up for a move',
      'The source account cannot hand the number over: it is not approved or its Messaging For is not approved (possibly the deprecated ' +
        'On-Behalf-Of model), or it belongs to a different business than the destination.',
      [
        'Check that source and destination accounts represent the same business; migrate only into an account of that business.',
        'If the source account uses the deprecated On-Behalf-Of model or is not approved, contact support.',
      ],
      ['not set up correctly', 'different business manager'],
    ),
    escalation: { verdict: 'now', why: 'The source account’s setup is settled between the partners and Meta.' },
  },
  {
    ...migration(
      'cloud-2388103-error',
      'Cannot migrate: something went wrong',
      'Meta failed while migrating the number, without naming a cause.',
      ['Try the migration again after some time.', 'If it keeps failing for a day, contact support with the number and the fbtrace_id.'],
      ['error migrating this phone number'],
    ),
    escalation: { verdict: 'if', rule: { kind: 'persists', minutes: 1440 }, when: 'if the migration keeps failing for more than a day' },
    retry: 'later',
  },

  // ------------------------------------------------------------------------- In-App Signup
  signup(
    '2494164',
    'Signup not found',
    'No signup exists with the id given in the request.',
    ['List the signups of the account and use an id from that list.'],
    ['signup not found'],
  ),
  {
    ...signup(
      '2494165',
      'In-App Signup API not enabled for the account',
      'This WhatsApp Business Account has no access to the In-App Signup API.',
      ['Check with Meta whether the account can use In-App Signup, and ask for it to be enabled.'],
      ['signup api unavailable', 'signup not enabled'],
    ),
    escalation: { verdict: 'meta', why: 'Meta decides which accounts may use the In-App Signup API.' },
  },
  signup(
    '2494166',
    'Unknown placeholder in the confirmation message',
    'The confirmation_message of the signup contains a placeholder the API does not know.',
    ['Use only the placeholders Meta’s In-App Signup page lists, spelt exactly, and send the request again.'],
    ['confirmation_message', 'unknown placeholder'],
  ),
  signup(
    '2494167',
    'Promo code placeholder without a promo code',
    'The confirmation_message uses the {{promo_code}} placeholder, but the request gives no promo_code value.',
    ['Add the promo_code value to the request, or take the placeholder out of the message.'],
    ['promo_code', 'missing placeholder value'],
  ),
  signup(
    '2494168',
    'Signup terms of service not accepted',
    'The terms of service for In-App Signup have not been accepted for the business.',
    ['Accept the terms: send the policy object with the approved terms URL in the create request.'],
    ['terms of service not accepted', 'signup tos'],
  ),
  signup(
    '2494176',
    'Signup terms already accepted: leave out the policy object',
    'The terms of service were accepted before, yet the request sent the policy object again.',
    ['Send later create requests without the policy object.'],
    ['tos already accepted', 'policy object'],
  ),
  signup(
    '2494177',
    'Terms of service URL not approved',
    'policy.tos points at a URL that is not one of the approved terms of service URLs.',
    ['Use the URL shown in the terms of service section of Meta’s In-App Signup page.'],
    ['policy.tos', 'tos url'],
  ),
  signup(
    '2494179',
    'Website URL must use https',
    'The signup’s website_url is a plain http (or other) address; only https:// is accepted.',
    ['Change website_url to an https:// address and send the request again.'],
    ['website_url', 'https scheme'],
  ),
] as const satisfies readonly CatalogEntry[];
