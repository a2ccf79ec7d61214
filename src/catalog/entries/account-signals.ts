/**
 * Signals Meta sends before messages fail: WABA webhook fields (phone_number_quality_update,
 * account_update, account_alerts, message_template_status_update, message_template_quality_update,
 * business_capability_update; the 2026 additions are in account-signals-2026.ts) and what 360dialog's
 * Partner API lists per channel. One entry per kind
 * of signal, so /wa-error explains the warning a card shows. All text is written for this project.
 */
import type { CatalogEntry } from '../types.js';

const SUPPORT_IF_WRONG = 'Only if you believe Meta acted in error: 360dialog support relays appeals it cannot win for you.';

export const accountSignalEntries = [
  {
    id: 'signal-quality-flagged',
    code: 'FLAGGED',
    generation: 'cloud',
    surfaces: ['webhook', 'hub'],
    title: 'Quality flagged: the number gets negative feedback',
    meaning:
      'Meta flagged the number (phone_number_quality_update FLAGGED): recipients block or report it. If the quality does not recover ' +
      'within about a week, the messaging limit is lowered; while flagged, the limit cannot rise.',
    steps: [
      'Pause marketing sends to cold or old lists; keep only messages people asked for.',
      'Check which template went out most in the last 7 days, and its quality in WhatsApp Manager.',
      'Make opting out easy and honour it; fix templates that read as spam.',
      'The warning clears when Meta sends UNFLAGGED (or a GREEN rating).',
    ],
    escalation: { verdict: 'no', why: 'Quality comes from recipients’ feedback: only the sender can change it.' },
    severity: 'warning',
    retry: 'no',
    related: ['signal-limit-lowered', 'signal-quality-red', 'cloud-131048'],
    keywords: ['quality', 'quality flagged', 'flagged', 'phone_number_quality_update', 'negative feedback', 'quality rating'],
  },
  {
    id: 'signal-quality-yellow',
    code: 'YELLOW',
    generation: 'cloud',
    surfaces: ['hub'],
    title: 'Quality rating YELLOW (medium) on the number',
    meaning: 'The number’s quality rating dropped to medium. A further drop to RED flags it and can lower its messaging limit.',
    steps: [
      'Look at recent template sends: who received them, did they opt in, is the content still relevant?',
      'Slow down broadcast campaigns until the rating is GREEN again.',
    ],
    escalation: { verdict: 'no', why: 'The rating follows recipients’ feedback; 360dialog cannot change it.' },
    severity: 'warning',
    retry: 'no',
    related: ['signal-quality-red', 'signal-quality-flagged'],
    keywords: ['quality', 'yellow', 'medium quality', 'quality rating', 'current_quality_rating'],
  },
  {
    id: 'signal-quality-red',
    code: 'RED',
    generation: 'cloud',
    surfaces: ['hub'],
    title: 'Quality rating RED (low) on the number',
    meaning: 'The number’s quality rating is low: it is flagged, and unless quality recovers its messaging limit will be lowered.',
    steps: [
      'Stop marketing sends from this number now.',
      'Find the template or campaign behind the drop and fix or retire it.',
      'Watch for a DOWNGRADE of the messaging limit in the following days.',
    ],
    escalation: { verdict: 'no', why: 'Only better messages raise the rating again.' },
    severity: 'critical',
    retry: 'no',
    related: ['signal-quality-flagged', 'signal-limit-lowered'],
    keywords: ['quality', 'red', 'low quality', 'quality rating', 'current_quality_rating'],
  },
  {
    id: 'signal-limit-lowered',
    code: 'DOWNGRADE',
    generation: 'cloud',
    surfaces: ['webhook', 'hub'],
    title: 'Messaging limit lowered',
    meaning:
      'Meta lowered how many customers the business can start conversations with per day (phone_number_quality_update DOWNGRADE, ' +
      'or a lower max_daily_conversations_per_business). Since October 2025 the limit belongs to the business portfolio, so every ' +
      'number of the business shares it. Sends beyond it fail with 131048-style spam-rate errors.',
    steps: [
      'Tell whoever schedules campaigns: the new daily limit is on the card.',
      'Spread large sends over several days; prioritise service and utility messages.',
      'Improve quality: the limit rises again (UPGRADE) when quality stays high.',
    ],
    escalation: { verdict: 'no', why: 'Limits are Meta’s decision based on quality and volume; support cannot raise them.' },
    severity: 'warning',
    retry: 'later',
    related: ['signal-quality-flagged', 'cloud-131048'],
    keywords: ['limit', 'messaging limit', 'downgrade', 'tier', 'current_limit', 'max_daily_conversations_per_business', 'limit lowered'],
  },
  {
    id: 'signal-template-paused',
    code: 'PAUSED',
    generation: 'cloud',
    surfaces: ['webhook'],
    title: 'Template paused for low quality',
    meaning:
      'Meta paused a template (message_template_status_update PAUSED) after recipients reacted badly to it: sends using it fail ' +
      '(132015) until the pause lifts, 3 hours the first time, 6 hours the second; a third time disables it.',
    steps: [
      'Switch campaigns to another approved template for now.',
      'Read the reason on the card, then edit the template’s content or audience before it is used again.',
      'The warning clears when the template is approved or reinstated again.',
    ],
    escalation: { verdict: 'no', why: 'Pausing follows recipients’ feedback; the fix is the template.' },
    severity: 'warning',
    retry: 'later',
    related: ['signal-template-disabled', 'signal-template-quality-red'],
    keywords: ['template', 'template paused', 'paused', 'pause', 'message_template_status_update', '132015'],
  },
  {
    id: 'signal-template-disabled',
    code: 'DISABLED',
    generation: 'cloud',
    surfaces: ['webhook'],
    title: 'Template disabled',
    meaning:
      'Meta disabled a template (message_template_status_update DISABLED), usually after repeated pauses for low quality. It can no ' +
      'longer be sent (132016); it will not come back by itself.',
    steps: [
      'Move every flow that uses the template to another one today.',
      'Create a new, reworded template for the same purpose and submit it for review.',
    ],
    escalation: { verdict: 'if', rule: { kind: 'judgement' }, when: SUPPORT_IF_WRONG },
    severity: 'critical',
    retry: 'no',
    related: ['signal-template-paused'],
    keywords: ['template', 'template disabled', 'disabled', 'message_template_status_update', '132016'],
  },
  {
    id: 'signal-template-rejected',
    code: 'REJECTED',
    generation: 'cloud',
    surfaces: ['webhook'],
    title: 'Template rejected',
    meaning: 'Meta’s review rejected a template (message_template_status_update REJECTED); the reason is on the card.',
    steps: ['Read the rejection reason.', 'Edit the template to follow Meta’s template guidelines and submit it again.'],
    escalation: { verdict: 'if', rule: { kind: 'judgement' }, when: SUPPORT_IF_WRONG },
    severity: 'warning',
    retry: 'no',
    related: ['signal-template-paused'],
    keywords: ['template', 'template rejected', 'rejected', 'review', 'message_template_status_update'],
  },
  {
    id: 'signal-template-quality-yellow',
    code: 'TEMPLATE_YELLOW',
    generation: 'cloud',
    surfaces: ['webhook'],
    title: 'Template quality YELLOW (medium)',
    meaning: 'A template’s quality score dropped to medium (message_template_quality_update): one step before a pause.',
    steps: ['Check who the template goes to and whether they asked for it.', 'Reduce its volume until the score is GREEN again.'],
    escalation: { verdict: 'no', why: 'Template quality follows recipients’ feedback.' },
    severity: 'warning',
    retry: 'no',
    related: ['signal-template-quality-red', 'signal-template-paused'],
    keywords: ['template', 'template quality', 'yellow', 'message_template_quality_update', 'quality score'],
  },
  {
    id: 'signal-template-quality-red',
    code: 'TEMPLATE_RED',
    generation: 'cloud',
    surfaces: ['webhook'],
    title: 'Template quality RED (low)',
    meaning: 'A template’s quality score is low (message_template_quality_update RED): Meta is likely to pause it next.',
    steps: ['Stop sending this template to broad audiences now.', 'Rework its content, or replace it with a new template.'],
    escalation: { verdict: 'no', why: 'Template quality follows recipients’ feedback.' },
    severity: 'critical',
    retry: 'no',
    related: ['signal-template-paused', 'signal-template-quality-yellow'],
    keywords: ['template', 'template quality', 'red', 'message_template_quality_update', 'quality score'],
  },
  {
    id: 'signal-account-violation',
    code: 'ACCOUNT_VIOLATION',
    generation: 'cloud',
    surfaces: ['webhook', 'hub'],
    title: 'Policy violation on the WhatsApp Business Account',
    meaning:
      'Meta recorded a policy violation on the WABA (account_update ACCOUNT_VIOLATION; the violation type is on the card). ' +
      'Repeated violations lead to restrictions and a ban.',
    steps: [
      'Read the violation in WhatsApp Manager → Account quality.',
      'Stop the traffic that caused it; you can request a review there if you disagree.',
      'It clears when Meta reinstates the WABA, or when the Partner API lists the account as approved again.',
    ],
    escalation: { verdict: 'if', rule: { kind: 'judgement' }, when: SUPPORT_IF_WRONG },
    severity: 'critical',
    retry: 'no',
    related: ['signal-account-restricted', 'signal-account-disabled'],
    keywords: ['account', 'violation', 'policy', 'account_update', 'account violation', 'violation_info'],
  },
  {
    id: 'signal-account-restricted',
    code: 'ACCOUNT_RESTRICTION',
    generation: 'cloud',
    surfaces: ['webhook', 'hub'],
    title: 'Account restricted: some messaging is blocked',
    meaning:
      'Meta restricted messaging on the WABA (account_update ACCOUNT_RESTRICTION with a messaging type such as ' +
      'RESTRICTED_BIZ_INITIATED_MESSAGING or RESTRICTED_CUSTOMER_INITIATED_MESSAGING) until the date on the card. Messages of the ' +
      'restricted kind fail meanwhile. Each restriction type is its own line on the card; calling-only restrictions are a ' +
      'separate, milder warning.',
    steps: [
      'Tell the teams that send: which messages are blocked and until when (on the card).',
      'Read the reason in WhatsApp Manager → Account quality, and request a review if it is wrong.',
      'It clears when Meta reinstates the WABA, or when the Partner API lists the account as approved again.',
    ],
    escalation: {
      verdict: 'now',
      why: 'Restrictions stop customer messages; 360dialog can check the case with Meta and speed up a review.',
    },
    severity: 'critical',
    retry: 'no',
    opensAtOnce: true,
    related: ['signal-account-violation', 'signal-account-disabled'],
    keywords: ['account', 'restricted', 'restriction', 'account_update', 'restriction_info', 'account restricted'],
  },
  {
    id: 'signal-account-disabled',
    code: 'DISABLED_UPDATE',
    generation: 'cloud',
    surfaces: ['webhook', 'hub'],
    title: 'Account banned (disabled)',
    meaning:
      'Meta disabled the WABA (account_update DISABLED_UPDATE, ban_info waba_ban_state DISABLE): none of its numbers can send. ' +
      'A REINSTATE state lifts it. A ban only scheduled (SCHEDULE_FOR_DISABLE) is a separate warning with a deadline.',
    steps: [
      'Escalate now: note the ban state and date on the card.',
      'Request a review in WhatsApp Manager; collect what changed in your sending before the ban.',
    ],
    escalation: {
      verdict: 'now',
      why: 'A ban stops every number of the account; only an appeal through Meta, helped by 360dialog, lifts it.',
    },
    severity: 'critical',
    retry: 'no',
    opensAtOnce: true,
    related: ['signal-account-violation', 'signal-account-offboarded'],
    keywords: ['account', 'banned', 'ban', 'disabled', 'account_update', 'ban_info', 'account disabled', 'suspended'],
  },
  {
    id: 'signal-account-offboarded',
    code: 'ACCOUNT_OFFBOARDED',
    generation: 'cloud',
    surfaces: ['webhook', 'hub'],
    title: 'Account deleted, offboarded or the partner removed',
    meaning:
      'The WABA was deleted, offboarded, or 360dialog lost access to it (account_update ACCOUNT_DELETED, ACCOUNT_OFFBOARDED or ' +
      'PARTNER_REMOVED; who started it, the business or the partner, is on the card when Meta says). Messages through 360dialog ' +
      'stop working. ACCOUNT_RECONNECTED or PARTNER_ADDED clears it.',
    steps: [
      'Check with the business owner whether this was intended (a move to another provider).',
      'If not, escalate now: 360dialog needs to be re-added as a partner on the WABA.',
    ],
    escalation: { verdict: 'now', why: 'Only 360dialog can confirm and restore its access to the account.' },
    severity: 'critical',
    retry: 'no',
    opensAtOnce: true,
    related: ['signal-account-disabled'],
    keywords: ['account', 'offboarded', 'deleted', 'partner removed', 'account_update', 'bsp_removed'],
  },
  {
    id: 'signal-account-alert',
    code: 'ACCOUNT_ALERT',
    generation: 'cloud',
    surfaces: ['webhook'],
    title: 'Account alert from Meta',
    meaning:
      'Meta raised an alert on the account (account_alerts), for example a messaging-limit increase denied, an official business ' +
      'account decision or a removed profile photo. The alert type and text are on the card.',
    steps: ['Read the alert in WhatsApp Manager and act on what it asks.'],
    escalation: { verdict: 'if', rule: { kind: 'judgement' }, when: 'If the alert asks for something only 360dialog can do.' },
    severity: 'warning',
    retry: 'no',
    keywords: ['account', 'alert', 'account_alerts', 'account alert'],
  },
  {
    id: 'signal-partner-status',
    code: 'PARTNER_STATUS',
    generation: '360dialog',
    surfaces: ['hub'],
    title: 'Number status changed in the 360dialog Partner API',
    meaning:
      'The Partner API lists the number in a state other than a working one (for example error, or a WABA status of restriction or ' +
      'ban). The status it moved to is on the card.',
    steps: ['Open the number in the 360dialog Partner Hub and read its status.', 'Unknown states: check the Hub before acting.'],
    escalation: {
      verdict: 'if',
      rule: { kind: 'persists', minutes: 30 },
      when: 'If the number stays out of a working state for more than 30 minutes.',
    },
    severity: 'warning',
    retry: 'no',
    keywords: ['partner status', 'partner api', 'partner hub', 'status changed'],
  },
] as const satisfies readonly CatalogEntry[];
