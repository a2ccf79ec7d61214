/**
 * Meta's On-Premise client error table ("WhatsApp Business API Client Error Codes"), its 4xx and 1xxx rows
 * (the 2xxx template and message rows are in onprem-templates.ts). Rows the 360dialog table already had
 * (seed.ts) and rows with a Cloud counterpart entered earlier stay where they are (1005 there now carries Meta's
 * causes). Where Meta's table gives a code another meaning than 360dialog's (1014), that meaning is its own entry
 * here. Meta's 1016 (system overloaded) is the condition 360dialog's two 1016 rows describe: no third entry.
 * Sources:
 * - The code list and titles: great-detail/WhatsApp-Nodejs-SDK, src/types/Error.ts at commit 2ac4a29 (2025-08-23),
 *   which cites https://developers.facebook.com/docs/whatsapp/on-premises/errors.
 * - Descriptions: stored copies of Meta's page (developers.facebook.com/docs/whatsapp/api/errors, the version with the
 *   sunset notice) and of reprints of the same table (whatsapp.turn.io/docs/api/errors, which still has the groups rows
 *   1003 and 1012 of older versions).
 * No copy lists 431, 1019, 1020, 1027, 1029 or 1030, so there are no entries for them. On-Premise ⇄ Cloud links are
 * `similar` only: no source states that the two generations' codes are the same condition. All text is written for
 * this project.
 */
import type { CatalogEntry, Escalation, Retry, Severity, Surface } from '../types.js';

const RETIRED = 'On-Premise was retired in October 2025.';
const SELF_SERVE = { verdict: 'no', why: 'The request needs a change on your side; nothing is broken at 360dialog or Meta.' } as const;
const HOSTED = {
  verdict: 'if',
  rule: { kind: 'persists', minutes: 30 },
  when: 'if it keeps failing for more than 30 minutes (360dialog ran the On-Premise client for its customers)',
} as const;
const CERTIFICATE = {
  verdict: 'now',
  why: 'Certificates and registration of a 360dialog On-Premise number were handled by 360dialog, so only support can re-register it.',
} as const;

interface Row {
  readonly title: string;
  readonly meaning: string;
  readonly steps: readonly string[];
  readonly keywords: readonly string[];
  readonly surfaces?: readonly Surface[];
  readonly escalation?: Escalation;
  readonly severity?: Severity;
  readonly retry?: Retry;
  readonly similar?: readonly string[];
  readonly related?: readonly string[];
  readonly messageHints?: readonly string[];
}

/** One row of Meta's On-Premise table; by default a request error the caller fixes. */
function row(code: string, r: Row, variant?: string): CatalogEntry {
  const { meaning, keywords, escalation, severity, retry, surfaces, ...links } = r;
  return {
    id: `onprem-${code}${variant ? `-${variant}` : ''}`,
    code,
    generation: 'onprem',
    surfaces: surfaces ?? ['api-response'],
    ...links,
    meaning: `${meaning} ${RETIRED}`,
    escalation: escalation ?? SELF_SERVE,
    severity: severity ?? 'info',
    retry: retry ?? 'no',
    keywords: ['on-premise', ...keywords],
  };
}

export const onpremClientEntries: readonly CatalogEntry[] = [
  // ---------------------------------------------------------------- 4xx: message status errors
  row('400', {
    title: 'Media download error (On-Premise)',
    meaning:
      'The On-Premise client could not download the media a user sent. Not to be confused with the 360dialog gateway’s own 400 ' +
      'answers (API disabled, call limit, unpaid invoices).',
    steps: [
      'Ask the user to send the media again.',
      'If it happens for many users, check that the client’s media storage has free space and is writable.',
    ],
    surfaces: ['webhook'],
    similar: ['cloud-131052'],
    keywords: ['media download error', 'incoming media'],
    messageHints: ['media download', 'download the media'],
  }),
  row('408', {
    title: 'Message is not valid: it waited too long',
    meaning:
      'The client held the message for more than a day without sending it, so it gave up. Expect it after the client was down ' +
      'that long and then restarted with messages still queued.',
    steps: ['Send the message again if it still matters.', 'Find out why the client was down so long, and alert on it next time.'],
    surfaces: ['webhook'],
    keywords: ['message is not valid', 'pending too long', 'queued messages failed', 'down over a day'],
  }),
  row('430', {
    title: 'Unsigned certificate',
    meaning: 'The message failed because of a problem with the number’s certificate: it is not signed.',
    steps: [
      'Download a new certificate for the number from WhatsApp Manager and register the client again with it.',
      'At 360dialog, ask support to do this for a number they host.',
    ],
    surfaces: ['webhook'],
    escalation: CERTIFICATE,
    severity: 'critical',
    similar: ['cloud-131045'],
    keywords: ['unsigned certificate', 'certificate', 're-register'],
    messageHints: ['certificate'],
  }),
  row('432', {
    title: 'Certificate id mismatch',
    meaning: 'The message failed because the certificate the client uses does not match the one on record for the number.',
    steps: [
      'Download a new certificate for the number from WhatsApp Manager and register the client again with it.',
      'At 360dialog, ask support to do this for a number they host.',
    ],
    surfaces: ['webhook'],
    escalation: CERTIFICATE,
    severity: 'critical',
    similar: ['cloud-131045'],
    keywords: ['certificate id mismatch', 'certificate', 're-register'],
    messageHints: ['certificate'],
  }),
  row('433', {
    title: 'Certificate signature invalid',
    meaning:
      'The certificate lacks a valid signature made with the client’s identity keys: typically the client was registered again ' +
      'with fresh identity keys, but no new certificate was created for them.',
    steps: [
      'Register the client again with a freshly downloaded certificate, through the complete registration flow.',
      'At 360dialog, ask support to do this for a number they host.',
    ],
    surfaces: ['webhook'],
    escalation: CERTIFICATE,
    severity: 'critical',
    similar: ['cloud-131045'],
    keywords: ['certificate signature invalid', 'identity keys', 're-register'],
    messageHints: ['certificate'],
  }),
  row('500', {
    title: 'Generic error (On-Premise message status)',
    meaning:
      'A message failed in the On-Premise client for an unknown reason. Not to be confused with the 360dialog gateway’s own 500 answer ' +
      'to an API call.',
    steps: ['Send the message again.', 'If many messages fail this way for more than 30 minutes, contact support with message ids.'],
    surfaces: ['webhook'],
    escalation: HOSTED,
    severity: 'warning',
    retry: 'backoff',
    similar: ['cloud-131000'],
    keywords: ['generic error', 'message failed'],
    messageHints: ['generic error'],
  }),

  // ---------------------------------------------------------------- 1xxx: request and client errors
  row('1001', {
    title: 'Message too long',
    meaning: 'The message text is longer than 4,096 characters.',
    steps: ['Shorten the text, or split it into several messages.'],
    similar: ['cloud-131001'],
    keywords: ['message too long', '4096 characters'],
  }),
  row('1002', {
    title: 'Invalid recipient type',
    meaning: 'The recipient_type in the request is not one the client accepts (individual; older clients also took group).',
    steps: ['Send recipient_type individual, or leave it out.'],
    similar: ['cloud-131002'],
    keywords: ['invalid recipient type', 'recipient_type'],
  }),
  row('1003', {
    title: 'Not a group participant',
    meaning: 'The message went to a group the business number is not a participant of. Only older clients, which had groups, used it.',
    steps: ['Check the group id, and that the number is still in the group.'],
    similar: ['cloud-131041'],
    keywords: ['not a group participant', 'on-premise groups'],
  }),
  row('1004', {
    title: 'Resource already exists',
    meaning: 'The media upload’s UUID is already taken, by an earlier upload or by media stored under it.',
    steps: ['Upload the media again so it gets a new id, or reuse the media id you already have.'],
    keywords: ['resource already exists', 'uuid conflict', 'media upload'],
  }),
  row('1006', {
    title: 'Resource not found (file, media or contact)',
    meaning:
      'Something the request refers to does not exist in the client: a media file or id, or the recipient. 360dialog users still ' +
      'post it for a recipient the client had no record of (unknown contact).',
    steps: [
      'Look at what the error says was not found.',
      'For media, upload it again and use the new id.',
      'For a recipient, check the number and run it through the contacts check (POST /v1/contacts) first.',
    ],
    similar: ['cloud-131006'],
    keywords: ['resource not found', 'contact not found', 'media not found', 'file not found'],
    messageHints: ['not found', 'unknown contact'],
  }),
  row('1007', {
    title: 'Recipient blocked from receiving the message (deprecated)',
    meaning: 'The recipient was not on the allowed list of the client, so the message was refused. Meta marked the code deprecated.',
    steps: ['Send only to recipients allowed for the number, or lift the restriction on the client.'],
    keywords: ['recipient blocked', 'not whitelisted'],
  }),
  row('1008', {
    title: 'Required parameter is missing',
    meaning: 'The request leaves out a parameter the endpoint needs.',
    steps: ['Read the error details for the missing parameter and add it.'],
    similar: ['cloud-131008'],
    keywords: ['required parameter missing', 'missing parameter'],
  }),
  row('1009', {
    title: 'Parameter value is not valid',
    meaning:
      'A parameter has a value of the wrong type or an unacceptable value. For templates it can also mean that the namespace does ' +
      'not belong to the number’s WhatsApp Business Account.',
    steps: ['Read the error details for the parameter at fault and fix its value.', 'For templates, use the account’s own namespace.'],
    similar: ['cloud-131009'],
    keywords: ['parameter value not valid', 'invalid value', 'namespace'],
  }),
  row('1010', {
    title: 'Parameter is not required',
    meaning: 'The request contains a parameter the endpoint does not take.',
    steps: ['Remove the parameter named in the error details.'],
    keywords: ['parameter not required', 'extra parameter'],
  }),
  row('1012', {
    title: 'Group is unknown',
    meaning: 'The message went to a group in which the business number is the only member. Only older clients, which had groups, used it.',
    steps: ['Add members to the group before sending to it.'],
    similar: ['cloud-131020'],
    keywords: ['on-premise groups', 'only member of the group'],
  }),
  row(
    '1014',
    {
      title: 'Internal error: media upload failed',
      meaning:
        'Meta’s table gives 1014 this meaning: a media upload failed, on a broken image or because the address it was to come ' +
        'from could not be found. 360dialog’s table uses 1014 for a client that cannot reach its Coreapp.',
      steps: ['Check the media file (a valid image of a supported type) and the URL it is fetched from.', 'Upload the media again.'],
      keywords: ['upload failed', 'bad image', 'internal error'],
      messageHints: ['upload', 'bad image', 'endpoint not found'],
    },
    'upload',
  ),
  row('1015', {
    title: 'Too many requests',
    meaning: 'The client is limiting how fast it takes requests (contacts checks among others), and this one came too soon.',
    steps: ['Slow down and retry with backoff.', 'Check contacts in batches instead of one request per number.'],
    retry: 'backoff',
    severity: 'warning',
    keywords: ['too many requests', 'client rate limit'],
  }),
  row('1017', {
    title: 'Not primary master',
    meaning:
      'Settings, import or export, code requests and registration are handled by the primary master node only; this request ' +
      'landed on another node of a multi-node client, through a setup fault or an internal error.',
    steps: ['Retry the request: it usually works on a second try.', 'If it keeps failing for 30 minutes, contact support.'],
    escalation: HOSTED,
    severity: 'warning',
    retry: 'backoff',
    keywords: ['not primary master', 'master node', 'multiconnect'],
  }),
  row('1018', {
    title: 'Not primary Coreapp: the node does not own the shard',
    meaning:
      'The request reached a Coreapp node that is not, or not yet, the owner of the number’s shard, typically while shards fail over ' +
      'between nodes.',
    steps: ['Retry after a short wait: the failover usually finishes quickly.', 'If it keeps failing for 30 minutes, contact support.'],
    escalation: HOSTED,
    severity: 'warning',
    retry: 'backoff',
    keywords: ['not primary coreapp', 'shard failover', 'shard owner'],
  }),
  row('1021', {
    title: 'Bad user: sender and recipient are the same',
    meaning: 'The message was addressed to the business number itself.',
    steps: ['Send the message to a number other than the sender.'],
    similar: ['cloud-131021'],
    keywords: ['bad user', 'sending to own number'],
  }),
  row('1022', {
    title: 'Webhook URL is not configured',
    meaning: 'The client has no webhook URL set, so it cannot deliver callbacks.',
    steps: ['Set the webhook URL (at 360dialog: POST /v1/configs/webhook with the number’s key).', 'Check that callbacks arrive.'],
    severity: 'warning',
    keywords: ['webhook url not configured', 'webhook not set', 'no webhook'],
  }),
  row('1023', {
    title: 'Database error',
    meaning: 'The client’s database failed while handling the request.',
    steps: [
      'Retry after a short wait.',
      'Whoever runs the client checks the database logs; at 360dialog that is support, if it lasts 30 minutes.',
    ],
    escalation: HOSTED,
    severity: 'critical',
    retry: 'backoff',
    keywords: ['database error', 'db error'],
  }),
  row('1024', {
    title: 'Password change required',
    meaning: 'The client’s admin user must change its password (on first login, for example) before the API takes other requests.',
    steps: ['Log in as the admin user and set a new password, then retry.', 'On a 360dialog-hosted client, contact support.'],
    escalation: HOSTED,
    severity: 'warning',
    keywords: ['password change required', 'admin password'],
  }),
  row('1025', {
    title: 'Invalid request',
    meaning: 'The request is not valid for the endpoint.',
    steps: ['Compare the request with the On-Premise API reference (method, path, body) and fix it.'],
    keywords: ['invalid request'],
  }),
  row('1028', {
    title: 'Identity change notification must be acknowledged',
    meaning:
      'The user may have changed (a new phone or reinstall), and the client is set to hold messages until the user_identity_changed ' +
      'system notification is acknowledged.',
    steps: [
      'Confirm who the user is through another channel.',
      'Acknowledge the identity change for the user (the contacts identity endpoint), then send again.',
    ],
    severity: 'warning',
    related: ['onprem-480'],
    keywords: ['user_identity_changed', 'acknowledge identity', 'identity change'],
  }),
];
