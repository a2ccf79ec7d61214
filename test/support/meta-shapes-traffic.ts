/**
 * Our own rewrite of the traffic shapes Meta's webhook reference documents — messages of every type,
 * statuses, value-level errors, BSUID-only senders, history, echoes, app state sync, user preferences,
 * standby and messaging_handovers — none of which may alarm on its own.
 */
import * as m from './meta-payloads.js';
import type { DocumentedShape } from './meta-shapes.js';

const T = Date.UTC(2026, 11, 1, 10, 0, 0);
const seconds = (i: number) => String(Math.floor(T / 1000) + i);
const USER = '5511900000001';
const BSUID = 'user.5c1d0e2f4a6b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3f4a5b6c7d8e9f0a1b2c3d';
const contacts = [{ profile: { name: 'Rui S.' }, wa_id: USER }];
const message = (i: number, type: string, content: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  contacts,
  messages: [{ from: USER, id: `wamid.T${i}`, timestamp: seconds(i), type, ...content, ...extra }],
});
const traffic = (name: string, field: string, value: Record<string, unknown>): DocumentedShape => ({
  name,
  body: m.traffic(field, value, T),
  expect: 'none',
});
const msg = (i: number, type: string, content: Record<string, unknown>, extra?: Record<string, unknown>) =>
  traffic(`messages ${type} (example ${i})`, 'messages', message(i, type, content, extra));
const status = (i: number, state: string, extra: Record<string, unknown> = {}) => ({
  statuses: [{ id: `wamid.S${i}`, status: state, timestamp: seconds(i), recipient_id: USER, ...extra }],
});
const pricing = { pricing: { billable: true, pricing_model: 'PMP', type: 'regular', category: 'utility' } };

export const trafficShapes: DocumentedShape[] = [
  msg(1, 'text', { text: { body: 'Do you ship to Porto?' } }),
  traffic('messages status delivered', 'messages', status(2, 'delivered', pricing)),
  msg(3, 'audio', { audio: { mime_type: 'audio/ogg; codecs=opus', sha256: 'aGVsbG8=', id: '7300100', voice: true } }),
  msg(4, 'button', { button: { payload: 'Stop promotions', text: 'Stop promotions' }, context: { from: m.PHONE, id: 'wamid.C4' } }),
  msg(5, 'contacts', {
    contacts: [{ name: { formatted_name: 'Ana P.', first_name: 'Ana' }, phones: [{ phone: '+55 11 90000-0002', type: 'CELL' }] }],
  }),
  msg(6, 'document', { document: { filename: 'invoice.pdf', mime_type: 'application/pdf', sha256: 'aGk=', id: '7300101' } }),
  traffic('messages errors 130429 (value level)', 'messages', {
    errors: [
      { code: 130429, title: 'Rate limit hit', message: 'Rate limit hit', error_data: { details: 'Too many messages in a short time' } },
    ],
  }),
  msg(
    8,
    'text',
    { text: { body: 'Is this in stock?' } },
    { referral: { source_url: 'https://example.test/ad', source_type: 'ad', headline: 'Plants' } },
  ),
  msg(9, 'image', { image: { caption: 'this one', mime_type: 'image/jpeg', sha256: 'aW1n', id: '7300102' } }),
  msg(10, 'location', { location: { latitude: -23.55, longitude: -46.63, name: 'Shop', address: 'Rua A, 1' } }),
  msg(11, 'order', {
    order: { catalog_id: '7300200', product_items: [{ product_retailer_id: 'fern-1', quantity: 2, item_price: 10, currency: 'BRL' }] },
  }),
  traffic('messages status sent', 'messages', status(12, 'sent', { conversation: { id: 'c1', origin: { type: 'utility' } }, ...pricing })),
  traffic('messages status sent (variant)', 'messages', status(13, 'sent', pricing)),
  traffic(
    'messages status failed (one)',
    'messages',
    status(14, 'failed', { errors: [{ code: 131049, title: 'Not delivered to keep engagement healthy' }] }),
  ),
  msg(15, 'sticker', { sticker: { mime_type: 'image/webp', sha256: 'c3Rr', id: '7300103', animated: false } }),
  msg(16, 'system', {
    system: { body: 'User changed from 5511900000001 to 5511900000009', wa_id: '5511900000009', type: 'user_changed_number' },
  }),
  msg(17, 'text', { text: { body: 'Thanks!' } }, { context: { from: m.PHONE, id: 'wamid.C17' } }),
  msg(
    18,
    'text',
    { text: { body: 'Tell me more about item 4' } },
    { context: { from: m.PHONE, id: 'wamid.C18', referred_product: { catalog_id: '7300200', product_retailer_id: 'fern-4' } } },
  ),
  msg(19, 'text', { text: { body: 'Hello @channel <!here>' } }, { context: { forwarded: true } }),
  msg(20, 'unsupported', {
    errors: [{ code: 131051, title: 'Message type unknown', error_data: { details: 'Message type is not currently supported' } }],
  }),
  msg(21, 'video', { video: { mime_type: 'video/mp4', sha256: 'dmlk', id: '7300104' } }),
  msg(22, 'edit', { edit: { original_message_id: 'wamid.T1', message: { type: 'text', text: { body: 'Do you ship to Lisbon?' } } } }),
  msg(23, 'revoke', { revoke: { original_message_id: 'wamid.T1' } }),
  msg(24, 'text', { text: { body: 'Oi' } }, { identity: { acknowledged: true, created_timestamp: seconds(24), hash: 'aWQ=' } }),
  traffic('messages status delivered (BSUID with phone)', 'messages', {
    contacts: [{ profile: { name: 'Rui S.', username: '@rui' }, wa_id: USER, user_id: BSUID }],
    ...status(26, 'delivered', { recipient_user_id: BSUID, ...pricing }),
  }),
  traffic('messages status delivered (BSUID only, no wa_id)', 'messages', {
    contacts: [{ profile: { name: 'Rui S.', username: '@rui' }, wa_id: '', user_id: BSUID }],
    statuses: [{ id: 'wamid.S27', status: 'delivered', timestamp: seconds(27), recipient_id: '', recipient_user_id: BSUID, ...pricing }],
  }),
  traffic('messages text (BSUID only sender)', 'messages', {
    contacts: [{ profile: { name: 'Rui S.', username: '@rui' }, wa_id: '', user_id: BSUID }],
    messages: [{ from: '', from_user_id: BSUID, id: 'wamid.T28', timestamp: seconds(28), type: 'text', text: { body: 'hi' } }],
  }),
  msg(29, 'system', {
    system: { body: 'User changed their user id', wa_id: '5511900000009', user_id: BSUID, type: 'user_changed_user_id' },
  }),
  traffic('history (chunk)', 'history', {
    history: [
      {
        metadata: { phase: 0, chunk_order: 1, progress: 40 },
        threads: [
          {
            id: USER,
            messages: [
              {
                from: m.PHONE,
                id: 'wamid.H1',
                timestamp: seconds(30),
                type: 'text',
                text: { body: 'old' },
                history_context: { status: 'READ' },
              },
            ],
          },
        ],
      },
    ],
  }),
  traffic('history (media)', 'history', {
    history: [
      {
        metadata: { phase: 1, chunk_order: 2, progress: 80 },
        threads: [
          {
            id: USER,
            messages: [
              { from: USER, id: 'wamid.H2', timestamp: seconds(31), type: 'image', image: { id: '7300105', mime_type: 'image/jpeg' } },
            ],
          },
        ],
      },
    ],
  }),
  traffic('history (declined: errors)', 'history', {
    history: [
      {
        errors: [{ code: 2593109, title: 'History sync is turned off by the business', error_data: { details: 'History sharing is off' } }],
      },
    ],
  }),
  traffic('smb_app_state_sync', 'smb_app_state_sync', {
    state_sync: [
      {
        type: 'contact',
        contact: { full_name: 'Ana P.', first_name: 'Ana', phone_number: USER },
        action: 'add',
        metadata: { timestamp: seconds(33) },
      },
    ],
  }),
  traffic('smb_message_echoes', 'smb_message_echoes', {
    message_echoes: [
      { from: m.PHONE, to: USER, id: 'wamid.E1', timestamp: seconds(34), type: 'text', text: { body: 'Sent from the app' } },
    ],
  }),
  traffic('user_preferences', 'user_preferences', {
    contacts: [{ wa_id: USER }],
    user_preferences: [
      {
        wa_id: USER,
        detail: 'User asked to stop marketing messages',
        category: 'marketing_messages',
        value: 'stop',
        timestamp: Number(seconds(35)),
      },
    ],
  }),
  traffic('standby message', 'standby', message(36, 'text', { text: { body: 'Can the agent help?' } })),
  traffic('standby status delivered', 'standby', status(37, 'delivered')),
  traffic('messaging_handovers control_passed', 'messaging_handovers', {
    type: 'control_passed',
    sender: { wa_id: USER },
    control_passed: { previous_owner_role: 'meta_business_agent', new_owner_role: 'escalation' },
  }),
];
