/**
 * WhatsApp Flows: the Flow management API's codes (1390xx), the On-Premise client's Flow codes
 * (2064–2070) and the HTTP statuses a Flow's business endpoint answers on purpose (421, 427, 432).
 * Source: Meta's Flows "Error Codes" reference, https://developers.facebook.com/docs/whatsapp/flows/reference/error-codes
 * (undated page, read in the public copy kapso-meta-docs/documentation,
 * documentation/whatsapp/flows/reference/error-codes.mdx at commit 1bda228, copied 2025-12). The page lists
 * no 139005. The Cloud API's 132068 and 132069 live with the messaging codes (entries/cloud.ts); the string
 * codes of Flow JSON validation and of endpoint health alerts are not codes /wa-error is asked about and are
 * left out. All text is written for this project.
 */
import type { CatalogEntry } from '../types.js';

const SELF_SERVE = {
  verdict: 'no',
  why: 'The Flow or its setup needs a change on your side; nothing is broken at 360dialog or Meta.',
} as const;

/** A Flow management request (create, update, publish, deprecate, delete) that Meta refused as written. */
function flowRule(id: string, code: string, title: string, meaning: string, steps: readonly string[], keywords: readonly string[]) {
  return {
    id,
    code,
    generation: 'cloud',
    surfaces: ['api-response'],
    title,
    meaning,
    steps,
    escalation: SELF_SERVE,
    severity: 'info',
    retry: 'no',
    keywords: ['flows', 'whatsapp flows', ...keywords],
  } as const satisfies CatalogEntry;
}

/** An On-Premise client refusal of a message that carries a Flow. */
function onpremFlow(code: string, title: string, meaning: string, steps: readonly string[], keywords: readonly string[]) {
  return {
    id: `onprem-${code}`,
    code,
    generation: 'onprem',
    surfaces: ['api-response'],
    title,
    meaning: `${meaning} On-Premise was retired in October 2025.`,
    steps,
    escalation: SELF_SERVE,
    severity: 'info',
    retry: 'no',
    keywords: ['on-premise flow', 'flow message', ...keywords],
  } as const satisfies CatalogEntry;
}

/** An HTTP status that your Flow endpoint answers, and what the WhatsApp app then does. */
function endpointStatus(code: string, title: string, meaning: string, steps: readonly string[], keywords: readonly string[]) {
  return {
    id: `cloud-${code}-flow-endpoint`,
    code,
    generation: 'cloud',
    surfaces: ['api-response'],
    httpStatus: Number(code),
    title,
    meaning: `${meaning} This is an HTTP status that your own Flow endpoint answers to the WhatsApp app, not a Meta error code.`,
    steps,
    escalation: SELF_SERVE,
    severity: 'info',
    retry: 'no',
    keywords: ['flows data exchange', ...keywords],
    messageHints: ['flow', 'endpoint'],
  } as const satisfies CatalogEntry;
}

export const flowsEntries = [
  {
    id: 'cloud-139000',
    code: '139000',
    generation: 'cloud',
    surfaces: ['api-response'],
    title: 'Flow blocked by integrity',
    meaning:
      'Meta found an integrity problem with the account and stopped it from creating or publishing Flows. Sending existing Flows may ' +
      'be affected too.',
    steps: [
      'Check the account’s quality and policy notices in WhatsApp Manager and Business Support Home.',
      'Ask Meta to resolve it: Meta’s Flows page sends you to its support for this error.',
    ],
    escalation: { verdict: 'meta', why: 'Only Meta can review and lift an integrity block on Flows.' },
    severity: 'warning',
    retry: 'no',
    related: ['cloud-132068', 'cloud-368'],
    keywords: ['flows', 'blocked by integrity', 'flow integrity', 'cannot publish flow'],
  },
  flowRule(
    'cloud-139001',
    '139001',
    'Flow can’t be updated',
    'The Flow you tried to update is already published, and a published Flow cannot be changed. The same code is used when ' +
      'endpoint_uri is sent for a Flow whose Flow JSON version is below 3.0.',
    [
      'To change a published Flow, clone it, edit the clone and publish the clone; then send the new Flow instead of the old one.',
      'For Flow JSON below version 3.0, set the endpoint as data_channel_uri inside the Flow JSON instead of sending endpoint_uri.',
    ],
    ['flow can not be updated', 'published flow', 'clone flow', 'endpoint_uri'],
  ),
  {
    id: 'cloud-139001-processing',
    code: '139001',
    generation: 'cloud',
    surfaces: ['api-response'],
    title: 'Flow JSON saved but its processing failed',
    meaning:
      'The Flow JSON was saved, but Meta’s internal processing of it failed, which may keep the Flow from working. Meta says the ' +
      'fault is on its side and may be passing.',
    steps: [
      'Send exactly the same request again.',
      'If the same error comes back after a few tries over an hour, contact support with the Flow id and the fbtrace_id.',
    ],
    escalation: { verdict: 'if', rule: { kind: 'persists', minutes: 60 }, when: 'if the same request keeps failing for more than an hour' },
    severity: 'warning',
    retry: 'backoff',
    related: ['cloud-139001'],
    keywords: ['flows', 'error while processing flow json', 'flow json processing'],
    messageHints: ['processing flow json', 'error while processing'],
  },
  flowRule(
    'cloud-139002',
    '139002',
    'Flow cannot be published',
    'Meta refused to publish the Flow. The error message says why: the Flow is not a draft, has validation errors, misses ' +
      'data_channel_uri or endpoint_uri, uses an unsupported version, or its setup is incomplete (no phone number, public key, app, ' +
      'reachable endpoint or Flows webhook subscription).',
    [
      'Read the error message and details: they name the one reason.',
      'A Flow that is no longer a draft cannot be published again: clone it and publish the clone.',
      'For validation errors, open the Flow in the Flow Builder or read its validation_errors through the API, and fix them.',
      'For setup reasons: add a phone number to the account, upload and sign the Flows public key for it, connect a Meta app, make ' +
        'the endpoint answer its health check, and subscribe the account to Flows webhooks.',
      'Publish again.',
    ],
    ['publish flow', 'flow validation errors', 'data_channel_uri', 'publishing flow'],
  ),
  flowRule(
    'cloud-139003',
    '139003',
    'Flow cannot be deprecated',
    'Only a published Flow can be deprecated: this one is still a draft, or it is already deprecated (then there is nothing to do).',
    ['If the Flow is a draft you no longer need, delete it instead.', 'If it is already deprecated, ignore the error.'],
    ['deprecate flow', 'unpublished flow', 'already deprecated'],
  ),
  flowRule(
    'cloud-139004',
    '139004',
    'Published Flow cannot be deleted',
    'A Flow that has been published can no longer be deleted.',
    ['Deprecate the Flow instead, so it can no longer be sent.'],
    ['delete flow', 'cannot delete published flow'],
  ),
  flowRule(
    'cloud-139006',
    '139006',
    'Not enough data for Flow metrics',
    'The Flow has not been used enough yet for Meta to report its metrics.',
    ['Ask for the metrics again once more users have opened the Flow, or for a longer time range.'],
    ['flow metrics', 'metrics threshold'],
  ),
  onpremFlow(
    '2064',
    'Invalid Flow id',
    'The On-Premise client found no usable Flow with the id in the message: it does not exist, belongs to another WhatsApp Business ' +
      'Account, or is in a state that cannot be sent.',
    ['Check the Flow id and that it belongs to this account.', 'Check the Flow’s status: send only draft or published Flows.'],
    ['invalid flow id', 'flow not found'],
  ),
  onpremFlow(
    '2065',
    'Invalid Flow message version',
    'The flow_message_version of the message is not one Meta supports.',
    ['Use a message version listed as supported in Meta’s Flows changelog.'],
    ['flow message version'],
  ),
  onpremFlow(
    '2066',
    'Invalid Flow mode',
    'The mode of the message does not match the Flow: a draft Flow was sent without draft mode, or a published Flow with draft mode.',
    ['Send draft Flows with mode draft and published Flows without it.'],
    ['flow mode', 'draft mode'],
  ),
  {
    id: 'onprem-2067',
    code: '2067',
    generation: 'onprem',
    surfaces: ['api-response'],
    title: 'Flow draft mode not allowed',
    meaning:
      'The On-Premise client refused to send a Flow in draft mode. Meta’s page points at its status page for ongoing problems. ' +
      'On-Premise was retired in October 2025.',
    steps: [
      'Check the Meta WhatsApp Business API status page for an incident.',
      'Send the published version of the Flow instead of the draft.',
      'If drafts keep being refused for more than an hour without an incident, contact support.',
    ],
    escalation: { verdict: 'if', rule: { kind: 'persists', minutes: 60 }, when: 'if drafts keep being refused for more than an hour' },
    severity: 'info',
    retry: 'later',
    keywords: ['on-premise flow', 'flow draft mode'],
  },
  {
    ...onpremFlow(
      '2068',
      'Flow is blocked',
      'The Flow in the message is blocked. It also happens when a Flow that uses an endpoint has an incomplete setup, such as a missing ' +
        'or invalid public key.',
      ['Check the Flow’s status and health in WhatsApp Manager.', 'Upload and sign the public key again if the Flow uses an endpoint.'],
      ['flow is blocked'],
    ),
    similar: ['cloud-132068'],
  },
  {
    ...onpremFlow(
      '2069',
      'Flow is throttled',
      'The Flow is throttled and 10 messages using it were already sent in the last hour, so more are refused for now.',
      [
        'Wait for the hour to pass before sending this Flow again.',
        'Fix what made Meta throttle the Flow (its health in WhatsApp Manager).',
      ],
      ['flow is throttled'],
    ),
    retry: 'later',
    similar: ['cloud-132069'],
  },
  onpremFlow(
    '2070',
    'Invalid Flow version',
    'The Flow JSON version is not valid or has expired.',
    ['Move the Flow to a version listed as supported in Meta’s Flows changelog (clone it, update it, publish it).'],
    ['flow version expired', 'invalid flow version'],
  ),
  endpointStatus(
    '421',
    'Flow endpoint could not decrypt the request',
    'Your endpoint answers 421 when it cannot decrypt the payload. On 421 the WhatsApp app reloads the public key and tries once ' +
      'more; a second failure ends in a generic error for the user.',
    [
      'Check that the private key your endpoint decrypts with matches the public key uploaded for the phone number.',
      'Upload the public key again if it was replaced.',
    ],
    ['payload cannot be decrypted', 'decryption', 'business-decryption-error'],
  ),
  endpointStatus(
    '427',
    'Flow token no longer valid',
    'Your endpoint answers 427 when the Flow token is no longer valid: the user sees an error (which you can word) and the Flow’s ' +
      'button is disabled.',
    ['Answer 427 only on purpose (an order already placed, say); send the user a new message with a new Flow token to start again.'],
    ['flow token no longer valid', 'cta disabled'],
  ),
  endpointStatus(
    '432',
    'Flow endpoint request signature check failed',
    'Your endpoint answers 432 when the request’s signature does not verify; the user sees a generic error.',
    ['Check that the endpoint verifies the signature with the right app secret.', 'Then answer the request normally.'],
    ['request signature', 'signature authentication', 'x-hub-signature'],
  ),
] as const satisfies readonly CatalogEntry[];
