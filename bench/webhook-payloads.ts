/**
 * 360dialog Cloud webhook payloads as they come in bulk: 1 to 50 statuses each, for 200 numbers,
 * one status in ten failed across several codes. Deterministic, so every run sends the same mix.
 */
export const NUMBERS = 200;
const FAILURES = [
  { code: 131047, title: 'Re-engagement message', details: 'More than 24 hours have passed since the customer last replied.' },
  { code: 131048, title: 'Spam rate limit hit', details: 'Message failed to send because there are restrictions on how many messages.' },
  { code: 130429, title: 'Rate limit hit', details: 'Cloud API message throughput has been reached.' },
  {
    code: 132001,
    title: 'Template name does not exist in the translation',
    details: 'template name (order_update) does not exist in en_US',
  },
  { code: 131026, title: 'Message Undeliverable', details: 'Unable to deliver message.' },
  { code: 131000, title: 'Something went wrong', details: 'Message failed to send due to an unknown error.' },
];
const STATES = ['sent', 'delivered', 'read'];

export const phoneOf = (i: number) => `1555${String(i).padStart(7, '0')}`;

/** A small deterministic generator (mulberry32): the same payloads on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` payloads; message ids are unique per call of `payloads` with a distinct `batch`. */
export function payloads(count: number, batch: number): string[] {
  const next = random(batch + 1);
  const now = Math.floor(Date.now() / 1000);
  return Array.from({ length: count }, (_, p) => {
    const n = Math.floor(next() * NUMBERS);
    const statuses = Array.from({ length: 1 + Math.floor(next() * 50) }, (_, s) => {
      const failed = next() < 0.1 ? FAILURES[Math.floor(next() * FAILURES.length)] : undefined;
      return {
        id: `wamid.B${batch}P${p}S${s}`,
        status: failed ? 'failed' : STATES[s % STATES.length],
        timestamp: String(now),
        recipient_id: `4915${String(p * 50 + s).padStart(9, '0')}`,
        ...(failed ? { errors: [{ code: failed.code, title: failed.title, error_data: { details: failed.details } }] } : {}),
      };
    });
    return JSON.stringify({
      object: 'whatsapp_business_account',
      entry: [
        {
          id: '102290129340398',
          changes: [
            {
              field: 'messages',
              value: {
                messaging_product: 'whatsapp',
                metadata: { display_phone_number: phoneOf(n), phone_number_id: `10654035${String(n).padStart(7, '0')}` },
                statuses,
              },
            },
          ],
        },
      ],
    });
  });
}
