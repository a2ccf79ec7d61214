import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import {
  type App,
  type Logger as BoltLogger,
  type BufferedIncomingMessage,
  HTTPModuleFunctions as http,
  HTTPResponseAck,
  type Receiver,
} from '@slack/bolt';
import type { HttpRoute } from '../../http/route.js';
import type { Logger } from '../../telemetry/log.js';
import { isStampedAhead, wellFormedSlackBody, readBody } from '../request-guard.js';
import { answer, close, listen, ownRoutes, pathOf } from './serve.js';

export const SLACK_PATH = '/slack/events';

export interface HttpReceiverOptions {
  readonly signingSecret: string;
  readonly routes: readonly HttpRoute[];
  readonly logger: Logger;
  /** Bolt's logger shape, for Bolt's own request functions (signature failures are logged there). */
  readonly boltLogger: BoltLogger;
  readonly now?: () => number;
}

export interface HttpReceiver extends Receiver {
  start(port: number): Promise<Server>;
  stop(): Promise<void>;
}

/**
 * The HTTP mode receiver: one `node:http` server for Slack's POST /slack/events and our own routes, built
 * from Bolt's public request functions (HTTPModuleFunctions, HTTPResponseAck) rather than by patching
 * Bolt's HTTPReceiver. The order of checks is ours: the future-timestamp guard and the size limit cost
 * nothing, so they come first; then Slack's signature; then the body's shape, so nothing unsigned learns
 * which bodies we would have refused. Longer than most because those checks are one sequence, read top to bottom.
 */
export function createHttpReceiver(options: HttpReceiverOptions): HttpReceiver {
  const { signingSecret, logger, boltLogger } = options;
  const now = options.now ?? Date.now;
  const routed = ownRoutes(options.routes);
  let app: App | undefined;
  let server: Server | undefined;

  const handleSlack = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (isStampedAhead(req, now())) {
      logger.warn('refused a Slack request stamped more than 5 minutes in the future');
      return answer(res, 401);
    }
    const raw = await readBody(req);
    if (raw === 'too-large') {
      logger.warn('refused a Slack request over 1 MB');
      return answer(res, 413);
    }
    const buffered = Object.assign(req, { rawBody: raw }) as BufferedIncomingMessage;
    try {
      // Checks the signature and the stale-timestamp window; an ssl_check body comes back stripped to that field.
      await http.parseAndVerifyHTTPRequest({ signingSecret, logger: boltLogger }, buffered);
    } catch (error) {
      logger.warn('refused a Slack request that is not signed with SLACK_SIGNING_SECRET', error);
      return answer(res, 401);
    }
    const body = wellFormedSlackBody(buffered.rawBody.toString('utf8'), req.headers['content-type']);
    if (!body) {
      logger.warn('refused a malformed Slack request: not an interaction, event or command');
      return answer(res, 400);
    }
    if (body.ssl_check === '1') return http.buildSSLCheckResponse(res);
    if (body.type === 'url_verification') return http.buildUrlVerificationResponse(res, body);
    // Answers 404 when no listener acks within 3 s, as Bolt's own receiver does.
    const ack = new HTTPResponseAck({
      logger: boltLogger,
      processBeforeResponse: false,
      httpRequest: buffered,
      httpRequestBody: body,
      httpResponse: res,
    });
    try {
      await app?.processEvent({
        body,
        ack: ack.bind(),
        retryNum: http.extractRetryNumFromHTTPRequest(req),
        retryReason: http.extractRetryReasonFromHTTPRequest(req),
      });
    } catch (error) {
      // A listener's own failure is answered by app.error (slack/errors.ts); this is what Bolt throws past it.
      const acked = await http.defaultProcessEventErrorHandler({
        error: error as Error,
        logger: boltLogger,
        request: req,
        response: res,
        storedResponse: undefined,
      });
      if (acked) ack.ack();
    }
  };

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    if (routed(req, res)) return;
    if (req.method === 'POST' && pathOf(req) === SLACK_PATH) {
      handleSlack(req, res).catch((error: unknown) => {
        logger.warn('could not read a Slack request', error);
        answer(res, 400);
      });
      return;
    }
    answer(res, 404);
  };

  return {
    init(given: App) {
      app = given;
    },
    async start(port: number) {
      server = await listen(port, handle, (error) => logger.error('the HTTP server failed', error));
      return server;
    },
    async stop() {
      await close(server);
      server = undefined;
    },
  };
}
