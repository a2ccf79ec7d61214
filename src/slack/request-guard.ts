import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseQuery } from 'node:querystring';
import type { HTTPReceiver } from '@slack/bolt';
import type { Logger } from '../telemetry/log.js';

/** Slack's own rule for replays: a request stamped more than five minutes away is refused. */
const MAX_SKEW_S = 5 * 60;
/** Slack's largest payloads (view submissions) are far below this. */
const BODY_LIMIT = 1024 * 1024;

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

function answer(res: ServerResponse, status: number): void {
  if (!res.headersSent) res.writeHead(status).end();
}

async function readBody(req: IncomingMessage): Promise<Buffer | 'too-large'> {
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
 * command, or an SSL check. Anything else is refused before Bolt, which throws or stalls on it.
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

/**
 * Hardens Bolt's HTTP receiver where it trusts too much:
 * - Bolt rejects stale timestamps but not future ones, so a request stamped an hour ahead could
 *   be replayed for an hour; a request more than five minutes ahead is refused like a stale one.
 * - A correctly signed body that is not an object (`payload=null`) makes Bolt throw inside a
 *   promise nobody awaits, which ends the process. The body is read here first, checked, and
 *   handed on already buffered (Bolt uses a request's `rawBody` when it is there).
 */
export function guardReceiver(receiver: HTTPReceiver, logger: Logger, now: () => number = Date.now): void {
  const internals = receiver as unknown as { handleIncomingEvent: Handler };
  const handle = internals.handleIncomingEvent.bind(receiver);
  internals.handleIncomingEvent = (req, res) => {
    const stamp = Number(req.headers['x-slack-request-timestamp']);
    if (Number.isFinite(stamp) && stamp - now() / 1000 > MAX_SKEW_S) {
      logger.warn('refused a Slack request stamped more than 5 minutes in the future');
      return answer(res, 401);
    }
    readBody(req).then(
      (body) => {
        if (body === 'too-large') {
          logger.warn('refused a Slack request over 1 MB');
          return answer(res, 413);
        }
        if (!isWellFormedSlackBody(body.toString('utf8'), req.headers['content-type'])) {
          logger.warn('refused a malformed Slack request: not an interaction, event or command');
          return answer(res, 400);
        }
        Object.assign(req, { rawBody: body });
        handle(req, res);
      },
      (error: unknown) => {
        logger.warn('could not read a Slack request', error);
        answer(res, 400);
      },
    );
  };
}
