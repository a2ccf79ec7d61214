/**
 * Account, template and access signals Meta's webhook reference documents in 2026 beyond the first set
 * (account-signals.ts): the partner app uninstalled, a ban scheduled, calling enforcement, the WABA review,
 * template flags, limits and recategorization, display names, two-step verification and payment
 * configurations. Pages: developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/
 * reference/<field>; calling/call-settings; templates/template-categorization. Text written for this project.
 */
import type { CatalogEntry } from '../types.js';

const APPEAL = 'Only if you believe Meta decided in error and its own review path failed: 360dialog can relay the case.';

export const accountSignal2026Entries = [
  {
    id: 'signal-partner-app-uninstalled',
    code: 'PARTNER_APP_UNINSTALLED',
    generation: 'cloud',
    surfaces: ['webhook'],
    title: 'Partner app removed: 360dialog can no longer send for the account',
    meaning:
      'The business removed or de-authorised the partner app on its WABA (account_update PARTNER_APP_UNINSTALLED). 360dialog ' +
      'loses the permissions it sends with: every message of every number of the WABA fails from now on.',
    steps: [
      'Ask the business owner at once whether this was intended (a move to another provider, a clean-up in Meta Business Suite).',
      'If not, have them grant the app again through 360dialog’s embedded sign-up; escalate now so 360dialog can check the account.',
      'The incident clears when Meta sends PARTNER_APP_INSTALLED.',
    ],
    escalation: { verdict: 'now', why: 'Only 360dialog can confirm its access and guide the business through granting it again.' },
    severity: 'critical',
    retry: 'no',
    opensAtOnce: true,
    related: ['signal-account-offboarded'],
    keywords: ['partner app uninstalled', 'app uninstalled', 'partner_app_uninstalled', 'permissions revoked', 'deauthorized'],
  },
  {
    id: 'signal-account-ban-scheduled',
    code: 'SCHEDULE_FOR_DISABLE',
    generation: 'cloud',
    surfaces: ['webhook'],
    title: 'Account scheduled to be disabled: a deadline, not yet a ban',
    meaning:
      'Meta scheduled the WABA to be disabled (account_update DISABLED_UPDATE, waba_ban_state SCHEDULE_FOR_DISABLE). Messages ' +
      'still go out today; on the date Meta set, every number of the account stops unless the cause is fixed or appealed.',
    steps: [
      'Read the reason in WhatsApp Manager → Account quality (Business Support Home) and stop the traffic behind it.',
      'Request a review there before the date; escalate now so 360dialog can follow the case with Meta in time.',
      'It clears on REINSTATE; a DISABLE state turns it into a ban.',
    ],
    escalation: { verdict: 'now', why: 'The date is a deadline: a review takes time, and 360dialog can push it with Meta.' },
    severity: 'warning',
    retry: 'no',
    related: ['signal-account-disabled', 'signal-account-violation'],
    keywords: ['schedule for disable', 'scheduled to be disabled', 'schedule_for_disable', 'ban scheduled', 'disable date'],
  },
  {
    id: 'signal-calling-violation',
    code: 'CALLING_VIOLATION',
    generation: 'cloud',
    surfaces: ['webhook'],
    title: 'Calling early warning: calls get negative feedback or go unanswered',
    meaning:
      'Meta warns that calling on the number is close to being restricted (account_update ACCOUNT_VIOLATION with a calling type such ' +
      'as LOW_CALLING_QUALITY or USER_INITIATED_CALLS_LOW_PICKUP_RATE). Messages are not affected.',
    steps: [
      'Tell whoever runs calls: pick up user calls, and call only people who expect it.',
      'If the team cannot answer calls, hide the call buttons in WhatsApp Manager → Phone numbers → Calls.',
    ],
    escalation: { verdict: 'no', why: 'Calling quality follows how calls are handled; only the business can change it.' },
    severity: 'warning',
    retry: 'no',
    related: ['signal-calling-restricted'],
    keywords: ['low calling quality', 'low pickup rate', 'calling warning', 'calls not picked up', 'low_calling_quality'],
  },
  {
    id: 'signal-calling-restricted',
    code: 'CALLING_RESTRICTION',
    generation: 'cloud',
    surfaces: ['webhook'],
    title: 'Calling restricted on the number (messages still flow)',
    meaning:
      'Meta restricted calling only (account_update ACCOUNT_RESTRICTION, for example RESTRICTED_BIZ_INITIATED_AND_USER_INITIATED_CALLING ' +
      'for 7 days, or the call button hidden for low pickup rates). Messaging is not blocked.',
    steps: [
      'Tell the calling team: which restriction and until when are on the card.',
      'Fix the cause (unanswered or unwanted calls); for a hidden call button, show it again in WhatsApp Manager once fixed.',
    ],
    escalation: { verdict: 'no', why: 'A calling restriction follows user feedback and ends by itself; messages are unaffected.' },
    severity: 'warning',
    retry: 'no',
    related: ['signal-calling-violation', 'signal-account-restricted'],
    keywords: ['calling restricted', 'call button hidden', 'calling restriction', 'restricted calling'],
  },
  {
    id: 'signal-account-review-pending',
    code: 'REVIEW_PENDING',
    generation: 'cloud',
    surfaces: ['webhook'],
    title: 'Account review pending or deferred: not usable with the API yet',
    meaning:
      'Meta has not approved the WABA yet (account_review_update PENDING or DEFERRED): until it does, the account cannot be used with ' +
      'the API, so its numbers cannot send.',
    steps: [
      'Check the business verification and the account’s details in Meta Business Suite; answer any request from Meta.',
      'It clears when Meta sends APPROVED.',
    ],
    escalation: {
      verdict: 'if',
      rule: { kind: 'persists', minutes: 3 * 24 * 60 },
      when: 'If the review stays pending for more than 3 days.',
    },
    severity: 'warning',
    retry: 'later',
    related: ['signal-account-review-rejected'],
    keywords: ['account review', 'review pending', 'review deferred', 'account_review_update'],
  },
  {
    id: 'signal-account-review-rejected',
    code: 'REVIEW_REJECTED',
    generation: 'cloud',
    surfaces: ['webhook'],
    title: 'Account review rejected: the account cannot use the API',
    meaning:
      'Meta rejected the WABA in review (account_review_update REJECTED): it does not meet Meta’s policy requirements and cannot be ' +
      'used with the API.',
    steps: ['Read the decision in Meta Business Suite and fix what it names.', 'Request a new review there.'],
    escalation: { verdict: 'if', rule: { kind: 'judgement' }, when: APPEAL },
    severity: 'critical',
    retry: 'no',
    related: ['signal-account-review-pending'],
    keywords: ['account review rejected', 'waba rejected', 'review rejected'],
  },
  {
    id: 'signal-template-flagged',
    code: 'TEMPLATE_FLAGGED',
    generation: 'cloud',
    surfaces: ['webhook'],
    title: 'Template flagged: at risk of being disabled',
    meaning:
      'A template received negative feedback (message_template_status_update FLAGGED) and is at risk of being paused or disabled. ' +
      'It can still be sent.',
    steps: [
      'Cut the template’s audience to people who asked for it, and lower its volume.',
      'Reword it if it reads as unwanted; the warning clears when the template is approved or reinstated.',
    ],
    escalation: { verdict: 'no', why: 'Template quality follows recipients’ feedback.' },
    severity: 'warning',
    retry: 'no',
    related: ['signal-template-paused', 'signal-template-disabled'],
    keywords: ['template flagged', 'template at risk', 'negative feedback template'],
  },
  {
    id: 'signal-template-limit',
    code: 'LIMIT_EXCEEDED',
    generation: 'cloud',
    surfaces: ['webhook'],
    title: 'Template limit reached on the account',
    meaning: 'The WABA holds as many templates as Meta allows (message_template_status_update LIMIT_EXCEEDED): new ones cannot be created.',
    steps: ['Delete templates no longer used; the warning clears when one is deleted.'],
    escalation: { verdict: 'no', why: 'Freeing templates is up to the business.' },
    severity: 'warning',
    retry: 'no',
    keywords: ['template limit', 'limit exceeded', 'too many templates'],
  },
  {
    id: 'signal-template-recategorizing',
    code: 'RECATEGORIZING',
    generation: 'cloud',
    surfaces: ['webhook'],
    title: 'Template will be recategorized in 24 hours',
    meaning:
      'Meta will move a template to another category (template_category_update with correct_category), usually to MARKETING. From ' +
      'then on every send of it is priced as that category, and users who opted out of marketing no longer get it.',
    steps: [
      'Tell whoever owns the template: the new category and the date are on the card.',
      'Keep it as it is, or move non-marketing flows to a template that fits UTILITY or AUTHENTICATION.',
    ],
    escalation: { verdict: 'no', why: 'Categories are Meta’s decision; an appeal goes through WhatsApp Manager.' },
    severity: 'warning',
    retry: 'no',
    related: ['signal-template-recategorized'],
    keywords: ['recategorized', 'template category', 'category update', 'template_category_update', 'recategorization'],
  },
  {
    id: 'signal-template-recategorized',
    code: 'RECATEGORIZED',
    generation: 'cloud',
    surfaces: ['webhook'],
    title: 'Template recategorized: price and opt-outs changed',
    meaning:
      'Meta changed a template’s category (template_category_update previous_category → new_category). Sends of it are now priced ' +
      'as the new category; as MARKETING it no longer reaches users who opted out of marketing messages.',
    steps: ['Check the flows that use the template still make sense at the new price and reach.'],
    escalation: { verdict: 'no', why: 'Categories are Meta’s decision; an appeal goes through WhatsApp Manager.' },
    severity: 'warning',
    retry: 'no',
    related: ['signal-template-recategorizing'],
    keywords: ['template recategorized', 'category changed', 'new category'],
  },
  {
    id: 'signal-display-name-rejected',
    code: 'NAME_REJECTED',
    generation: 'cloud',
    surfaces: ['webhook'],
    title: 'Display name rejected',
    meaning: 'Meta rejected the number’s display name (phone_number_name_update REJECTED); the reason is on the card.',
    steps: ['Edit the name in WhatsApp Manager following Meta’s display name guidelines, and submit it again.'],
    escalation: { verdict: 'no', why: 'The name is the business’s to fix.' },
    severity: 'warning',
    retry: 'no',
    keywords: ['display name rejected', 'name rejected', 'phone_number_name_update', 'verified name'],
  },
  {
    id: 'signal-two-step-off',
    code: 'PIN_RESET_REQUEST',
    generation: 'cloud',
    surfaces: ['webhook'],
    title: 'Two-step verification being turned off',
    meaning:
      'Someone in Meta Business Suite asked to turn off the number’s two-step verification, or did (security PIN_RESET_REQUEST, ' +
      'PIN_REQUEST_SUCCESS). Without the PIN, whoever controls the number can register it elsewhere.',
    steps: [
      'Confirm with the account’s admins that one of them asked for it.',
      'If nobody did, remove unknown users from the business and set a new PIN; it clears on PIN_CHANGED.',
    ],
    escalation: { verdict: 'if', rule: { kind: 'judgement' }, when: 'If nobody on your side asked for it: the number may be taken over.' },
    severity: 'warning',
    retry: 'no',
    keywords: ['two-step verification', 'pin reset', 'pin_reset_request', '2fa', 'security webhook'],
  },
  {
    id: 'signal-payment-config',
    code: 'NEEDS_CONNECTING',
    generation: 'cloud',
    surfaces: ['webhook'],
    title: 'Payment configuration disconnected from its gateway',
    meaning:
      'A payment configuration used by order messages lost its payment gateway (payment_configuration_update "Needs Connecting"): ' +
      'customers cannot pay through it.',
    steps: ['Connect the configuration to the gateway again in WhatsApp Manager; it clears when it is Active.'],
    escalation: { verdict: 'no', why: 'The gateway link is the business’s to restore.' },
    severity: 'warning',
    retry: 'no',
    keywords: ['payment configuration', 'needs connecting', 'payment gateway', 'payment_configuration_update'],
  },
] as const satisfies readonly CatalogEntry[];
