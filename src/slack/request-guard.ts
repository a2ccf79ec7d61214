import type { IncomingMessage } from 'node:http';
import { parse as parseQuery } from 'node:querystring';

/**
 * The checks our HTTP receiver (receiver/http-receiver.ts) makes where Bolt's own request functions trust
 * too much. They are plain functions the receiver calls in order, not patches: no Bolt upgrade can skip them.
 */

/** Slack's own rule for replays: a request stamped more than five minutes away is refused. */
const MAX_SKEW_S = 5 * 60;
/** Slack's largest payloads (view submissions) are far below this. */
const BODY_LIMIT = 1024 * 1024;

/**
 * Bolt rejects stale timestamps but not future ones, so a request stamped an hour ahead could be replayed
 * for an hour: one more than five minutes ahead is refused like a stale one.
 */
export function isStampedAhead(req: IncomingMessage, now: number): boolean {
  const stamp = Number(req.headers['x-slack-request-timestamp']);
  return Number.isFinite(stamp) && stamp - now / 1000 > MAX_SKEW_S;
}

/** The whole body, or 'too-large' as soon as it passes BODY_LIMIT (the rest is not read). */
export async function readBody(req: IncomingMessage): Promise<Buffer | 'too-large'> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > BODY_LIMIT) return 'too-large';
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

const hasType = (value: unknown) => typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';

/**
 * The body as Bolt's parseHTTPRequestBody reads it, if it is one Slack sends: an interaction or event object with a
 * `type`, a slash command, or an SSL check; undefined for anything else, which is refused before Bolt (Bolt throws
 * or stalls on it: a correctly signed `payload=null` used to throw inside a promise nobody awaited). Parsed here
 * once, and handed to Bolt, rather than checked here and parsed again there.
 */
export function wellFormedSlackBody(raw: string, contentType: string | undefined): Record<string, unknown> | undefined {
  try {
    if (contentType === 'application/x-www-form-urlencoded') {
      const form = parseQuery(raw);
      if (typeof form.payload === 'string') {
        const payload: unknown = JSON.parse(form.payload);
        return hasType(payload) ? (payload as Record<string, unknown>) : undefined;
      }
      return form.payload === undefined && (typeof form.command === 'string' || form.ssl_check === '1') ? { ...form } : undefined;
    }
    const body: unknown = JSON.parse(raw);
    return hasType(body) ? (body as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
