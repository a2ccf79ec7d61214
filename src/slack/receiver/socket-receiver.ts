/**
 * The Socket Mode receiver: a Bolt `Receiver` over Slack's Socket Mode protocol, written here because
 * Bolt's SocketModeReceiver (@slack/socket-mode 3) holds one connection and only replaces it after it
 * closed — every command Slack sends during a refresh is lost — and it ends the process when
 * apps.connections.open is rate-limited. This one:
 * - opens the replacement *before* the old connection goes (on Slack's `warning` or `refresh_requested`)
 *   and keeps answering on the old one until Slack closes it;
 * - replaces a dropped or deaf connection at once, and waits out refusals (Retry-After, else the one
 *   backoff) for as long as it takes, never exiting;
 * - stops on `link_disabled` and on a refused app token, saying why, and tells readiness all of it.
 * Our own routes (webhooks, health, metrics) are served on PORT beside it.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { App, Receiver } from '@slack/bolt';
import { BotError } from '../../errors.js';
import type { HttpRoute } from '../../http/route.js';
import type { Logger } from '../../telemetry/log.js';
import type { Metrics } from '../../telemetry/metrics.js';
import { backoffMs } from '../../timing/backoff.js';
import { openConnection } from './connections-open.js';
import { answer, close, listen, ownRoutes } from './serve.js';
import { type Connection, connect, type Envelope, type Heartbeat } from './socket-connection.js';
import { createSocketState, type SocketState } from './socket-state.js';

export interface SocketReceiverOptions {
  readonly appToken: string;
  readonly apiUrl: string;
  readonly routes: readonly HttpRoute[];
  readonly logger: Logger;
  readonly metrics?: Metrics;
  readonly heartbeat?: Heartbeat;
  readonly post?: typeof fetch;
}

export interface SocketReceiver extends Receiver {
  /** Serves our routes on `port`, then connects; resolves once connected or once Slack refused a first time (and retries). */
  start(port: number): Promise<Server>;
  stop(): Promise<void>;
  readonly state: SocketState;
}

const HEARTBEAT: Heartbeat = { pingEveryMs: 5000, helloWithinMs: 10_000 };
/** Refused or unreachable: 1 s, 2 s, 4 s … at most a minute between tries (apps.connections.open is Tier 1). */
const RETRY = { firstMs: 1000, maxMs: 60_000 };
/** A refreshed connection Slack has not closed this long after its replacement said hello is closed by us. */
const DRAIN_MS = 60_000;

/**
 * One closure, longer than most: the open connections, the ones Slack is recycling, the opener loop and the
 * failure count are one state that every handler below reads and changes; each handler is short.
 */
export function createSocketReceiver(options: SocketReceiverOptions): SocketReceiver {
  const { logger } = options;
  const heartbeat = options.heartbeat ?? HEARTBEAT;
  const now = () => performance.now();
  const routed = ownRoutes(options.routes);
  const live = new Set<Connection>();
  const state = createSocketState(now, () => [...live].filter((c) => c.isOpen() && c.isGreeted()), options.metrics);
  /** Connections Slack said it will close (warning, refresh_requested, too_many_websockets): no longer counted on. */
  const leaving = new WeakSet<Connection>();
  let app: App | undefined;
  let server: Server | undefined;
  let stopped = false;
  let opening: Promise<void> | undefined;
  /** Failed tries since the last connection that said hello; the next wait grows with it. */
  let failures = 0;
  let firstOutcome: (outcome: 'connected' | 'waiting' | BotError) => void = () => {};
  /** start() has resolved: what goes wrong from now on is logged here, never thrown. */
  let started = false;

  const counted = () => [...live].filter((c) => !leaving.has(c));
  const wait = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      timer.unref();
    });

  /** Opens connections until one says hello, unless one that is not leaving exists (or is being opened). */
  const ensureConnection = () => {
    if (stopped || state.disabled() || opening || counted().length > 0) return;
    opening = openUntilHello()
      .catch(async (error: unknown) => {
        failures += 1;
        logger.error('opening a Socket Mode connection failed unexpectedly; trying again after a backoff', error);
        await wait(backoffMs(RETRY, failures));
      })
      .finally(() => {
        opening = undefined;
        // A connection may have gone while this one opened (dropped, refreshed): look again.
        ensureConnection();
      });
  };

  const openUntilHello = async (): Promise<void> => {
    while (!stopped && !state.disabled()) {
      const opened = await openConnection(options.apiUrl, options.appToken, options.post);
      if (stopped) return;
      if (opened.kind === 'refused') {
        state.disable(opened.line);
        // At start-up the refusal ends start(), and main.ts says it once; later the process keeps running and says it here.
        if (started) logger.error(opened.line);
        else firstOutcome(new BotError('SLACK_START_TOKEN_REFUSED', opened.line));
        return;
      }
      let why: string;
      let afterMs: number | undefined;
      if (opened.kind === 'url') {
        const connection = connect(opened.url, hooks, heartbeat, now);
        live.add(connection);
        const greeted = await connection.ready;
        if (stopped) return;
        if (greeted === 'hello') {
          failures = 0;
          state.connected(connection);
          logger.info(`Socket Mode connection ${connection.id} open (Slack counts ${connection.slackCount()} for this app)`);
          firstOutcome('connected');
          drainLeaving();
          return;
        }
        why = `the Socket Mode connection closed before Slack said hello (${greeted.closed})`;
      } else {
        why = opened.why;
        afterMs = opened.afterMs;
      }
      failures += 1;
      const delay = afterMs ?? backoffMs(RETRY, failures);
      state.refused(`${why}: retrying, and commands and clicks cannot reach the bot until a connection opens`);
      logger.warn(`${why}: trying again in ${Math.ceil(delay / 1000)} s`);
      firstOutcome('waiting');
      await wait(delay);
    }
  };

  /** Once a replacement said hello, connections Slack is recycling get a last while to deliver, then go. */
  const drainLeaving = () => {
    for (const c of live) {
      if (leaving.has(c)) setTimeout(() => c.close('refreshed: its replacement is open'), DRAIN_MS).unref();
    }
  };

  const onDisconnect = (connection: Connection, reason: string) => {
    if (reason === 'link_disabled') {
      const line =
        "Slack turned Socket Mode off for this app (link_disabled): turn it on under the app's Settings → Socket Mode " +
        '(or unset SLACK_APP_TOKEN for HTTP mode), then restart the bot';
      state.disable(line);
      logger.error(line);
      for (const c of live) c.close('link_disabled');
      return;
    }
    leaving.add(connection);
    if (reason === 'too_many_websockets') {
      // Old deploys and other replicas hold the app's ten connections; this one is closed by Slack. Another
      // try waits for the backoff, so a crowded app is not crowded further.
      failures += 1;
      logger.warn(`Slack closes Socket Mode connection ${connection.id}: the app has too many open (too_many_websockets)`);
      return;
    }
    const carrying = counted().find((c) => c.isGreeted());
    if (carrying) logger.info(`Slack will close Socket Mode connection ${connection.id} (${reason}): connection ${carrying.id} carries on`);
    else logger.info(`Slack will refresh Socket Mode connection ${connection.id} (${reason}): opening its replacement first`);
    ensureConnection();
  };

  const onClose = (connection: Connection, why: string) => {
    live.delete(connection);
    if (stopped) return;
    if (leaving.has(connection)) logger.info(`Socket Mode connection ${connection.id} closed (${why})`);
    else if (!state.disabled()) logger.warn(`Socket Mode connection ${connection.id} dropped (${why}): replacing it`);
    if (failures > 0 && counted().length === 0 && !opening) {
      // too_many_websockets: the replacement waits its turn.
      const delay = backoffMs(RETRY, failures);
      void wait(delay).then(ensureConnection);
      return;
    }
    ensureConnection();
  };

  const onEnvelope = (connection: Connection, envelope: Envelope) => {
    let acked = false;
    // The answer goes back on the connection that brought the envelope; if that one has closed since, on any other.
    const ack = async (response?: unknown) => {
      if (acked) return logger.debug(`envelope ${envelope.envelope_id} was acknowledged already`);
      acked = true;
      const payload = typeof response === 'string' ? { text: response } : (response ?? {});
      const message = { envelope_id: envelope.envelope_id, payload };
      const sent = connection.send(message) || [...live].reverse().some((c) => c.send(message));
      if (!sent) logger.warn(`could not acknowledge Slack envelope ${envelope.envelope_id}: no Socket Mode connection is open`);
    };
    const { payload } = envelope;
    if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
      logger.warn(`ignored a Socket Mode envelope of type ${String(envelope.type)} whose payload is not an object`);
      void ack();
      return;
    }
    const retryNum = typeof envelope.retry_attempt === 'number' ? envelope.retry_attempt : undefined;
    const retryReason = typeof envelope.retry_reason === 'string' && envelope.retry_reason !== '' ? envelope.retry_reason : undefined;
    app
      ?.processEvent({
        body: payload as Record<string, unknown>,
        ack,
        ...(retryNum !== undefined ? { retryNum } : {}),
        ...(retryReason !== undefined ? { retryReason } : {}),
      })
      .catch((error: unknown) => logger.error(`Bolt could not process a Socket Mode envelope (${String(envelope.type)})`, error));
  };

  const hooks = { onEnvelope, onDisconnect, onClose, debug: (message: string) => logger.debug(message) };

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    if (!routed(req, res)) answer(res, 404);
  };

  return {
    state,
    init(given: App) {
      app = given;
    },
    async start(port: number) {
      stopped = false;
      server = await listen(port, handle, (error) => logger.error('the HTTP server failed', error));
      const outcome = await new Promise<'connected' | 'waiting' | BotError>((resolve) => {
        firstOutcome = (o) => {
          firstOutcome = () => {};
          started = true;
          resolve(o);
        };
        ensureConnection();
      });
      if (outcome instanceof BotError) {
        await close(server);
        throw outcome;
      }
      if (outcome === 'waiting')
        logger.warn('Slack has not opened a Socket Mode connection yet: polling and posting go ahead, the socket keeps trying');
      return server;
    },
    async stop() {
      stopped = true;
      const closing = [...live].map((c) => c.closed);
      for (const c of live) c.close('shutting down');
      await Promise.all([close(server), ...closing]);
      server = undefined;
    },
  };
}
