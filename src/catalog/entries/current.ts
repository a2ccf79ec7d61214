/**
 * Codes on Meta's current WhatsApp error-code page (business-messaging/whatsapp/support/error-codes)
 * that the original tables lacked, with 360dialog's view where it differs. Facts from Meta's page
 * and copies of it (dualhook.com, docs.buildwithchirp.com, help.carerix.com, Meta's MM Lite support
 * page); all text is written for this project.
 */
import type { CatalogEntry } from '../types.js';

export const currentEntries = [
  {
    id: 'cloud-131050',
    common: true,
    code: '131050',
    generation: 'cloud',
    surfaces: ['webhook', 'api-response'],
    httpStatus: 400,
    title: 'User stopped marketing messages from your business',
    meaning:
      'The recipient chose, in WhatsApp, to stop receiving marketing messages from this business. It is an opt-out, ' +
      'not a quality problem: the number is fine, and utility or authentication messages still reach the user.',
    steps: [
      'Do not resend the marketing message; retries fail the same way.',
      'Mark the contact as opted out of marketing everywhere you keep audiences, and drop it from campaigns.',
      'Subscribe to the user_preferences webhook field so later opt-outs and opt-ins reach you automatically.',
      'Send only utility or authentication templates (or replies inside the 24-hour window) to this user.',
    ],
    escalation: { verdict: 'no', why: 'The user decided this and only the user can opt in again.' },
    severity: 'info',
    retry: 'no',
    related: ['cloud-131049', 'cloud-131048'],
    keywords: ['opted out marketing', 'opt out', 'unsubscribed', 'stop promotions', 'user preferences', 'marketing opt out'],
    messageHints: ['chosen to stop receiving marketing messages'],
  },
  {
    id: 'cloud-130403',
    code: '130403',
    generation: 'cloud',
    surfaces: ['webhook', 'api-response'],
    title: 'Your business has blocked this user',
    meaning:
      'The message was refused because this business blocked the recipient (with the block users API or in the ' +
      'WhatsApp Business app). It is your own block list, not a restriction on your account.',
    steps: [
      'Do not retry; every send to this user fails while the block is in place.',
      'Check why the user was blocked (an agent, an anti-abuse rule) before you change anything.',
      'If the block was a mistake, unblock the user with the block users API, then resend.',
    ],
    escalation: { verdict: 'no', why: 'You blocked the user and you can unblock them yourself.' },
    severity: 'info',
    retry: 'no',
    related: ['cloud-131026'],
    keywords: ['business blocked user', 'blocked user', 'block list', 'unblock'],
  },
  {
    id: 'cloud-131030',
    code: '131030',
    generation: 'cloud',
    surfaces: ['api-response'],
    httpStatus: 400,
    title: 'Recipient phone number not in the allowed list',
    meaning:
      'The sending number may only message a short list of test recipients, and this recipient is not on it. Every ' +
      'sandbox or test number meets this until the recipient is added or a production number is used.',
    steps: [
      'If this is a sandbox or test number, add the recipient to its allowed recipients and send again.',
      'If you expected a production number, check the key and phone number id: you may be sending from the test number.',
      'For 360dialog sandbox keys, only the number that registered the sandbox can receive messages.',
    ],
    escalation: { verdict: 'no', why: 'The allowed list is set up on your side; a production number has no such list.' },
    severity: 'info',
    retry: 'no',
    keywords: ['allowed list', 'allowlist', 'whitelist', 'sandbox', 'test number', 'recipient list'],
  },
  {
    id: 'cloud-131037',
    code: '131037',
    generation: 'cloud',
    surfaces: ['api-response', 'webhook'],
    httpStatus: 400,
    title: 'Display name needs approval before the number can send',
    meaning:
      "Meta has not approved the number's display name yet, so it cannot send messages. New numbers and numbers whose " +
      'name was just changed meet it; an unverified business can make the review take longer.',
    steps: [
      'In WhatsApp Manager, open Account tools, then Phone numbers, and check the display name status.',
      'If it was rejected, change the name so it matches your business and its branding, and submit it again.',
      'If it is pending for more than 2 days, check business verification in Meta Business Suite.',
      'Contact 360dialog support if the name is approved and sending still fails with this code.',
    ],
    escalation: {
      verdict: 'if',
      rule: { kind: 'judgement' },
      when: 'if the display name shows as approved and sends still fail with 131037',
    },
    severity: 'critical',
    retry: 'later',
    related: ['health-141010'],
    keywords: ['display name not approved', 'display name', 'name pending', 'name rejected', 'name review'],
  },
  {
    id: 'cloud-131057',
    code: '131057',
    generation: 'cloud',
    surfaces: ['api-response', 'webhook'],
    title: 'Business account in maintenance mode',
    meaning:
      'The business account is briefly in maintenance mode, usually while Meta upgrades the throughput of the ' +
      'number; messages are refused until it ends, typically within minutes.',
    steps: [
      'Pause sending and retry with backoff after a few minutes.',
      'Check whether a throughput upgrade was requested for the number (for example a higher messages per second tier).',
      'If it lasts more than an hour, contact support with the number and the first-failure time.',
    ],
    escalation: {
      verdict: 'if',
      rule: { kind: 'persists', minutes: 60 },
      when: 'if the account is still in maintenance mode after an hour',
    },
    severity: 'warning',
    retry: 'backoff',
    related: ['cloud-130429'],
    keywords: ['maintenance mode', 'maintenance', 'throughput upgrade'],
  },
  {
    id: 'cloud-134100',
    code: '134100',
    range: [134100, 134102],
    generation: 'cloud',
    surfaces: ['api-response'],
    httpStatus: 400,
    title: 'Marketing Messages Lite API refused the message (codes 134100 to 134102)',
    meaning:
      'The Marketing Messages Lite API accepts only marketing templates. Meta documents these codes for sending a ' +
      'non-template message, a utility or authentication template, or a template whose ad sync has not finished.',
    steps: [
      'Read error_data.details: it names which of the reasons applies.',
      'Send only templates of the marketing category through this API; send utility and authentication templates through the Cloud API.',
      'After creating a template, or after 7 days without using it, wait about 10 minutes for the sync before sending.',
    ],
    escalation: { verdict: 'no', why: 'The request does not fit the rules of the marketing messages API; you fix it.' },
    severity: 'warning',
    retry: 'no',
    related: ['cloud-131009'],
    keywords: ['marketing messages api', 'mm lite', 'marketing template', 'ad sync'],
  },
  {
    id: 'onprem-480',
    code: '480',
    generation: 'onprem',
    surfaces: ['webhook'],
    title: 'User identity changed',
    meaning:
      "The recipient's identity may have changed (a new phone or a reinstall), and the retired On-Premise client " +
      'refused the message because identity checks were on. Cloud API numbers do not report it.',
    steps: [
      'Confirm with the customer that the number is still theirs, then acknowledge the new identity and resend.',
      'If the number still runs On-Premise, plan its move to the Cloud API.',
    ],
    escalation: { verdict: 'no', why: 'It is a check on the recipient side that you acknowledge yourself.' },
    severity: 'info',
    retry: 'no',
    keywords: ['identity changed', 'user identity', 'security code changed', 'new phone'],
  },
] as const satisfies readonly CatalogEntry[];
