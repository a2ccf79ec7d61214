/**
 * The Calling API's own codes (business-initiated and user-initiated WhatsApp calls, call permissions).
 * Source: Meta's "Troubleshooting and Error Codes" page of the Calling API,
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/calling/troubleshooting
 * (page updated Dec 3, 2025, read in the public copy kapso-meta-docs/documentation,
 * documentation/whatsapp/calling/troubleshooting.mdx at commit 1bda228). The page also lists 100, 131009 and
 * 131030 with a calling cause, which the messaging entries of those codes cover; 131055 there means something
 * else than on the marketing messages API and has its own entry here. Its SIP table lists
 * SIP response statuses of an INVITE, not error codes, and is not carried here. 613 replaced 138013 for
 * the fetch-call-permission limit (noted in david-lev/pywa, pywa/errors.py). All text is written for this project.
 */
import type { CatalogEntry } from '../types.js';

const SELF_SERVE = { verdict: 'no', why: 'It is a calling rule or setting on your side; nothing is broken at 360dialog or Meta.' } as const;
const CALL_ENDED = {
  verdict: 'if',
  rule: { kind: 'repeats', moreThan: 10, withinHours: 1 },
  when: 'if more than 10 calls end this way within an hour although your media server is sending',
} as const;

/** A calling request Meta refused as written. */
function callingRule(
  code: string,
  httpStatus: number,
  title: string,
  meaning: string,
  steps: readonly string[],
  keywords: readonly string[],
  retry: CatalogEntry['retry'] = 'no',
) {
  return {
    id: `cloud-${code}`,
    code,
    generation: 'cloud',
    surfaces: ['api-response'],
    httpStatus,
    title,
    meaning,
    steps,
    escalation: SELF_SERVE,
    severity: 'info',
    retry,
    related: ['cloud-138000'],
    keywords: ['calling', ...keywords],
  } as const satisfies CatalogEntry;
}

/** A call the WhatsApp client ended; it arrives in the call terminate webhook. */
function callEnded(code: string, title: string, meaning: string, firstStep: string, keywords: readonly string[]) {
  return {
    id: `cloud-${code}`,
    code,
    generation: 'cloud',
    surfaces: ['webhook'],
    httpStatus: 400,
    title,
    meaning: `${meaning} It arrives in the call terminate webhook.`,
    steps: [
      firstStep,
      'Check the Call Logs tab of the number in WhatsApp Manager for the call’s events.',
      'Call again later; if the same failure repeats, capture the network traffic of a failing call for the support ticket.',
    ],
    escalation: CALL_ENDED,
    severity: 'info',
    retry: 'later',
    related: ['cloud-138004'],
    keywords: ['calling', 'call terminated', ...keywords],
  } as const satisfies CatalogEntry;
}

export const callingEntries = [
  {
    id: 'cloud-613',
    code: '613',
    generation: 'cloud',
    surfaces: ['api-response'],
    httpStatus: 429,
    title: 'Calling: permission status look-ups throttled',
    meaning:
      'The app asked the API for a user’s call permission status too often, so further look-ups are refused for a while. Meta ' +
      'used 138013 for this limit before.',
    steps: [
      'Slow down the calls to the call permission status endpoint and retry with backoff.',
      'Keep the last answer per user for a while instead of asking before every call.',
    ],
    escalation: { verdict: 'no', why: 'It is a request-rate limit that lifts when you ask less often.' },
    severity: 'warning',
    retry: 'backoff',
    related: ['cloud-138006'],
    keywords: ['calling', 'fetch call permission status'],
  },
  {
    id: 'cloud-131044',
    code: '131044',
    generation: 'cloud',
    surfaces: ['webhook'],
    httpStatus: 400,
    title: 'Calling blocked by a billing problem on the account',
    meaning:
      'A user called the business but the account has no valid payment method attached, so Meta sends an error webhook for the call. ' +
      'It is the calling counterpart of the messaging payment error 131042.',
    steps: [
      'Check the payment method and credit line of the WhatsApp Business Account (at 360dialog the credit line is set up by 360dialog).',
      'Fix the billing setup, then take a test call.',
    ],
    escalation: { verdict: 'now', why: 'The credit line of a 360dialog account is managed by 360dialog.' },
    severity: 'critical',
    retry: 'no',
    related: ['cloud-131042'],
    keywords: ['calling', 'calling payment', 'user initiated call'],
  },
  {
    id: 'cloud-131055-sip',
    code: '131055',
    generation: 'cloud',
    surfaces: ['api-response'],
    httpStatus: 400,
    title: 'Calling: Graph API calls not allowed for a SIP-enabled number',
    meaning:
      'The number has SIP calling enabled, so its calls must go over SIP; calling requests through the Graph API are refused with ' +
      'method not allowed. The marketing messages API uses the same code for something else.',
    steps: ['Place and manage the number’s calls through your SIP setup.', 'Or switch SIP off for the number to use the Graph API calls.'],
    escalation: SELF_SERVE,
    severity: 'info',
    retry: 'no',
    related: ['health-138024', 'cloud-131055'],
    keywords: ['calling', 'sip enabled number'],
    messageHints: ['sip'],
  },
  {
    id: 'cloud-138000',
    code: '138000',
    generation: 'cloud',
    surfaces: ['api-response'],
    httpStatus: 401,
    title: 'Calling is not enabled for this number',
    meaning: 'The Calling API is switched off in the business number’s call settings, so call requests are refused.',
    steps: [
      'Enable calling in the number’s call settings (POST /PHONE_NUMBER_ID/settings with calling status enabled).',
      'Check the settings took effect (GET the settings), then call again.',
    ],
    escalation: SELF_SERVE,
    severity: 'info',
    retry: 'no',
    related: ['health-138024', 'cloud-138015'],
    keywords: ['calling', 'calling not enabled', 'enable calling', 'call settings'],
  },
  callingRule(
    '138001',
    400,
    'Receiver cannot take calls',
    'The recipient cannot receive WhatsApp calls: the number may not be on WhatsApp, the user may not have accepted the latest terms, ' +
      'or the user’s app does not support calls (supported are Android, iOS and the Business apps on both).',
    [
      'Check the number is the user’s WhatsApp number in international format.',
      'Ask the user, by another channel, to update WhatsApp and accept the latest terms.',
    ],
    ['receiver uncallable', 'cannot call user', 'unsupported client'],
  ),
  callingRule(
    '138002',
    429,
    'Concurrent call limit reached',
    'The business number already has the maximum of 1,000 calls going on at once.',
    ['Wait until some calls end, then place the new call.', 'Queue outgoing calls so no more than the limit run at the same time.'],
    ['concurrent calls', 'too many calls at once', 'call limit'],
    'backoff',
  ),
  callingRule(
    '138003',
    400,
    'Duplicate call: a call with this user is already going on',
    'There is already an ongoing call between the business number and this user, and only one can run at a time.',
    ['Wait for the current call to end, then call again.', 'Make sure your system does not start the same call twice.'],
    ['duplicate call', 'call already ongoing', 'already in a call'],
    'later',
  ),
  {
    id: 'cloud-138004',
    code: '138004',
    generation: 'cloud',
    surfaces: ['api-response'],
    httpStatus: 500,
    title: 'Call connection error',
    meaning: 'Meta failed while connecting the call. The cause can be on Meta’s side or in the connection parameters (SDP) you sent.',
    steps: [
      'Check the SDP offer or answer and the other connection parameters in your request.',
      'Try the call again after a short wait.',
      'If calls keep failing this way for an hour, contact support with the call ids from the Call Logs tab in WhatsApp Manager.',
    ],
    escalation: { verdict: 'if', rule: { kind: 'persists', minutes: 60 }, when: 'if calls keep failing this way for more than an hour' },
    severity: 'warning',
    retry: 'backoff',
    related: ['cloud-138007'],
    keywords: ['calling', 'call connection error', 'error connecting call', 'sdp'],
  },
  callingRule(
    '138005',
    429,
    'Call rate limit exceeded',
    'The business number started more calls than Meta allows in a given time.',
    ['Slow down outgoing calls and retry with backoff.', 'Spread call campaigns over a longer time.'],
    ['call rate limit', 'too many calls'],
    'backoff',
  ),
  callingRule(
    '138006',
    401,
    'Calling: the user has not approved calls from you',
    'The business tried to call a user who has not approved a call permission for this business number.',
    [
      'Send the user a call permission request (as a message or in a template) and wait for them to accept it.',
      'Check the user’s permission status before calling (the call permission status endpoint).',
    ],
    ['no approved call permission'],
  ),
  {
    id: 'cloud-138007',
    code: '138007',
    generation: 'cloud',
    surfaces: ['api-response'],
    httpStatus: 500,
    title: 'Call connect timeout',
    meaning:
      'The call could not connect in time: your side did not apply Meta’s SDP offer or answer quickly enough, or did not call the ' +
      'connect endpoint with the answer SDP in time.',
    steps: [
      'Check how long your system takes between the connect webhook and the pre-accept or accept call with the SDP answer.',
      'Send the SDP answer as soon as the connect webhook arrives, and answer the webhook quickly.',
      'Call again; if it keeps timing out for an hour although your side answers fast, contact support with the call ids.',
    ],
    escalation: {
      verdict: 'if',
      rule: { kind: 'persists', minutes: 60 },
      when: 'if calls keep timing out for an hour although you answer fast',
    },
    severity: 'warning',
    retry: 'later',
    related: ['cloud-138004'],
    keywords: ['calling', 'connect timeout', 'call timeout', 'sdp answer'],
  },
  callingRule(
    '138009',
    400,
    'Call permission request limit hit',
    'The business sent this user more call permission requests than allowed in the time period. A connected call with the user resets ' +
      'the count.',
    ['Stop sending this user call permission requests for now.', 'Ask again later, or wait for the user to call you.'],
    ['call permission request limit', 'too many permission requests'],
    'later',
  ),
  callingRule(
    '138012',
    400,
    'Daily business-initiated call limit hit',
    'The business already had the most connected calls it may start to this user in 24 hours (5 on Meta’s page of December 2025).',
    [
      'Read error_data.details: it gives the time when the next call is allowed.',
      'Call again after that time, or reach the user by message meanwhile.',
    ],
    ['business initiated calls limit', 'calls per day', 'daily call limit'],
    'later',
  ),
  callingRule(
    '138013',
    400,
    'Business-initiated calling not available for this number',
    'Calls started by the business are not available for this business number (see the availability list on Meta’s calling page).',
    [
      'Check the availability section of Meta’s Calling API page for the number’s country and account.',
      'Let users call you instead (user-initiated calls), which has wider availability.',
    ],
    ['business initiated calling not available', 'calling availability'],
  ),
  {
    id: 'cloud-138014',
    code: '138014',
    generation: 'cloud',
    surfaces: ['api-response'],
    httpStatus: 400,
    title: 'Calling temporarily disabled for low quality',
    meaning:
      'Meta switched the Calling API off for the business number for a while because its calls were judged low quality (unwanted or ' +
      'spam-like outreach).',
    steps: [
      'Stop calling campaigns and review who you call and why: call only users who expect it.',
      'Try again once the restriction is lifted.',
      'If you think the restriction is wrong, ask Meta for a review through WhatsApp Manager or Meta’s business support.',
    ],
    escalation: { verdict: 'meta', why: 'Meta sets and lifts the quality restriction; 360dialog cannot change it.' },
    severity: 'warning',
    retry: 'later',
    related: ['cloud-131048'],
    keywords: ['calling', 'calling temporarily disabled', 'calling low quality', 'calling restricted'],
  },
  callingRule(
    '138015',
    400,
    'Calling cannot be enabled for this number',
    'Calling could not be switched on for the number; Meta names a messaging limit of 2,000 or more as a requirement.',
    ['Check the number’s messaging limit in WhatsApp Manager.', 'Enable calling again once the limit is 2,000 or more.'],
    ['calling cannot be enabled', 'messaging limit 2000'],
  ),
  callingRule(
    '138017',
    400,
    'Call permission request not needed: permanent permission exists',
    'The user already gave this business number a permanent call permission, so a new permission request is refused.',
    ['Do not send a permission request to this user; call them directly.'],
    ['permanent permission', 'call permission already approved'],
  ),
  callingRule(
    '138018',
    400,
    'Calling cannot be enabled: technical prerequisites not met',
    'Calling could not be switched on because a prerequisite is missing: SIP is not configured, or no app subscribed to the WhatsApp ' +
      'Business Account also subscribes to the calls webhook field.',
    [
      'Subscribe an app on the WhatsApp Business Account to the calls webhook field, or configure SIP for the number.',
      'Enable calling again.',
    ],
    ['calling prerequisites', 'calls webhook field', 'configure sip'],
  ),
  callEnded(
    '138019',
    'Call setup failed on the WhatsApp client',
    'The user’s WhatsApp app could not set up the call.',
    'Nothing in your request caused it: try the call again later.',
    ['call setup failed'],
  ),
  callEnded(
    '138020',
    'Relay connection failed',
    'The user’s WhatsApp app could not connect to the relay server that carries the call.',
    'Try the call again later; the user’s network may be blocking the relay.',
    ['relay connection failed', 'relay server'],
  ),
  callEnded(
    '138021',
    'Media receive timeout: the client got no audio',
    'The user’s WhatsApp app ended the call because it received no media for a long time.',
    'Check that your media server sends audio (or at least RTCP packets during silence) to the relay all through the call.',
    ['media receive timeout', 'no media', 'call drops after 20 seconds', 'no audio'],
  ),
  callEnded(
    '138022',
    'Media transmit timeout',
    'The user’s WhatsApp app ended the call because it sent no media for a long time.',
    'Try the call again later; the user’s microphone or network may have failed.',
    ['media transmit timeout'],
  ),
  callEnded(
    '138023',
    'Call accepted but ended without media',
    'The call was accepted but ended without any media connection signal, so Meta cannot tell whether it was ever connected.',
    'Check that your media server starts the media session right after the call is accepted.',
    ['no media signals', 'call accepted no media'],
  ),
] as const satisfies readonly CatalogEntry[];
