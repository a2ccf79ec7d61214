/**
 * The Block Users API's own codes (POST/DELETE/GET /<PHONE_NUMBER_ID>/block_users). They are not on
 * Meta's error-code page but on the API's own page, which lists them with the send errors the API
 * shares (130429, 131021, 131047):
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/block-users
 * (read in a public copy of the page updated 2026-02-23). A bulk request that blocks some users
 * and not others answers HTTP 400 with 139100 and each user's own error in `failed_users`.
 * All text is written for this project.
 */
import type { CatalogEntry } from '../types.js';

const SELF_SERVE = {
  verdict: 'no',
  why: 'The block list is yours to manage through the API; nothing is broken at 360dialog or Meta.',
} as const;

export const blockUsersEntries = [
  {
    id: 'cloud-139100',
    code: '139100',
    generation: 'cloud',
    surfaces: ['api-response'],
    httpStatus: 400,
    title: 'Failed to block or unblock some users',
    meaning:
      'A bulk block or unblock request went through for some users and not for others (or for none). The answer lists ' +
      'each user that failed under failed_users, with that user’s own error code.',
    steps: [
      'Read failed_users in the answer: each entry names the user and the code that stopped it.',
      'Look up those codes: 131047 means the user has not written in the last 24 hours (only such users can be blocked), ' +
        '131021 that the number is your own, 130429 that the request was too large or too frequent.',
      'Retry only the failed users whose reason you have fixed.',
    ],
    escalation: SELF_SERVE,
    severity: 'info',
    retry: 'no',
    related: ['cloud-130403', 'cloud-131047'],
    keywords: ['block users', 'failed to block', 'unblock', 'bulk block', 'failed_users', 'block_users'],
  },
  {
    id: 'cloud-139101',
    code: '139101',
    generation: 'cloud',
    surfaces: ['api-response'],
    title: 'Block list full',
    meaning: 'The number’s block list already holds its maximum of 64,000 users, so nobody more can be blocked.',
    steps: [
      'List the blocked users (GET block_users) and unblock those who no longer need to be blocked.',
      'Then block the new users again.',
    ],
    escalation: SELF_SERVE,
    severity: 'warning',
    retry: 'no',
    related: ['cloud-139100'],
    keywords: ['blocklist limit', 'block list full', 'blocklist full', '64000', 'cannot block more'],
  },
  {
    id: 'cloud-139102',
    code: '139102',
    generation: 'cloud',
    surfaces: ['api-response'],
    title: 'Block list changed while it was being listed',
    meaning: 'The block list was updated while you were paging through it, so the version_id of your page request no longer matches.',
    steps: ['Start listing the blocked users again from the first page.'],
    escalation: SELF_SERVE,
    severity: 'info',
    retry: 'backoff',
    related: ['cloud-139100'],
    keywords: ['blocklist concurrent update', 'version_id', 'block list pagination'],
  },
  {
    id: 'cloud-139103',
    code: '139103',
    generation: 'cloud',
    surfaces: ['api-response'],
    title: 'Block Users API internal error',
    meaning: 'Meta failed internally while changing or reading the block list.',
    steps: [
      'Retry the request after a short wait.',
      'If it keeps failing for more than an hour, contact support with the request and its fbtrace_id.',
    ],
    escalation: { verdict: 'if', rule: { kind: 'persists', minutes: 60 }, when: 'if it keeps failing for more than an hour' },
    severity: 'warning',
    retry: 'backoff',
    related: ['cloud-139100'],
    keywords: ['block users internal error', 'block list error'],
  },
] as const satisfies readonly CatalogEntry[];
