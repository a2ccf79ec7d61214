/**
 * What a code's number says when no source documents the code itself. Meta numbers Cloud API
 * errors in families; these notes say which family a code sits in, not what it means.
 *
 * Each family is named after the documented codes it holds (Meta's error-code page,
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/support/error-codes,
 * and its copies, see entries/cloud-2026.ts): 131xxx messaging, 132xxx templates and flows, 133xxx
 * registration, 134xxx payments terms (134011) and the marketing messages API (1341xx), 135000,
 * 141xxx health entities, 2388xxx template management and number migration. 138xxx holds the Calling API's
 * codes (Meta's calling troubleshooting page, entries/calling.ts) and the two SIP settings codes of the health
 * check (138024, 138025). 136025 (verify code error) is listed in the whatsapp-business-sdk copy of Meta's
 * titles (MarcosNicolau/whatsapp-business-sdk, src/types/error.ts). 1312xx are the Groups API's codes (Meta's
 * Groups error-code page, entries/groups.ts); 1390xx the Flows management API's, 1391xx the Block Users API's;
 * 147xxx business usernames; 2494xxx phone number states and the In-App Signup API. Of 137xxx only 137000
 * (identity key changed) is documented, so that note claims nothing more.
 */
const FAMILIES: readonly (readonly [pattern: RegExp, note: string])[] = [
  [/^130\d{3}$/, '130xxx: Cloud API platform limits and integrity (throughput, experiments, blocks, country rules)'],
  [/^1310\d{2}$/, '1310xx: Cloud API messaging (sending, delivery, recipients, media)'],
  [/^1312\d{2}$/, '1312xx: the Groups API (groups, participants, join requests)'],
  [/^131\d{3}$/, '131xxx: Cloud API messaging (sending, delivery, recipients)'],
  [/^132\d{3}$/, '132xxx: message templates and flows'],
  [/^133\d{3}$/, '133xxx: phone number registration and two-step verification'],
  [/^134\d{3}$/, '134xxx: account eligibility (payments terms, the marketing messages API)'],
  [/^135\d{3}$/, '135xxx: generic user errors in the request'],
  [/^136\d{3}$/, '136xxx: phone number verification codes (136025 is a verify-code error)'],
  [/^137\d{3}$/, '137xxx: Cloud API; only 137000 (identity key changed) is documented, no source describes the family'],
  [/^138\d{3}$/, '138xxx: WhatsApp Business calling (the Calling API, and its SIP settings in the health check)'],
  [/^1390\d{2}$/, '1390xx: WhatsApp Flows management (creating, publishing, deprecating, deleting Flows)'],
  [/^139\d{3}$/, '139xxx: the Block Users API (blocking and unblocking users)'],
  [/^147\d{3}$/, '147xxx: business usernames'],
  [/^141\d{3}$/, '141xxx: health status entity errors (what blocks or limits a number)'],
  [/^2388\d{3}$/, '2388xxx: template management (creating and editing templates) and phone number migration'],
  [/^2494\d{3}$/, '2494xxx: phone number states (maintenance mode) and the In-App Signup API'],
  [/^2593\d{3}$/, '2593xxx: WhatsApp Business Account moves and business app data sync'],
  [/^[2-4]\d{2}$/, '2xx–4xx: an HTTP-style status, usually from the 360dialog gateway or the retired On-Premise client'],
  [/^[12]\d{3}$/, '1xxx–2xxx: retired On-Premise client codes (1xxx messaging, 2xxx templates)'],
];

/** The family an undocumented numeric code belongs to, in words, or undefined. */
export function rangeNote(code: string): string | undefined {
  return FAMILIES.find(([pattern]) => pattern.test(code))?.[1];
}
