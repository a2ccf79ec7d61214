/**
 * What the health checks answer: the Cloud health status verdicts and entity error codes, and the
 * retired On-Premise gateway status words. All text is written for this project.
 */
import type { CatalogEntry } from '../types.js';

export const healthEntries = [
  // ------------------------------------------------------------- Cloud health status verdicts
  {
    id: 'health-blocked',
    code: 'BLOCKED',
    generation: 'cloud',
    surfaces: ['health-check'],
    title: 'Health status BLOCKED: the number cannot send messages',
    meaning:
      'At least one entity (phone number, WABA, business or app) fails a messaging requirement, so the overall verdict is BLOCKED. The ' +
      'entity marked BLOCKED carries error codes that name the reason and a possible fix.',
    steps: [
      'Read the entities list in the health answer: note which entity is BLOCKED and its error codes.',
      'Look up each error code here; a SIP calling error alone does not stop messaging, so check can send message on the entities.',
      'Fix what is yours to fix (for example a template), and pause campaigns meanwhile.',
      'Otherwise contact support now with the full health answer, number, WABA id and the time the block started.',
    ],
    escalation: {
      verdict: 'now',
      why: 'A blocked number cannot send, and most block reasons need 360dialog to act or to relay to Meta.',
    },
    severity: 'critical',
    retry: 'no',
    opensAtOnce: true,
    related: ['health-141006', 'health-limited'],
    keywords: ['blocked', 'health', 'health status', 'cannot send', 'outage'],
  },
  {
    id: 'health-limited',
    code: 'LIMITED',
    generation: 'cloud',
    surfaces: ['health-check'],
    title: 'Health status LIMITED: the number can send, with restrictions',
    meaning:
      'Messaging works but at least one entity has a restriction; the additional info of that entity explains it. A frequent cause is a ' +
      'business that has not passed Meta business verification (141010).',
    steps: [
      'Read the additional info and any error codes on the LIMITED entity in the health answer.',
      'Look up those codes here and follow their steps.',
      'Check in WhatsApp Manager, Account tools, Phone numbers, whether the messaging limit or quality rating changed.',
    ],
    escalation: {
      verdict: 'if',
      rule: { kind: 'judgement' },
      when: 'if the additional info points to something only 360dialog or Meta can change',
    },
    severity: 'warning',
    retry: 'no',
    related: ['health-141010'],
    keywords: ['limited', 'health', 'health status', 'restricted', 'messaging limit', 'quality'],
  },

  // ------------------------------------------------------------------ Cloud entity error codes
  {
    id: 'health-141002',
    code: '141002',
    generation: 'cloud',
    surfaces: ['health-check'],
    title: 'Template not approved (pending or rejected)',
    meaning:
      'The message template cannot be sent because it is not approved, for example still pending review or rejected. It appears on a ' +
      'MESSAGE TEMPLATE entity.',
    steps: [
      'In WhatsApp Manager, open Account tools, then Message templates, and find the template and its status.',
      'If rejected, read the reason, then edit and resubmit it or request a review.',
      'If pending, wait for the review (Meta aims for 24 hours) and send another approved template meanwhile.',
    ],
    escalation: { verdict: 'no', why: 'Template reviews and appeals are handled in your own WhatsApp Manager.' },
    severity: 'warning',
    retry: 'no',
    keywords: ['template', 'not approved', 'pending', 'rejected', 'review', 'appeal'],
  },
  {
    id: 'health-141006',
    code: '141006',
    generation: 'cloud',
    surfaces: ['health-check'],
    title: 'Payment method problem: business-initiated messages blocked',
    meaning:
      'The WABA has a problem with its payment method, so business-initiated conversations are blocked. At 360dialog billing and the ' +
      'credit line are handled through 360dialog.',
    steps: [
      'Contact 360dialog support now about billing or the credit line; give the WABA id, number and the health answer.',
      'Pause campaigns and other business-initiated sends until it is fixed.',
      'Ask the account owner whether a card or invoice payment failed recently.',
    ],
    escalation: { verdict: 'now', why: 'Billing and the credit line of the WABA are handled by 360dialog.' },
    severity: 'critical',
    retry: 'no',
    opensAtOnce: true,
    keywords: ['payment', 'billing', 'credit line', 'payment method', 'waba'],
  },
  {
    id: 'health-141010',
    code: '141010',
    generation: 'cloud',
    surfaces: ['health-check'],
    title: 'Business verification not passed',
    meaning:
      'The business portfolio has not passed Meta business verification, which marks the BUSINESS entity LIMITED. Messaging usually ' +
      'still works, within the lower limits of an unverified business.',
    steps: [
      'In Meta Business Suite, open Settings, then Security Center, and check the business verification status.',
      'Start or complete the verification with documents that match the legal business name and address.',
      'Expect up to about 10 days for Meta to decide; this is not an emergency for support.',
    ],
    escalation: { verdict: 'no', why: 'Business verification is completed by the business itself in Meta Business Suite.' },
    severity: 'warning',
    retry: 'no',
    keywords: ['verification', 'business verification', 'verified', 'business', 'limited'],
  },
  {
    id: 'health-138024',
    code: '138024',
    generation: 'cloud',
    surfaces: ['health-check'],
    title: 'SIP calling not enabled for the number',
    meaning:
      'SIP calling is not switched on for the phone number. It only affects calls over SIP, not messaging, even if it makes the overall ' +
      'verdict BLOCKED.',
    steps: [
      'Check can send message on the PHONE NUMBER entity: if it is AVAILABLE, messaging is fine.',
      'If you need SIP calling, enable it in the phone number settings through the calling settings API.',
    ],
    escalation: { verdict: 'no', why: 'It concerns optional SIP calling setup, which you configure yourself.' },
    severity: 'info',
    retry: 'no',
    related: ['health-138025'],
    keywords: ['sip', 'calling', 'voice', 'call'],
  },
  {
    id: 'health-138025',
    code: '138025',
    generation: 'cloud',
    surfaces: ['health-check'],
    title: 'No SIP server configured for the number',
    meaning:
      'The app has no SIP server set up for this number. It only affects calls over SIP, not messaging, even if it makes the overall ' +
      'verdict BLOCKED.',
    steps: [
      'Check can send message on the PHONE NUMBER entity: if it is AVAILABLE, messaging is fine.',
      'If you need SIP calling, configure the SIP server for the number in its calling settings.',
    ],
    escalation: { verdict: 'no', why: 'It concerns optional SIP calling setup, which you configure yourself.' },
    severity: 'info',
    retry: 'no',
    keywords: ['sip', 'calling', 'voice', 'call', 'sip server'],
  },

  // ------------------------------------------------------- On-Premise gateway status (retired)
  {
    id: 'gateway-connected',
    code: 'connected',
    generation: 'onprem',
    surfaces: ['health-check'],
    title: 'Gateway connected: healthy',
    meaning:
      'The Coreapp is connected to the WhatsApp servers, which is the healthy state. On-Premise was retired in October 2025; Cloud ' +
      'numbers report health status AVAILABLE instead.',
    steps: [
      'Nothing to fix; if messages still fail, look up the error code they return.',
      'In a high-availability setup, check that the expected number of nodes is connected.',
    ],
    escalation: { verdict: 'no', why: 'The number is healthy.' },
    severity: 'info',
    retry: 'no',
    keywords: ['connected', 'healthy', 'gateway', 'on-premise'],
  },
  {
    id: 'gateway-connecting',
    code: 'connecting',
    generation: 'onprem',
    surfaces: ['health-check'],
    title: 'Gateway connecting: re-establishing the connection',
    meaning:
      'The Coreapp is setting up or restoring its connection to the WhatsApp servers; Meta counts this as healthy while it is brief. ' +
      'On-Premise was retired in October 2025.',
    steps: [
      'Wait and check health again in 5 minutes (the result was cached for 5 minutes).',
      'If it is still connecting after 10 minutes, contact support with the health answer and the time it started.',
    ],
    escalation: {
      verdict: 'if',
      rule: { kind: 'persists', minutes: 10 },
      when: 'if it is still connecting after 10 minutes',
    },
    severity: 'info',
    retry: 'later',
    related: ['gateway-disconnected'],
    keywords: ['connecting', 'reconnecting', 'gateway', 'on-premise'],
  },
  {
    id: 'gateway-disconnected',
    code: 'disconnected',
    generation: 'onprem',
    surfaces: ['health-check'],
    title: 'Gateway disconnected: number offline',
    meaning:
      'The Coreapp is not connected to the WhatsApp servers, so the number cannot send. In high-availability setups this is normal for ' +
      'standby nodes; it only matters for the node that should be active. On-Premise was retired in October 2025.',
    steps: [
      'In a high-availability setup, check whether any node is connected; if one is, the disconnected ones are standby nodes.',
      'Check health again after 5 minutes; 360dialog usually reconnects within 5 to 10 minutes.',
      'If no node is connected after 10 minutes, contact support with the full health answer and the time it started.',
    ],
    escalation: {
      verdict: 'if',
      rule: { kind: 'persists', minutes: 10 },
      when: 'if no node has reconnected after 10 minutes',
    },
    severity: 'critical',
    retry: 'later',
    related: ['onprem-1014'],
    keywords: ['disconnected', 'offline', 'gateway', 'wacore', 'coreapp', 'high availability', 'on-premise'],
  },
  {
    id: 'gateway-uninitialized',
    code: 'uninitialized',
    generation: 'onprem',
    surfaces: ['health-check'],
    title: 'Gateway uninitialized: upgrading or setting up the database',
    meaning:
      'The client is not ready yet, typically because it is upgrading or initialising its database schema. On-Premise was retired in ' +
      'October 2025.',
    steps: [
      'Wait a few minutes and check health again.',
      'If it is still uninitialized after 10 minutes, contact support with the health answer and the time it started.',
    ],
    escalation: {
      verdict: 'if',
      rule: { kind: 'persists', minutes: 10 },
      when: 'if it is still uninitialized after 10 minutes',
    },
    severity: 'warning',
    retry: 'later',
    keywords: ['uninitialized', 'upgrade', 'database', 'gateway', 'on-premise'],
  },
  {
    id: 'gateway-unregistered',
    code: 'unregistered',
    generation: 'onprem',
    surfaces: ['health-check'],
    title: 'Gateway unregistered: number not registered',
    meaning:
      'The client or number is not registered with WhatsApp and needs registration before it can send. On-Premise was retired in ' +
      'October 2025; on Cloud the same state shows as 133010.',
    steps: [
      'Stop sending from the number; all messages will fail.',
      'Contact support now with the full health answer, the number and the time it started.',
      'Check WhatsApp Manager for policy notices on the number.',
    ],
    escalation: { verdict: 'now', why: 'Registering the number again is done by 360dialog.' },
    severity: 'critical',
    retry: 'no',
    opensAtOnce: true,
    related: ['onprem-1011', 'cloud-133010'],
    keywords: ['unregistered', 'registration', 'not registered', 'gateway', 'on-premise'],
  },
] as const satisfies readonly CatalogEntry[];
