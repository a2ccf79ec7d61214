import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HttpRoute } from '../http/route.js';
import type { Logger } from '../telemetry/log.js';
import type { Metrics } from '../telemetry/metrics.js';
import { parseWebhook, type WebhookEvent } from './parse.js';

export const WEBHOOK_PATH = '/webhooks/360dialog';
export const MAX_BODY_BYTES = 1024 * 1024;

export interface ReceiverOptions {
  readonly secret: string;
  readonly logger: Logger;
  /** Called after the answer went out, with the events and the ?number= query if any. */
  readonly onEvents: (events: WebhookEvent[], numberHint: string | undefined) => void;
  readonly now?: () => number;
  readonly maxBytes?: number;
  readonly metrics?: Metrics;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest();

// Hashing both sides first makes the comparison constant-time whatever their lengths; the expected side is hashed once.
function sameSecret(given: string, expectedHash: Buffer): boolean {
  return timingSafeEqual(sha256(given), expectedHash);
}

function answer(res: ServerResponse, status: number, body: object): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/**
 * Refuses an oversized body: the 413 goes out first and the rest is thrown away as it arrives
 * (cutting the socket at once can reset it before the client reads the answer); a sender that
 * keeps going is cut off after a few seconds.
 */
function refuseTooLarge(req: IncomingMessage, res: ServerResponse, max: number, metrics: Metrics | undefined): void {
  metrics?.inc('wa_health_webhook_requests_total', { outcome: 'too_large' });
  answer(res, 413, { error: `body over ${max} bytes` });
  req.removeAllListeners('data');
  req.resume();
  setTimeout(() => req.destroy(), 5000).unref();
}

/**
 * Each delivery's own name (parse.ts): its arrival time and a count, after a prefix of this process, so
 * that two replicas' deliveries of one payload in the same millisecond stay two in the shared windows.
 */
function deliveryNames(): (receivedAt: number) => string {
  const process = randomBytes(4).toString('hex');
  let count = 0;
  return (receivedAt) => {
    count += 1;
    return `${process}.${receivedAt}.${count}`;
  };
}

/**
 * POST /webhooks/360dialog. 360dialog counts anything but a quick 200 as a failed delivery and
 * queues it (a slow receiver is itself what 1016 is about), so the answer goes out as soon as the
 * body is read and parsed, and the counting happens after.
 */
export function webhookRoute(options: ReceiverOptions): HttpRoute {
  const now = options.now ?? Date.now;
  const max = options.maxBytes ?? MAX_BODY_BYTES;
  const expectedHash = sha256(options.secret);
  const deliveryOf = deliveryNames();
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const given = req.headers['x-webhook-secret'];
    if (typeof given !== 'string' || !sameSecret(given, expectedHash)) {
      req.resume();
      options.metrics?.inc('wa_health_webhook_requests_total', { outcome: 'unauthorized' });
      answer(res, 401, { error: 'missing or wrong X-Webhook-Secret header' });
      return;
    }
    if (Number(req.headers['content-length'] ?? 0) > max) {
      refuseTooLarge(req, res, max, options.metrics);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    req.on('data', (chunk: Buffer) => {
      if (refused) return;
      size += chunk.length;
      if (size > max) {
        refused = true;
        refuseTooLarge(req, res, max, options.metrics);
        return;
      }
      chunks.push(chunk);
    });
    req.on('error', () => {});
    req.on('end', () => {
      if (refused) return;
      const receivedAt = now();
      let body: unknown;
      try {
        body = JSON.parse(Buffer.concat(chunks, size).toString('utf8'));
      } catch {
        options.metrics?.inc('wa_health_webhook_requests_total', { outcome: 'bad_json' });
        answer(res, 400, { error: 'body is not JSON' });
        return;
      }
      options.metrics?.inc('wa_health_webhook_requests_total', { outcome: 'accepted' });
      answer(res, 200, { ok: true });
      // Most deliveries carry no query: no URL to parse then.
      const url = req.url ?? '/';
      const hint = url.includes('?') ? (new URL(url, 'http://x').searchParams.get('number') ?? undefined) : undefined;
      const delivery = deliveryOf(receivedAt);
      setImmediate(() => {
        try {
          options.onEvents(parseWebhook(body, receivedAt, delivery), hint);
        } catch (error) {
          options.logger.error('processing a 360dialog webhook failed', error);
        }
      });
    });
  };
  return { path: WEBHOOK_PATH, method: 'POST', handler };
}
