/**
 * Codes Meta added to its error-code page after the first catalog was written: the marketing switch
 * on the Cloud API (131063), the template-classification message limit (131064), payments terms
 * (134011), template management (2388xxx) and the phone number maintenance mode (2494100).
 *
 * Sources, checked 2026-11:
 * - https://developers.facebook.com/documentation/business-messaging/whatsapp/support/error-codes
 *   (as copied, code by code with title, details and solution, into a public PHP config of a WhatsApp
 *   inbox product found by code search; the copy cites that URL).
 * - https://developers.facebook.com/documentation/business-messaging/whatsapp/marketing-messages/send-marketing-messages
 *   (131063 with the disable_marketing_messages_on_cloud_api switch and its example error, as mirrored
 *   in a public copy of the page; the MM API error table with 131055, 132018 is also in a public Rust
 *   SDK's tests).
 * No source gives their HTTP statuses consistently, so none is stated. All text is written for this
 * project.
 */
import type { CatalogEntry } from '../types.js';

const TEMPLATE_FIX = {
  escalation: { verdict: 'no', why: 'Meta refused the template as written; you change the template and submit it again.' },
  severity: 'info',
  retry: 'no',
} as const;

/** A template-management refusal: Meta checked the template you submitted and named what is wrong. */
function templateRule(code: string, title: string, meaning: string, fix: string, keywords: readonly string[]) {
  return {
    id: `cloud-${code}`,
    code,
    generation: 'cloud',
    surfaces: ['api-response'],
    title,
    meaning: `${meaning} It comes back when a template is created or edited, not when a message is sent.`,
    steps: [
      'Read the error message and its details: Meta names the component and the rule it broke.',
      fix,
      'Submit the template again (POST /v1/configs/templates on waba-v2.360dialog.io, or in WhatsApp Manager).',
    ],
    ...TEMPLATE_FIX,
    related: ['cloud-132001'],
    keywords: ['template creation', 'create template', 'template submission', ...keywords],
  } as const satisfies CatalogEntry;
}

export const cloud2026Entries = [
  {
    id: 'cloud-131063',
    code: '131063',
    generation: 'cloud',
    surfaces: ['api-response'],
    title: 'Marketing templates are switched off on the Cloud API for this account',
    meaning:
      'The WhatsApp Business Account has disable_marketing_messages_on_cloud_api set to true, so marketing-category ' +
      'templates sent to /messages are refused. The fallback of the marketing messages API to the Cloud API is refused the ' +
      'same way while that API’s terms are not signed.',
    steps: [
      'Check the switch: GET the WhatsApp Business Account with fields=disable_marketing_messages_on_cloud_api.',
      'Send marketing templates through the marketing messages API instead, once its terms are signed for the account.',
      'Or, if marketing on the Cloud API is wanted, set disable_marketing_messages_on_cloud_api to false and send again.',
      'Utility and authentication templates are not affected: keep sending those through /messages.',
    ],
    escalation: {
      verdict: 'if',
      rule: { kind: 'judgement' },
      when: 'if nobody on your side switched marketing off and you cannot change the setting through 360dialog',
    },
    severity: 'warning',
    retry: 'no',
    related: ['cloud-134100', 'cloud-131055'],
    keywords: ['marketing disabled', 'marketing templates disabled', 'marketing switched off', 'messages endpoint', 'mm lite'],
  },
  {
    id: 'cloud-131064',
    code: '131064',
    generation: 'cloud',
    surfaces: ['api-response', 'webhook'],
    title: 'Message limit reached after template classification violations',
    meaning:
      'Meta limited how many messages the account may send because its templates were put in the wrong category (for ' +
      'example marketing content filed as utility). The limit covers templates and free-form messages alike and lifts by ' +
      'itself when the enforcement period ends.',
    steps: [
      'Pause non-essential sends; retries count against the same limit.',
      'In WhatsApp Manager, review the categories of your templates and fix or recreate those filed in the wrong category.',
      'Check the number and account in the health check for the limit and when it ends.',
      'Resume sending after the enforcement period, keeping new templates in the category that matches their content.',
    ],
    escalation: {
      verdict: 'if',
      rule: { kind: 'judgement' },
      when: 'if the limit does not lift after the enforcement period Meta stated, or you believe the categories were right',
    },
    severity: 'critical',
    retry: 'later',
    related: ['cloud-131048', 'cloud-132015'],
    keywords: ['template classification', 'template category', 'miscategorized', 'wrong category', 'message limit', 'enforcement'],
  },
  {
    id: 'cloud-134011',
    code: '134011',
    generation: 'cloud',
    surfaces: ['api-response'],
    title: 'WhatsApp Payments terms of service not accepted',
    meaning:
      'The message uses WhatsApp Payments, and the WhatsApp Business Account has not accepted the WhatsApp Payments terms ' +
      'of service yet, so Meta refused it.',
    steps: [
      'Open the link in the error message with an admin of the business and accept the WhatsApp Payments terms.',
      'Send the message again once the terms are accepted.',
      'Until then, send order or payment messages without the payment part, or use another way to collect payment.',
    ],
    escalation: { verdict: 'no', why: 'Only the business itself can accept the payments terms.' },
    severity: 'warning',
    retry: 'no',
    keywords: ['payments', 'whatsapp payments', 'terms of service', 'tos', 'payment terms', 'order details'],
  },
  {
    id: 'cloud-131055',
    code: '131055',
    generation: 'cloud',
    surfaces: ['api-response'],
    title: 'Method not allowed: the marketing messages API takes marketing templates only',
    meaning: 'A message other than a marketing-category template was sent through the marketing messages API, which refuses it.',
    steps: [
      'Send only marketing-category templates through the marketing messages API.',
      'Send utility and authentication templates, and free-form replies, through the Cloud API /messages endpoint.',
    ],
    escalation: { verdict: 'no', why: 'The message was sent to the wrong API; you route it differently.' },
    severity: 'info',
    retry: 'no',
    related: ['cloud-134100'],
    keywords: ['method not allowed', 'marketing messages api', 'mm lite', 'marketing only'],
    messageHints: ['marketing'],
  },
  {
    id: 'cloud-132018',
    code: '132018',
    generation: 'cloud',
    surfaces: ['api-response', 'webhook'],
    title: 'Template validation error',
    meaning: 'Meta found a problem with the values sent for the variables of the template, for example their type or format.',
    steps: [
      'Read error_data.details: it names the component and value at fault.',
      'Compare the components and values of the request with the approved template and fix them.',
    ],
    escalation: { verdict: 'no', why: 'The request does not match the template; you fix the request.' },
    severity: 'warning',
    retry: 'no',
    related: ['cloud-132000', 'cloud-132012'],
    keywords: ['template validation', 'validation error'],
  },
  {
    id: 'cloud-2494100',
    code: '2494100',
    generation: 'cloud',
    surfaces: ['api-response'],
    title: 'Phone number in maintenance mode',
    meaning: 'The business phone number is briefly in maintenance mode (for example during a migration) and refuses requests.',
    steps: [
      'Retry with backoff after a few minutes.',
      'If the number is being migrated or re-registered, wait until that finishes.',
      'If it lasts more than an hour, contact support with the number and the first-failure time.',
    ],
    escalation: {
      verdict: 'if',
      rule: { kind: 'persists', minutes: 60 },
      when: 'if the number is still in maintenance mode after an hour',
    },
    severity: 'warning',
    retry: 'backoff',
    related: ['cloud-131057'],
    keywords: ['maintenance mode', 'phone number maintenance', 'migration'],
  },
  templateRule(
    '2388019',
    'Template limit reached for the account',
    'The WhatsApp Business Account already has as many message templates as Meta allows it (the error-code page says 250).',
    'Delete templates you no longer use, then create the new one.',
    ['template limit', 'too many templates', '250 templates'],
  ),
  templateRule(
    '2388040',
    'Template field longer than allowed',
    'A field of the template is longer than its character limit.',
    'Shorten the field the message names to its limit.',
    ['character limit', 'too long', 'template length'],
  ),
  templateRule(
    '2388047',
    'Template header has the wrong format',
    'The header of the template is not in a format Meta accepts.',
    'Fix the header as the message says (type, length, variables).',
    ['header format', 'template header'],
  ),
  templateRule(
    '2388072',
    'Template body has the wrong format',
    'The body of the template is not in a format Meta accepts.',
    'Fix the body as the message says (variables, line breaks, formatting).',
    ['body format', 'template body'],
  ),
  templateRule(
    '2388073',
    'Template footer has the wrong format',
    'The footer of the template is not in a format Meta accepts.',
    'Fix the footer as the message says.',
    ['footer format', 'template footer'],
  ),
  templateRule(
    '2388293',
    'Too many variables for the length of the template',
    'The template has too many variables for how much fixed text it has.',
    'Remove variables or add fixed text around them.',
    ['too many variables', 'parameter ratio', 'word ratio', 'variables'],
  ),
  templateRule(
    '2388299',
    'Template starts or ends with a variable',
    'A variable stands at the very beginning or end of the template text, which Meta does not allow.',
    'Put fixed text before the first variable and after the last one.',
    ['variable at start', 'variable at end', 'leading variable', 'trailing variable'],
  ),
] as const satisfies readonly CatalogEntry[];
