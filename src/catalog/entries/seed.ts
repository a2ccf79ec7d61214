/**
 * Rows of the original 360dialog "Error Messages" page (On-Premise era), one entry per row,
 * plus the 360dialog "lack of payment" 400 and the extra Meta On-Premise codes that have a
 * Cloud API counterpart. All text is written for this project.
 *
 * On-Premise ⇄ Cloud links are all `similar`, never `equivalents`: no source found (Meta's On-Premise
 * sunset and migration notes, 360dialog's OnPrem -> CloudAPI migration page, Twilio's mapping of
 * WhatsApp codes, SDK code tables such as great-detail/WhatsApp-Nodejs-SDK src/Error.ts) states that
 * an On-Premise code and a Cloud code are the same condition. Most pairs carry the same or a close
 * title on Meta's two error pages (470 and 131047 "Re-engagement message"), which is why they are
 * linked at all. 1016 (webhook backlog) is deliberately not linked to 131016 (Meta outage).
 */
import type { CatalogEntry } from '../types.js';

// The source table lists 1016 twice (API and webhook errors) with the same cause and fix.
const WEBHOOK_BACKLOG = {
  steps: [
    'Check the webhook URL is set for the number (GET /v1/configs/webhook) and reachable from the internet.',
    'Make the endpoint return 200 at once for every request and do the processing afterwards (queue it internally).',
    'Search your webhook logs for non-200 answers, timeouts and responses slower than 1 second; aim for a median under 250 ms.',
    'Size the endpoint for about 3 times your outgoing message rate plus the inbound rate, then watch the errors stop as the queue drains.',
  ],
  escalation: { verdict: 'no', why: 'The backlog comes from your webhook not answering 200, and fixing the endpoint clears it.' },
} as const;

export const seedEntries = [
  // ---------------------------------------------------------------- API errors (seed 'api')
  {
    id: '360dialog-403',
    code: '403',
    generation: '360dialog',
    surfaces: ['api-response', 'health-check'],
    httpStatus: 403,
    title: 'Endpoint blocked: this URL is blocked by 360dialog',
    meaning:
      "360dialog's gateway refused the call because the endpoint (URL) you requested is blocked for your account. It is a " +
      "360dialog-side block, not a WhatsApp error; newer responses word it as 'The endpoint is blocked'.",
    steps: [
      'Copy the exact method and URL path from the failed request and the response body.',
      'Confirm the host and path are the ones you meant: Cloud API calls go to https://waba-v2.360dialog.io, and an old On-Premise path ' +
        'or a typo can land on a blocked route.',
      'If the call is valid and you really need that endpoint, open a ticket in the 360dialog Hub support chat with the URL, method, ' +
        'response body, time of the call and what you use the endpoint for.',
    ],
    escalation: {
      verdict: 'now',
      why: 'Only 360dialog support can unblock an endpoint, so contact them if you need that endpoint.',
    },
    severity: 'warning',
    retry: 'no',
    opensAtOnce: true,
    related: ['cloud-368', 'cloud-130497', 'cloud-131031'],
    keywords: ['blocked', 'blacklisted', 'endpoint', 'url', 'forbidden', 'access denied'],
    seed: 'api',
  },
  {
    id: '360dialog-401',
    common: true,
    code: '401',
    generation: '360dialog',
    surfaces: ['api-response', 'health-check'],
    httpStatus: 401,
    title: 'Invalid API key',
    meaning:
      '360dialog rejected the request because the D360-API-KEY header is missing, wrong, or belongs to another number. Keys issued ' +
      'before a move from On-Premise to Cloud API stop working on Cloud; the legacy error body may even show httpCode 404 inside the ' +
      '401 response.',
    steps: [
      'Check that the request sends the key in the D360-API-KEY header (not Authorization) and that it is the key of this exact phone ' +
        'number.',
      'Check the host: a Cloud API key only works on https://waba-v2.360dialog.io, and keys created before a migration to Cloud are no ' +
        'longer valid.',
      'Test the key alone with a GET on the health status endpoint of waba-v2.360dialog.io; a 401 there confirms the key itself is ' +
        'rejected.',
      'If the key is still refused, generate a new one for the number in the 360dialog Hub. This revokes every older key of the number, ' +
        'so update all services that use it and set the webhook again with the new key.',
      'If the new key is also rejected, contact support with the number, channel id, timestamps and the response body.',
    ],
    escalation: {
      verdict: 'if',
      rule: { kind: 'after-new-key' },
      when: 'if requests still fail with 401 after you generated a new key (a new key revokes all older keys of the number)',
    },
    severity: 'critical',
    retry: 'no',
    opensAtOnce: true,
    related: ['cloud-190'],
    keywords: ['api key', 'token', 'auth', 'authentication', 'unauthorized', 'd360-api-key', 'invalid key', 'expired key'],
    seed: 'api',
  },
  {
    id: '360dialog-400-disabled',
    code: '400',
    generation: '360dialog',
    surfaces: ['api-response', 'health-check'],
    httpStatus: 400,
    title: 'WhatsApp Business API has been disabled for this number',
    meaning:
      '360dialog has switched the API off for this number, so every request is refused. Common reasons are a cancelled subscription or ' +
      'unpaid invoices, but there are others.',
    steps: [
      'Stop automatic retries: nothing gets through until the number is enabled again.',
      'In the 360dialog Hub, check whether the number or its plan was cancelled or terminated.',
      'Ask whoever owns the 360dialog account (or finance) whether a cancellation was requested or invoices are open.',
      'If neither explains it, contact support with the number, channel id, the time of the first failure and the full response body.',
    ],
    escalation: {
      verdict: 'if',
      rule: { kind: 'judgement' },
      when: 'if the number was disabled by mistake, that is no cancellation or unpaid invoice explains it',
    },
    severity: 'critical',
    retry: 'no',
    opensAtOnce: true,
    related: ['360dialog-400-payment'],
    keywords: ['disabled', 'deactivated', 'cancelled', 'cancellation', 'suspended', 'payment', 'billing'],
    messageHints: ['disabled'],
    seed: 'api',
  },
  {
    id: '360dialog-400-call-limit',
    code: '400',
    generation: '360dialog',
    surfaces: ['api-response', 'health-check'],
    httpStatus: 400,
    title: 'Endpoint call limit exceeded',
    meaning:
      "360dialog's own per-endpoint throttle: one endpoint was called too often in a short time. The message states the allowed pace " +
      '(one request every N seconds) or, in newer wording, that the endpoint rate limit was exceeded; the exact limits are not ' +
      'published.',
    steps: [
      'Find the caller: look in your logs for the service and endpoint path sending the burst; a retry loop without delay is the usual ' +
        'cause.',
      'Pause or slow that job, then retry with exponential backoff and a cap on parallel requests.',
      'Poll read-only endpoints such as health no more often than needed (the old On-Premise health result was cached for 5 minutes ' +
        'anyway).',
      'If calls still fail 30 minutes after you backed off, contact support with the endpoint, your call rate and sample timestamps.',
    ],
    escalation: {
      verdict: 'if',
      rule: { kind: 'persists', minutes: 30 },
      when: 'if it still happens 30 minutes after you slowed down and backed off',
    },
    severity: 'warning',
    retry: 'backoff',
    related: ['cloud-80007', 'cloud-4', 'cloud-130429'],
    keywords: ['rate limit', 'throttle', 'throttling', 'too many requests', 'call limit', 'backoff', 'try again later'],
    messageHints: ['limit', 'exceeded', 'try again later'],
    seed: 'api',
  },
  {
    id: '360dialog-500',
    common: true,
    code: '500',
    generation: '360dialog',
    surfaces: ['api-response', 'health-check'],
    httpStatus: 500,
    title: 'Internal server error',
    meaning:
      'The request failed inside the 360dialog stack. A malformed request can cause it, and so can a short restart (regular accounts ' +
      'could restart about once a day for up to 10 minutes); newer 360dialog docs only say it has various causes.',
    steps: [
      'Check the request body against the API reference (valid JSON, required fields, recipient number format) and send one known-good ' +
        'message to compare.',
      'Look at status.360dialog.com and the Meta WhatsApp Business API status page for an ongoing incident.',
      'Retry with backoff and note the first and last failure times.',
      'If it keeps failing for more than 10 minutes, contact support with the number, the timestamps and an example request and response.',
    ],
    escalation: {
      verdict: 'if',
      rule: { kind: 'persists', minutes: 10 },
      when: 'if it keeps failing for more than 10 minutes',
    },
    severity: 'warning',
    retry: 'backoff',
    related: ['cloud-131000', 'cloud-1', 'cloud-2'],
    keywords: ['server error', 'internal error', 'restart', 'outage', '5xx'],
    seed: 'api',
  },
  {
    id: '360dialog-502',
    code: '502',
    generation: '360dialog',
    surfaces: ['api-response', 'health-check'],
    httpStatus: 502,
    title: 'WhatsApp Business API not available',
    meaning:
      '360dialog has no running WhatsApp integration for this number: either the integration does not exist in its system or the ' +
      'WhatsApp stack behind it is not running. Nothing you send gets through until 360dialog fixes it.',
    steps: [
      'Confirm the key and host belong to a live number; an old key of a migrated or sandbox number can point at a stack that no longer ' +
        'exists.',
      'Check status.360dialog.com for an ongoing incident.',
      'Contact support straight away with the number, channel id, first-failure time, the response body and the health check answer.',
    ],
    escalation: {
      verdict: 'now',
      why: 'Only 360dialog can create or restart the integration behind the number.',
    },
    severity: 'critical',
    retry: 'later',
    opensAtOnce: true,
    keywords: ['not available', 'bad gateway', 'down', 'outage', 'integration', 'stack not running'],
    seed: 'api',
  },
  {
    id: '360dialog-555',
    common: true,
    code: '555',
    generation: '360dialog',
    surfaces: ['api-response', 'health-check'],
    httpStatus: 555,
    title: 'Internal server error (server restart)',
    meaning:
      "360dialog's default On-Premise servers restart several times a day and answer with this non-standard 555 (sometimes a plain HTML " +
      '503 page) while they do. It is an On-Premise hosting artefact with no Cloud API equivalent; On-Premise was retired in October ' +
      '2025.',
    steps: [
      'Retry after a short backoff; a restart normally clears within minutes.',
      'Log every 555 with its timestamp and the number so you can count them per day.',
      'If it happens more than 3 times in 24 hours, contact support with the list of timestamps and the number.',
      'If the number still talks to waba.360dialog.io (On-Premise), plan its move to the Cloud API.',
    ],
    escalation: {
      verdict: 'if',
      rule: { kind: 'repeats', moreThan: 3, withinHours: 24 },
      when: 'if it happens more than 3 times in 24 hours',
    },
    severity: 'warning',
    retry: 'backoff',
    keywords: ['restart', 'server restart', '503', 'on-premise', 'internal error'],
    seed: 'api',
  },
  {
    id: 'onprem-1014',
    common: true,
    code: '1014',
    generation: 'onprem',
    surfaces: ['api-response', 'health-check'],
    title: 'Connection timed out: wacore is not running (number offline)',
    meaning:
      'The On-Premise web app could not reach the Coreapp (wacore), so the number was offline and the message was not sent; causes ' +
      'include a server restart or enforcement of the WhatsApp terms of service. There is no exact Cloud code: short outages show as ' +
      '131000 or 131016, and a Cloud number that stays offline shows up as health status BLOCKED or as 133010.',
    steps: [
      'Run the health check for the number and save the answer (On-Premise: gateway status on /v1/health; Cloud: the health status ' +
        'endpoint).',
      'Retry with backoff; after a restart the number usually reconnects within 5 to 10 minutes.',
      'Check WhatsApp Manager for policy or terms-of-service notices on the number.',
      'If it has not reconnected after 10 minutes, contact support with the health answer, the first-failure time and sample message ids.',
    ],
    escalation: {
      verdict: 'if',
      rule: { kind: 'persists', minutes: 10 },
      when: 'if the number has not reconnected within 10 minutes',
    },
    severity: 'critical',
    retry: 'backoff',
    related: ['cloud-131000', 'cloud-131016'],
    keywords: ['wacore', 'coreapp', 'offline', 'timeout', 'timed out', 'disconnected', 'connection'],
    seed: 'api',
  },
  {
    id: 'onprem-1016-api',
    code: '1016',
    generation: 'onprem',
    surfaces: ['api-response'],
    title: 'System overloaded (webhook backlog)',
    meaning:
      'Almost always your webhook is not answering with HTTP 200, so callbacks pile up in the database; at about 100,000 queued ' +
      'callbacks the system is overloaded and sending fails. On-Premise was retired in October 2025. A webhook backlog has no Cloud ' +
      'API code, because Cloud webhooks are retried for up to 7 days; do not confuse it with 131016, which is a Meta service outage.',
    steps: WEBHOOK_BACKLOG.steps,
    escalation: WEBHOOK_BACKLOG.escalation,
    severity: 'critical',
    retry: 'later',
    related: ['cloud-131016'],
    keywords: ['webhook', 'overloaded', 'queue', 'backlog', 'callback', 'status 200', 'slow webhook'],
    seed: 'api',
  },
  {
    id: 'onprem-2001',
    common: true,
    code: '2001',
    generation: 'onprem',
    surfaces: ['api-response'],
    title: 'Template name does not exist in the translation',
    meaning:
      'The template you sent is not in WhatsApp Manager under that name and language, or it is not approved for use. On-Premise was ' +
      'retired in October 2025; on the Cloud API look for 132001 (similar; no source maps one to the other).',
    steps: [
      'In WhatsApp Manager, open Account tools, then Message templates, and search for the template name.',
      'Check that it is Approved (not pending, rejected, paused or disabled) in the exact language code your request uses.',
      'Compare spelling in your request with the template list: names are lower case with no spaces, and each language variant is ' +
        'separate.',
      'If it is missing or rejected, create or edit it, wait for approval, then resend.',
    ],
    escalation: {
      verdict: 'no',
      why: 'Templates live in your own WhatsApp Manager and 360dialog cannot create or approve them for you.',
    },
    severity: 'warning',
    retry: 'no',
    similar: ['cloud-132001'],
    keywords: ['template', 'template missing', 'translation', 'language', 'not approved', 'message template'],
    seed: 'api',
  },

  // ------------------------------------------------------------ webhook errors (seed 'webhook')
  {
    id: 'onprem-402',
    common: true,
    code: '402',
    generation: 'onprem',
    surfaces: ['webhook'],
    title: 'Message not sent: problem with the payment method',
    meaning:
      'The message failed because of one or more errors with the payment method of the account; at 360dialog this usually means the ' +
      'credit line on the WhatsApp Business Account is used up. On-Premise was retired in October 2025; on the Cloud API look for 131042 ' +
      '(similar; no source maps one to the other), and for 141006 on the WABA in the health check.',
    steps: [
      'Contact 360dialog support now and ask them to extend the credit line on the WABA; give the WABA id, number, sample message ids ' +
        'and timestamps.',
      'Pause bulk or campaign sends until billing is fixed, since business-initiated messages will keep failing.',
      'Check with the account owner whether a card or invoice payment failed recently.',
    ],
    escalation: {
      verdict: 'now',
      why: 'The credit line on the WABA is managed by 360dialog, so only support can extend it.',
    },
    severity: 'critical',
    retry: 'later',
    opensAtOnce: true,
    similar: ['cloud-131042', 'health-141006'],
    keywords: ['payment', 'billing', 'credit line', 'payment method', 'card', 'invoice'],
    seed: 'webhook',
  },
  {
    id: 'onprem-429',
    common: true,
    code: '429',
    generation: 'onprem',
    surfaces: ['webhook'],
    title: 'Rate limit hit',
    meaning:
      'For outgoing messages: this number sent too many messages in a short time. For incoming messages: media could not be downloaded ' +
      'because of rate limiting. On-Premise was retired in October 2025; on the Cloud API look for 130429 (number ' +
      'throughput) or 131056 (too many messages to the same user), similar codes that no source maps to 429.',
    steps: [
      'Outgoing: resend the failed messages with backoff and spread bulk sends through a queue with a per-number send rate.',
      'Check whether one recipient gets many messages in a row; slow down messages to that user.',
      'Incoming media: ask the sender to send the file again.',
    ],
    escalation: {
      verdict: 'no',
      why: 'It is a WhatsApp throughput limit, and slowing down and resending fixes it.',
    },
    severity: 'warning',
    retry: 'backoff',
    similar: ['cloud-130429', 'cloud-131056'],
    keywords: ['rate limit', 'throughput', 'too many messages', 'throttle', 'media', 'download'],
    seed: 'webhook',
  },
  {
    id: 'onprem-470',
    common: true,
    code: '470',
    generation: 'onprem',
    surfaces: ['webhook'],
    title: 'Re-engagement message: the 24-hour window is closed',
    meaning:
      'More than 24 hours have passed since the customer last wrote to this number, so a free-form message is not allowed. This is ' +
      'normal in small numbers. On-Premise was retired in October 2025; on the Cloud API look for 131047 ' +
      '(similar; no source maps one to the other).',
    steps: [
      'Send an approved message template instead of a free-form message to reopen the conversation.',
      "Make your sender check the time of the customer's last inbound message before sending free-form text.",
      'If many messages fail this way, fix the flow that sends session messages after the window closed.',
    ],
    escalation: {
      verdict: 'no',
      why: 'This is a WhatsApp policy rule; using a template fixes it.',
    },
    severity: 'info',
    retry: 'no',
    similar: ['cloud-131047'],
    keywords: ['24 hours', 'window', 'customer service window', 'session', 're-engagement', 'template'],
    seed: 'webhook',
  },
  {
    id: 'onprem-471',
    common: true,
    code: '471',
    generation: 'onprem',
    surfaces: ['webhook'],
    title: 'Spam rate limit hit',
    meaning:
      'WhatsApp restricted how many messages this number may send because too many earlier messages were blocked or reported as spam by ' +
      'recipients. On-Premise was retired in October 2025; on the Cloud API look for 131048 (similar; no source maps one to the other).',
    steps: [
      'Cut the sending volume now, above all marketing and cold outreach.',
      'In WhatsApp Manager, open Account tools, then Phone numbers, and check the quality rating and messaging limit of the number.',
      'Review recent templates and audiences: message only opted-in users and make opting out easy.',
      'If the number is still restricted a day after you reduced volume, contact support with the number, its quality rating and sample ' +
        'timestamps.',
    ],
    escalation: {
      verdict: 'if',
      rule: { kind: 'persists', minutes: 1440 },
      when: 'if the number is still restricted a day after you reduced the volume',
    },
    severity: 'warning',
    retry: 'later',
    similar: ['cloud-131048'],
    keywords: ['spam', 'quality', 'quality rating', 'blocked', 'reported', 'rate limit', 'messaging limit'],
    seed: 'webhook',
  },
  {
    id: 'onprem-1011',
    code: '1011',
    generation: 'onprem',
    surfaces: ['webhook'],
    title: 'Chat application is not initialized (number no longer registered)',
    meaning:
      'The number you send from is no longer registered for the WhatsApp API, for example after a breach of the WhatsApp terms of ' +
      'service. On-Premise was retired in October 2025; the closest Cloud code is 133010 (phone number not registered), though no ' +
      'source confirms they are the same.',
    steps: [
      'Run the health check and save the answer (On-Premise gateway status unregistered; on Cloud the health status of the number).',
      'Contact support now with the number, the health answer and the first-failure time.',
      'Check WhatsApp Manager for policy or account-quality notices on the number.',
      'If you hold the two-step verification PIN, try re-registering the number, but only a few times, as registration attempts are ' +
        'rate limited.',
    ],
    escalation: {
      verdict: 'now',
      why:
        'Re-registering the number normally needs 360dialog, and an unexpected deregistration can be a policy action only they can ' +
        'look into.',
    },
    severity: 'critical',
    retry: 'no',
    opensAtOnce: true,
    similar: ['cloud-133010'],
    keywords: ['registration', 'unregistered', 'not registered', 're-register', 'pin', 'not initialized', 'service not ready'],
    seed: 'webhook',
  },
  {
    id: 'onprem-1016-webhook',
    common: true,
    code: '1016',
    generation: 'onprem',
    surfaces: ['webhook'],
    title: 'System overloaded (webhook backlog)',
    meaning:
      'Your webhook is not answering with HTTP 200, so callbacks pile up in the database until the queue reaches about 100,000 and the ' +
      'system is overloaded. On-Premise was retired in October 2025. A webhook backlog has no Cloud API code, because Cloud webhooks ' +
      'are retried for up to 7 days; do not confuse it with 131016, which is a Meta service outage.',
    steps: WEBHOOK_BACKLOG.steps,
    escalation: WEBHOOK_BACKLOG.escalation,
    severity: 'critical',
    retry: 'later',
    related: ['cloud-131016'],
    keywords: ['webhook', 'overloaded', 'queue', 'backlog', 'callback', 'status 200', 'slow webhook'],
    seed: 'webhook',
  },

  // --------------------------------------------------------------------- Hub errors (seed 'hub')
  {
    id: '360dialog-1005',
    code: '1005',
    generation: '360dialog',
    surfaces: ['hub'],
    title: 'Registration failed: number still has a WhatsApp app account (biz link info)',
    meaning:
      'Registering the number for the API failed with unknown error biz link info invalid payload, because an account for the number on ' +
      'the WhatsApp or WhatsApp Business app was not fully deleted. There is no Cloud API error code for it: it is an onboarding ' +
      'problem, and Coexistence onboarding is the way to keep using the Business app.',
    steps: [
      'On the phone that uses the number, open WhatsApp or WhatsApp Business, go to Settings, Account, Delete my account and confirm; ' +
        'uninstalling the app is not enough.',
      'Wait a few minutes, then retry the registration in the 360dialog Hub.',
      'If the business wants to keep the WhatsApp Business app next to the API, onboard the number through Coexistence instead of ' +
        'deleting the account.',
    ],
    escalation: {
      verdict: 'no',
      why: 'The leftover app account has to be deleted on the phone, which only the owner of the number can do.',
    },
    severity: 'warning',
    retry: 'later',
    keywords: [
      'registration',
      'onboarding',
      'whatsapp business app',
      'delete account',
      'coexistence',
      'embedded signup',
      'biz link info invalid payload',
    ],
    messageHints: ['biz_link_info', 'biz link info', 'invalid payload', 'registration'],
    seed: 'hub',
  },

  // --------------------------------------------------------- not in the source table (no seed)
  {
    id: '360dialog-400-payment',
    code: '400',
    generation: '360dialog',
    surfaces: ['api-response', 'health-check'],
    httpStatus: 400,
    title: 'Sending stopped: overdue invoices (lack of payment)',
    meaning:
      '360dialog has stopped messages from this number because invoices owed to 360dialog are overdue. This is 360dialog billing, not a ' +
      'Meta payment problem.',
    steps: [
      'Ask the account owner or finance to check open invoices in the billing section of the 360dialog Hub.',
      'Contact support to settle the invoices and get sending enabled again; give the number, client or channel id and the response body.',
      'Once payment is confirmed, send one test message and run the health check.',
    ],
    escalation: {
      verdict: 'now',
      why: 'Only 360dialog can confirm the payment and lift the block, so settle the invoices through support.',
    },
    severity: 'critical',
    retry: 'no',
    opensAtOnce: true,
    related: ['cloud-131042'],
    keywords: ['payment', 'billing', 'invoice', 'overdue', 'unpaid', 'lack of payment'],
    messageHints: ['payment', 'invoice', 'overdue'],
  },
  {
    id: 'onprem-410',
    code: '410',
    generation: 'onprem',
    surfaces: ['webhook'],
    title: 'Message expired',
    meaning:
      'The message was not delivered before its time-to-live ran out, often because the recipient phone was offline. On-Premise was ' +
      'retired in October 2025; Cloud code 131043 (message expired) looks the same, though no source confirms it.',
    steps: [
      'Decide whether the content is still useful; if so, send it again (a template if the 24-hour window has closed).',
      'If many messages expire, check whether they were queued long on your side before being sent.',
    ],
    escalation: { verdict: 'no', why: 'An expired message is a normal delivery outcome, not a platform fault.' },
    severity: 'info',
    retry: 'no',
    similar: ['cloud-131043'],
    keywords: ['expired', 'ttl', 'time to live', 'undelivered'],
  },
  {
    id: 'onprem-472',
    code: '472',
    generation: 'onprem',
    surfaces: ['webhook'],
    title: "User's number is part of an experiment",
    meaning:
      'The message was not sent because the recipient is part of a Meta experiment on marketing messages. On-Premise was retired in ' +
      'October 2025; on the Cloud API look for 130472 (similar; no source maps one to the other).',
    steps: [
      'Do not resend straight away; treat the message as not delivered.',
      'Reach the user through another channel if the content matters, or try again much later.',
    ],
    escalation: { verdict: 'no', why: 'Meta decides who is in the experiment and neither you nor 360dialog can change it.' },
    severity: 'info',
    retry: 'no',
    similar: ['cloud-130472'],
    keywords: ['experiment', 'marketing', 'not delivered'],
  },
  {
    id: 'onprem-501',
    code: '501',
    generation: 'onprem',
    surfaces: ['webhook', 'api-response'],
    title: 'Unsupported message type',
    meaning:
      'The message type is not supported, either in a request you sent or in a message a user sent you. On-Premise was retired in ' +
      'October 2025; on the Cloud API look for 131051 (similar; no source maps one to the other).',
    steps: [
      'For outgoing messages, compare the type field in your request with the types the API supports and fix it.',
      'For incoming messages, ask the user to send the content in another form (text, image, document).',
    ],
    escalation: { verdict: 'no', why: 'It is a message-format issue that you fix in the request or with the user.' },
    severity: 'info',
    retry: 'no',
    similar: ['cloud-131051'],
    keywords: ['unsupported', 'message type', 'format'],
  },
  {
    id: 'onprem-1000',
    code: '1000',
    generation: 'onprem',
    surfaces: ['api-response', 'webhook'],
    title: 'Generic error',
    meaning:
      'The On-Premise client reported an error without a specific cause. On-Premise was retired in October 2025; on the Cloud API look ' +
      'for 131000 (similar; no source maps one to the other).',
    steps: [
      'Retry with backoff and note the first and last failure times.',
      'Check status.360dialog.com and the Meta WhatsApp Business API status page.',
      'If it lasts more than 30 minutes, contact support with the number, timestamps, message ids and the full error body.',
    ],
    escalation: {
      verdict: 'if',
      rule: { kind: 'persists', minutes: 30 },
      when: 'if it keeps happening for more than 30 minutes',
    },
    severity: 'warning',
    retry: 'backoff',
    similar: ['cloud-131000'],
    keywords: ['generic', 'unknown error', 'something went wrong'],
  },
  {
    id: 'onprem-1005',
    code: '1005',
    generation: 'onprem',
    surfaces: ['api-response'],
    title: 'Access denied',
    meaning:
      "Meta's On-Premise client refused the request. Meta's table names the causes: the media directory is not writable (on upload), " +
      'the credentials are invalid, the certificate is wrong, or the client version expired and must be upgraded. Not the 360dialog ' +
      'Hub registration error that also uses 1005. On-Premise was retired in October 2025; 131005 on the Cloud API is similar.',
    steps: [
      'Note which request failed and the full error body: its details say which cause it is.',
      'For uploads, check the media volume is writable; for an expired version, the client has to be upgraded.',
      'Check that the key and number used are the right pair and that the number is still active in the 360dialog Hub.',
      'Contact support with the number, the endpoint, timestamps and the error body so they can restore the permission.',
    ],
    escalation: { verdict: 'now', why: 'Permissions on the number are granted through 360dialog and Meta, not by you.' },
    severity: 'warning',
    retry: 'no',
    similar: ['cloud-131005'],
    keywords: ['access denied', 'permission', 'forbidden', 'app expired', 'media directory not writable', 'invalid credentials'],
    messageHints: ['access denied', 'not writable', 'expired', 'credentials', 'certificate'],
  },
  {
    id: 'onprem-1013',
    code: '1013',
    generation: 'onprem',
    surfaces: ['api-response', 'webhook'],
    title: 'User is not valid',
    meaning:
      'The recipient is not a valid WhatsApp user, for example the number has no WhatsApp account. On-Premise was retired in October ' +
      '2025; on the Cloud API look for 131026 (similar; no source maps one to the other).',
    steps: [
      'Check the recipient number is in full international format with country code.',
      'Confirm with the customer that they use WhatsApp on that number; otherwise use another channel.',
    ],
    escalation: { verdict: 'no', why: 'The recipient is not reachable on WhatsApp, which no support ticket can change.' },
    severity: 'info',
    retry: 'no',
    similar: ['cloud-131026'],
    keywords: ['invalid user', 'not on whatsapp', 'recipient', 'undeliverable'],
  },
  {
    id: 'onprem-1026',
    code: '1026',
    generation: 'onprem',
    surfaces: ['webhook', 'api-response'],
    title: 'Receiver incapable',
    meaning:
      'The recipient cannot receive this message, for example because their WhatsApp app is too old or they have not accepted the ' +
      'latest terms. On-Premise was retired in October 2025; on the Cloud API look for 131026 (similar; no source maps one to the other).',
    steps: [
      'Treat the message as undelivered; a few of these are normal.',
      'If it matters, reach the customer another way and ask them to update WhatsApp.',
    ],
    escalation: { verdict: 'no', why: "The problem is on the recipient's phone, not on the platform." },
    severity: 'info',
    retry: 'no',
    similar: ['cloud-131026'],
    keywords: ['receiver incapable', 'undeliverable', 'old app', 'recipient'],
  },
  {
    id: 'onprem-1031',
    code: '1031',
    generation: 'onprem',
    surfaces: ['api-response'],
    title: 'Sender account locked',
    meaning:
      'The sending account is locked, usually after a policy violation, so it cannot send messages. On-Premise was retired in October ' +
      '2025; on the Cloud API look for 131031 (similar; no source maps one to the other).',
    steps: [
      'Stop sending from the number; further attempts will fail.',
      'Check WhatsApp Manager and Meta Business Suite for policy violation notices on the account.',
      'Contact support now with the number, WABA id, timestamps and any notice text.',
    ],
    escalation: { verdict: 'now', why: 'A locked account can only be reviewed and unlocked through 360dialog and Meta.' },
    severity: 'critical',
    retry: 'no',
    similar: ['cloud-131031'],
    keywords: ['locked', 'account locked', 'policy', 'violation', 'blocked'],
  },
  {
    id: 'onprem-2000',
    code: '2000',
    generation: 'onprem',
    surfaces: ['api-response', 'webhook'],
    title: 'Template parameter count mismatch',
    meaning:
      'The number of variables you sent does not match the number of placeholders in the template. On-Premise was retired in October ' +
      '2025; on the Cloud API look for 132000 (similar; no source maps one to the other).',
    steps: [
      'In WhatsApp Manager, open Account tools, then Message templates, and count the placeholders in header, body and buttons of the ' +
        'template.',
      'Send exactly that many parameters per component in the request, then resend.',
    ],
    escalation: { verdict: 'no', why: 'The request does not fit the template, which you fix in your code.' },
    severity: 'warning',
    retry: 'no',
    similar: ['cloud-132000'],
    keywords: ['template', 'parameters', 'variables', 'placeholder', 'mismatch'],
  },
  {
    id: 'onprem-2061',
    code: '2061',
    generation: 'onprem',
    surfaces: ['api-response'],
    title: 'Template paused',
    meaning:
      'Meta paused the template because of low quality (many users blocked or reported it). On-Premise was retired in October 2025; ' +
      'on the Cloud API look for 132015 (similar; no source maps one to the other).',
    steps: [
      'In WhatsApp Manager, open Account tools, then Message templates, and check the status and quality of the template.',
      'Send another approved template meanwhile, and rework the content or audience before using it again.',
    ],
    escalation: { verdict: 'no', why: 'Template quality is judged by Meta and handled in your WhatsApp Manager.' },
    severity: 'warning',
    retry: 'no',
    similar: ['cloud-132015'],
    keywords: ['template', 'paused', 'quality', 'low quality'],
  },
  {
    id: 'onprem-2062',
    code: '2062',
    generation: 'onprem',
    surfaces: ['api-response'],
    title: 'Template disabled',
    meaning:
      'Meta disabled the template for good after repeated low quality. On-Premise was retired in October 2025; on the Cloud API look ' +
      'for 132016 (similar; no source maps one to the other).',
    steps: [
      'Switch the sending flow to another approved template.',
      'In WhatsApp Manager, open Account tools, then Message templates, and create a new, improved template for approval.',
    ],
    escalation: { verdict: 'no', why: 'A disabled template cannot be re-enabled; you replace it in your WhatsApp Manager.' },
    severity: 'warning',
    retry: 'no',
    similar: ['cloud-132016'],
    keywords: ['template', 'disabled', 'quality', 'low quality'],
  },
] as const satisfies readonly CatalogEntry[];
