/**
 * What a code's number says when no source documents the code itself. Meta numbers Cloud API
 * errors in families; these notes say which family a code sits in, not what it means.
 */
const FAMILIES: readonly (readonly [pattern: RegExp, note: string])[] = [
  [/^130\d{3}$/, '130xxx: Cloud API platform limits and integrity (throughput, experiments, blocks, country rules)'],
  [/^1310\d{2}$/, '1310xx: Cloud API messaging (sending, delivery, recipients, media)'],
  [/^1312\d{2}$/, '1312xx: Cloud API groups (group messaging and participants)'],
  [/^131\d{3}$/, '131xxx: Cloud API messaging (sending, delivery, recipients)'],
  [/^132\d{3}$/, '132xxx: message templates and flows'],
  [/^133\d{3}$/, '133xxx: phone number registration and two-step verification'],
  [/^134\d{3}$/, '134xxx: business and account eligibility, including the marketing messages API'],
  [/^135\d{3}$/, '135xxx: generic user errors in the request'],
  [/^136\d{3}$/, '136xxx: phone number verification codes (request and verify code)'],
  [/^137\d{3}$/, '137xxx: Cloud API, a family no source describes'],
  [/^138\d{3}$/, '138xxx: WhatsApp Business calling (Calling API, SIP)'],
  [/^139\d{3}$/, '139xxx: Cloud API, a family no source describes (seen with newer features)'],
  [/^141\d{3}$/, '141xxx: health status entity errors (what blocks or limits a number)'],
  [/^2388\d{3}$/, '2388xxx: template management (creating and editing templates)'],
  [/^[2-4]\d{2}$/, '2xx–4xx: an HTTP-style status, usually from the 360dialog gateway or the retired On-Premise client'],
  [/^[12]\d{3}$/, '1xxx–2xxx: retired On-Premise client codes (1xxx messaging, 2xxx templates)'],
];

/** The family an undocumented numeric code belongs to, in words, or undefined. */
export function rangeNote(code: string): string | undefined {
  return FAMILIES.find(([pattern]) => pattern.test(code))?.[1];
}
