/**
 * One Socket Mode WebSocket: Slack's `hello`, its envelopes, its `disconnect` notices, and a heartbeat
 * that notices a link gone deaf. What to do about any of it (open another, drain, give up) is the
 * receiver's decision (socket-receiver.ts); this file only reports. The only importer of `ws`: Node 20
 * has no WebSocket client of its own, and Slack's heartbeat is WebSocket ping/pong frames, which the
 * browser-style WebSocket in undici cannot send.
 */
import WebSocket from 'ws';

/** What Slack sends on a connection, as far as we read it (Slack's Socket Mode protocol). */
export interface Envelope {
  readonly envelope_id: string;
  readonly type: string;
  readonly payload: unknown;
  readonly accepts_response_payload?: boolean;
  readonly retry_attempt?: number;
  readonly retry_reason?: string;
}

export interface ConnectionHooks {
  onEnvelope(connection: Connection, envelope: Envelope): void;
  /** Slack's `disconnect` notice: `warning`, `refresh_requested`, `link_disabled`, `too_many_websockets` … */
  onDisconnect(connection: Connection, reason: string): void;
  /** The socket ended, whatever the cause; called once. */
  onClose(connection: Connection, why: string): void;
  debug(message: string): void;
}

export interface Heartbeat {
  /** A ping goes out this often; a ping with no frame at all back by the next one means the link is dead. */
  readonly pingEveryMs: number;
  /** A connection that has not said hello by then is given up. */
  readonly helloWithinMs: number;
}

export interface Connection {
  readonly id: number;
  /** Resolves with 'hello' once Slack greets, or with why the socket ended before it did. */
  readonly ready: Promise<'hello' | { readonly closed: string }>;
  /** Slack counted this many connections for the app when it said hello (0 before). */
  readonly slackCount: () => number;
  /** When the last frame of any kind (message, ping, pong) arrived, on the monotonic clock. */
  readonly lastFrameAt: () => number;
  isOpen(): boolean;
  /** Slack said hello on it. */
  isGreeted(): boolean;
  /** Resolves once the socket has ended. */
  readonly closed: Promise<void>;
  /** Sends one JSON message; false when the socket is not open. */
  send(message: object): boolean;
  /** A polite close (1000), cut short if the other side does not answer it. */
  close(why: string): void;
}

const CLOSE_GRACE_MS = 2000;
let nextId = 1;

/**
 * One WebSocket to Slack, as one closure longer than most: the socket, its greeting, the ping timer and the close
 * grace are one state its handlers share; each handler is short.
 */
export function connect(url: string, hooks: ConnectionHooks, heartbeat: Heartbeat, now: () => number): Connection {
  const ws = new WebSocket(url, { handshakeTimeout: heartbeat.helloWithinMs });
  const id = nextId++;
  let lastFrameAt = now();
  let slackCount = 0;
  let closeWhy: string | undefined;
  let greeted: (value: 'hello' | { closed: string }) => void = () => {};
  const ready = new Promise<'hello' | { closed: string }>((resolve) => (greeted = resolve));
  let hello = false;
  let ended: () => void = () => {};
  const closed = new Promise<void>((resolve) => (ended = resolve));
  const frame = () => {
    lastFrameAt = now();
  };

  // Until hello: a socket that never greets is given up. After: one ping per interval, and a ping that drew
  // no frame at all by the next tick means the link is dead. A tick that came late (the event loop was busy)
  // judges nothing: the answer may be sitting unread behind it.
  const helloTimer = setTimeout(() => end(`no hello within ${heartbeat.helloWithinMs} ms`), heartbeat.helloWithinMs);
  let pingedAt: number | undefined;
  let tickedAt = now();
  const beat = setInterval(() => {
    const at = now();
    const late = at - tickedAt > heartbeat.pingEveryMs * 1.5;
    tickedAt = at;
    if (ws.readyState !== WebSocket.OPEN) return;
    if (!late && pingedAt !== undefined && lastFrameAt < pingedAt) {
      end(`no answer to a ping within ${heartbeat.pingEveryMs} ms`);
      return;
    }
    pingedAt = at;
    ws.ping();
  }, heartbeat.pingEveryMs);

  const end = (why: string) => {
    closeWhy ??= why;
    ws.terminate();
  };

  ws.on('message', (data, isBinary) => {
    frame();
    if (isBinary) return hooks.debug(`connection ${id}: ignored a binary frame`);
    let message: unknown;
    try {
      message = JSON.parse(String(data));
    } catch {
      return hooks.debug(`connection ${id}: ignored a frame that is not JSON`);
    }
    if (typeof message !== 'object' || message === null) return hooks.debug(`connection ${id}: ignored a frame that is not an object`);
    const m = message as Partial<Envelope> & { num_connections?: unknown; reason?: unknown };
    if (m.type === 'hello') {
      clearTimeout(helloTimer);
      slackCount = typeof m.num_connections === 'number' ? m.num_connections : 0;
      hello = true;
      greeted('hello');
    } else if (m.type === 'disconnect') hooks.onDisconnect(connection, typeof m.reason === 'string' ? m.reason : 'unknown');
    else if (typeof m.envelope_id === 'string' && m.envelope_id !== '') hooks.onEnvelope(connection, m as Envelope);
    else hooks.debug(`connection ${id}: ignored a frame of type ${String(m.type)}`);
  });
  ws.on('ping', frame);
  ws.on('pong', frame);
  // Every failure also ends in 'close'; an unheard 'error' event would end the process.
  ws.on('error', (error) => {
    closeWhy ??= error.message;
  });
  ws.on('close', (code) => {
    clearTimeout(helloTimer);
    clearInterval(beat);
    // 1006: the socket ended without a close frame (a reset, a network that dropped it).
    const why = closeWhy ?? (code === 1006 ? 'lost without a close frame' : `closed by Slack (code ${code})`);
    greeted({ closed: why });
    ended();
    hooks.onClose(connection, why);
  });

  const connection: Connection = {
    id,
    ready,
    slackCount: () => slackCount,
    lastFrameAt: () => lastFrameAt,
    isOpen: () => ws.readyState === WebSocket.OPEN,
    isGreeted: () => hello,
    closed,
    send(message) {
      if (ws.readyState !== WebSocket.OPEN) return false;
      ws.send(JSON.stringify(message));
      return true;
    },
    close(why) {
      closeWhy ??= why;
      if (ws.readyState === WebSocket.CONNECTING || ws.readyState === WebSocket.OPEN) {
        ws.close(1000);
        setTimeout(() => ws.terminate(), CLOSE_GRACE_MS).unref();
      }
    },
  };
  return connection;
}
