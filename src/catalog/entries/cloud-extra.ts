/**
 * Cloud API codes that Meta's current error-code page does not list but other Meta pages, or older
 * versions of that page, do.
 * Sources:
 * - 137000: Meta's phone numbers page, identity change check section,
 *   https://developers.facebook.com/documentation/business-messaging/whatsapp/business-phone-numbers/phone-numbers
 *   (public copy kapso-meta-docs/documentation, documentation/whatsapp/business-phone-numbers/phone-numbers.mdx at
 *   commit 1bda228, copied 2025-12), and david-lev/pywa, pywa/errors.py (RecipientIdentityKeyMismatch, commit 0bcf2f1).
 * - 132008: pywa/errors.py (TemplateParamValueInvalid).
 * - 134103: Meta's marketing messages changelog (documentation/whatsapp/marketing-messages/changelog.mdx in the same copy),
 *   May 20, 2025, lists it with 134100–134102 as new error codes of the marketing messages API, without describing it.
 * - 131001, 131002, 131006, 133001–133003, 133007, 136025: the titles of an older version of Meta's error-code
 *   page kept in SDK code tables (great-detail/WhatsApp-Nodejs-SDK src/types/Error.ts at commit 2ac4a29,
 *   MarcosNicolau/whatsapp-business-sdk src/types/error.ts). Only the titles survive, so the meanings below say
 *   no more than a title and its family support.
 * All text is written for this project.
 */
import type { CatalogEntry } from '../types.js';

const OLD_TITLE = 'Meta’s current error-code page no longer lists it; only its title survives from an older version.';

function oldCode(
  code: string,
  title: string,
  meaning: string,
  steps: readonly string[],
  keywords: readonly string[],
  similar: readonly string[] = [],
) {
  return {
    id: `cloud-${code}`,
    code,
    generation: 'cloud',
    surfaces: ['api-response'],
    title,
    meaning: `${meaning} ${OLD_TITLE}`,
    steps,
    escalation: { verdict: 'no', why: 'The title points at the request or the registration data, which you fix on your side.' },
    severity: 'info',
    retry: 'no',
    keywords,
    ...(similar.length > 0 ? { similar } : {}),
  } as const satisfies CatalogEntry;
}

export const cloudExtraEntries = [
  {
    id: 'cloud-137000',
    code: '137000',
    generation: 'cloud',
    surfaces: ['webhook'],
    title: 'Identity key hash mismatch: message not delivered',
    meaning:
      'The message carried the recipient’s identity key hash (the identity change check is on for the number), and the user’s ' +
      'current hash no longer matches: WhatsApp saw an identity change, such as a reinstall or a new phone. The phone number and ' +
      'user id are fine; the user’s identity is what changed, so Meta did not deliver the message.',
    steps: [
      'Treat the phone number as untrusted for now: confirm the person’s identity through another channel than WhatsApp.',
      'Once confirmed, send the failed message again without an identity key hash.',
      'Store the new hash that comes with the status webhook of that message, and use it from then on.',
    ],
    escalation: { verdict: 'no', why: 'It is the identity check you enabled doing its job; nothing is broken.' },
    severity: 'info',
    retry: 'no',
    related: ['onprem-480', 'onprem-1028'],
    keywords: ['identity key hash', 'identity change check', 'recipient_identity_key_hash', 'hash mismatch'],
  },
  {
    id: 'cloud-132008',
    code: '132008',
    generation: 'cloud',
    surfaces: ['api-response', 'webhook'],
    title: 'Template parameter value not valid',
    meaning:
      'A value sent for a template variable is not valid for that variable, for example in the wrong format. pywa carries the code ' +
      'with this meaning; Meta’s current error-code page does not list it.',
    steps: [
      'Read error_data.details for the variable at fault.',
      'Compare each value with what the template expects for that variable (text, currency, date, media) and fix it.',
    ],
    escalation: { verdict: 'no', why: 'The values in your request do not fit the template; you fix them.' },
    severity: 'warning',
    retry: 'no',
    related: ['cloud-132012', 'cloud-132000'],
    keywords: ['template parameter value', 'template param value invalid'],
  },
  {
    id: 'cloud-134103',
    code: '134103',
    generation: 'cloud',
    surfaces: ['api-response'],
    title: 'Marketing messages API error (not described by Meta)',
    meaning:
      'Meta’s marketing messages changelog lists 134103 with 134100–134102 as new error codes of that API (May 2025) but says ' +
      'nothing of what it means; its siblings are about marketing-only sending, template syncing and eligibility.',
    steps: [
      'Read the error message and error_data.details: they are the only description there is.',
      'Check the account’s onboarding to the marketing messages API and that the template is a synced marketing template.',
      'If the details do not explain it, contact support with the request, the answer and the fbtrace_id.',
    ],
    escalation: { verdict: 'if', rule: { kind: 'judgement' }, when: 'if the error details do not tell you what to fix' },
    severity: 'info',
    retry: 'no',
    related: ['cloud-134100'],
    keywords: ['marketing messages api', 'mm lite'],
  },
  oldCode(
    '131001',
    'Message too long',
    'The message text is longer than WhatsApp allows (4,096 characters for a text body).',
    ['Shorten the text, or split it into several messages.'],
    ['message too long'],
  ),
  oldCode(
    '131002',
    'Invalid recipient type',
    'The recipient_type of the request is not a valid value.',
    ['Send recipient_type individual, or leave the field out.'],
    ['recipient type', 'recipient_type'],
  ),
  oldCode(
    '131006',
    'Resource not found',
    'Something the request refers to, such as a media id or another object, was not found.',
    ['Check the ids in the request (media ids expire: upload the media again) and send the request again.'],
    ['resource not found'],
  ),
  oldCode(
    '133001',
    'Registration: decryption error',
    'Registering the number failed because data sent with the request could not be decrypted.',
    ['Check the registration request, its PIN and any backup data sent with it, then register again.'],
    ['decryption error', 'registration'],
  ),
  oldCode(
    '133002',
    'Registration: backup could not be decrypted',
    'Registering the number with backup data failed because the backup blob could not be decrypted.',
    ['Check the password of the backup, or register the number without the backup.'],
    ['backup blob decryption', 'registration backup'],
  ),
  oldCode(
    '133003',
    'Registration: recovery token could not be decrypted',
    'Registering the number failed because its recovery token could not be decrypted.',
    ['Register the number again without the old recovery data; contact support if it keeps failing.'],
    ['recovery token decryption', 'registration'],
  ),
  {
    ...oldCode(
      '133007',
      'Registration: account blocked',
      'The number could not be registered because its account is blocked.',
      [
        'Check WhatsApp Manager and Business Support Home for a block or policy notice on the number.',
        'Contact support with the number and the full error: registration of a blocked number cannot be fixed in the request.',
      ],
      ['account blocked', 'registration blocked'],
    ),
    escalation: { verdict: 'now', why: 'A blocked number is unblocked through 360dialog and Meta, not by a new request.' },
    severity: 'critical',
  },
  oldCode(
    '136025',
    'Verification code error',
    'Checking the number’s verification (registration) code failed: the code is wrong, expired or was already used.',
    ['Request a new verification code for the number and enter it promptly and exactly.'],
    ['verify code error', 'verification code', 'otp'],
  ),
] as const satisfies readonly CatalogEntry[];
