/**
 * Business usernames (147001–147005, answers to POST /PHONE_NUMBER_ID/username) and the send error
 * for business-scoped user ids (131062).
 * Sources:
 * - Meta's "Business-scoped user IDs" page,
 *   https://developers.facebook.com/documentation/business-messaging/whatsapp/business-scoped-user-ids
 *   (public copy kapso-meta-docs/documentation, documentation/whatsapp/business-scoped-user-ids.mdx at
 *   commit 1bda228, copied 2025-12): the username request, reserved usernames, linking the number to a
 *   Facebook Page or Instagram account, and 131062 with its details text.
 * - The 147xxx codes and their one-line meanings as carried by david-lev/pywa, pywa/errors.py
 *   (UsernameError family, commit 0bcf2f1 of 2026-08-12), which cites the same page's "adopt or change a
 *   business username" section; the stored copy of the page predates that table.
 * All text is written for this project.
 */
import type { CatalogEntry } from '../types.js';

const SELF_SERVE = { verdict: 'no', why: 'The username request itself needs a change; nothing is broken at 360dialog or Meta.' } as const;

function usernameRule(code: string, title: string, meaning: string, steps: readonly string[], keywords: readonly string[]) {
  return {
    id: `cloud-${code}`,
    code,
    generation: 'cloud',
    surfaces: ['api-response'],
    title,
    meaning: `${meaning} It answers a request for a business username.`,
    steps,
    escalation: SELF_SERVE,
    severity: 'info',
    retry: 'no',
    keywords: ['business username', ...keywords],
  } as const satisfies CatalogEntry;
}

export const usernameEntries = [
  usernameRule(
    '147001',
    'Username not available',
    'The username you asked for is taken, did not pass Meta’s checks, or cannot be used on the platform.',
    [
      'Choose another username that follows Meta’s username format rules and request it again.',
      'Or claim the username Meta reserved for you.',
    ],
    ['username not available', 'username taken'],
  ),
  {
    ...usernameRule(
      '147002',
      'Account not eligible to request a username',
      'The business portfolio that owns the account and number does not have a high enough messaging limit to request a username yet.',
      ['Check the portfolio’s messaging limit in WhatsApp Manager.', 'Request the username again once the limit has been raised.'],
      ['not eligible for username', 'username eligibility'],
    ),
    retry: 'later',
  },
  usernameRule(
    '147003',
    'Username is used by a Facebook Page not linked to the number',
    'The username already belongs to a Facebook Page, and the business number is not linked to that Page.',
    [
      'Link the business phone number to the Facebook Page (you need full control of the Page, or partial access with manage_phone).',
      'Request the username again.',
    ],
    ['facebook page not linked', 'link facebook page'],
  ),
  usernameRule(
    '147004',
    'Username is used by an Instagram account not linked to the number',
    'The username already belongs to an Instagram account, and the business number is not linked to that account.',
    ['Link the business phone number to the Instagram account.', 'Request the username again.'],
    ['instagram account not linked', 'link instagram'],
  ),
  usernameRule(
    '147005',
    'Username is in use on another number of the portfolio',
    'Another business number in the same business portfolio already has this username.',
    [
      'If the username should move to this number, send the request again with force_transfer set to true.',
      'Otherwise choose a different username for this number.',
    ],
    ['username transfer', 'force_transfer'],
  ),
  {
    id: 'cloud-131062',
    code: '131062',
    generation: 'cloud',
    surfaces: ['api-response'],
    title: 'Authentication messages cannot go to a business-scoped user id',
    meaning:
      'The message was addressed to a business-scoped user id (BSUID, the user_id field) instead of a phone number, and that kind ' +
      'of message, such as an authentication template, can only be sent to phone numbers.',
    steps: [
      'Send authentication templates to the user’s phone number (the to field), not to their user_id.',
      'Store the phone number when you have it: users who adopt a username may only show up with a BSUID in webhooks.',
    ],
    escalation: { verdict: 'no', why: 'The recipient has to be a phone number for this message; you change the request.' },
    severity: 'info',
    retry: 'no',
    keywords: ['bsuid', 'business-scoped user id', 'user_id recipient', 'authentication template to bsuid'],
  },
] as const satisfies readonly CatalogEntry[];
