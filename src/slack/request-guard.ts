import type { IncomingMessage } from 'node:http';
import { parse as parseQuery } from 'node:querystring';

/**
 * The checks our HTTP receiver (receiver/http-receiver.ts) makes where Bolt's own request functions trust
 * too much. They are plain functions the receiver calls in order, not patches: no Bolt upgrade can skip them.
 */

/** Slack's own rule for replays: a request stamped more than five minutes away is refused. */
export const MAX_SKEW_S = 5 * 60;
/** Slack's largest payloads (view submissions) are far below this. */
export const BODY_LIMIT = 1024 * 1024;

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
 * Whether the body is one Slack sends: an interaction or event object with a `type`, a slash
 * command, or an SSL check. Anything else is refused before Bolt, which throws or stalls on it
 * (a correctly signed `payload=null` used to throw inside a promise nobody awaited).
 */
export function isWellFormedSlackBody(raw: string, contentType: string | undefined): boolean {
  try {
    if (contentType === 'application/x-www-form-urlencoded') {
      const form = parseQuery(raw);
      if (typeof form.payload === 'string') return hasType(JSON.parse(form.payload));
      return form.payload === undefined && (typeof form.command === 'string' || form.ssl_check === '1');
    }
    return hasType(JSON.parse(raw));
  } catch {
    return false;
  }
}
