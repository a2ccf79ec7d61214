import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';

export interface SocketAck {
  readonly envelope_id: string;
  readonly payload?: Record<string, unknown>;
  /** The connection the ack came back on. */
  readonly on: number;
}

export type EnvelopeType = 'slash_commands' | 'interactive' | 'events_api';
export type DisconnectReason = 'warning' | 'refresh_requested' | 'link_disabled' | 'too_many_websockets';

/** One client connection, as Slack's side sees it. */
export interface FakeConnection {
  /** 1 for the first connection the fake ever took, 2 for the next … */
  readonly id: number;
  /** What `hello` said: the app's open connections, this one included. */
  readonly numConnections: number;
  isOpen(): boolean;
  /** Pings the client sent on it. */
  pings(): number;
  readonly closed: Promise<void>;
}

export interface SendOptions {
  /** The connection to deliver on; by default the newest open one (Slack picks one of them). */
  readonly on?: FakeConnection;
  /** Slack's redelivery of an envelope it thinks went unacknowledged: 1, 2, 3 … */
  readonly retryAttempt?: number;
  readonly retryReason?: string;
}

/**
 * Slack's Socket Mode side, as Slack documents it (and @slack/socket-mode's and python-slack-sdk's tests
 * expect): each connection to the URL that apps.connections.open handed out gets `hello` with
 * `num_connections`, then envelopes (`envelope_id`, `type`, `payload`, `accepts_response_payload`,
 * `retry_attempt`, `retry_reason`) it acks by envelope_id; Slack's `disconnect` notices; WebSocket
 * pings both ways; several connections per app, each envelope going to one of them; more than ten
 * refused with `too_many_websockets`.
 */
export interface FakeSocketMode {
  readonly url: string;
  /** Open connections, oldest first. */
  connections(): FakeConnection[];
  /** Resolves once the n-th connection ever (1-based) has been greeted. */
  connection(n: number): Promise<FakeConnection>;
  /** Resolves once a first client is connected. */
  connected(): Promise<void>;
  /** Every connection the fake took, greeted or refused. */
  opened(): number;
  /** Sends one envelope and resolves with the client's ack (on whichever connection it came back). */
  send(type: EnvelopeType, payload: unknown, options?: SendOptions): Promise<SocketAck>;
  /** Every ack received, in order. */
  readonly acks: SocketAck[];
  /** Slack's `disconnect` notice. After link_disabled and too_many_websockets Slack closes the connection itself. */
  disconnect(on: FakeConnection, reason: DisconnectReason): void;
  /** Closes a connection the way Slack ends a refreshed one: a close frame. */
  end(on: FakeConnection): Promise<void>;
  /** Drops a connection without a close frame, as a network that fails does. */
  drop(on: FakeConnection): Promise<void>;
  /** Stops answering the client's pings on a connection: a link gone deaf. */
  deafen(on: FakeConnection): void;
  /** How many connections an app may hold before Slack refuses more (10). */
  maxConnections: number;
  close(): Promise<void>;
}

interface Held {
  readonly ws: WebSocket;
  readonly conn: FakeConnection;
  deaf: boolean;
  pings: number;
}

export async function startFakeSocketMode(): Promise<FakeSocketMode> {
  // Pings are answered by hand, so a connection can be made deaf.
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, autoPong: false });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  const { port } = wss.address() as AddressInfo;
  const waiting = new Map<string, (ack: SocketAck) => void>();
  const acks: SocketAck[] = [];
  const held: Held[] = [];
  const greeted = new Map<number, FakeConnection>();
  const greetWaiters = new Map<number, Array<(c: FakeConnection) => void>>();
  let taken = 0;
  const open = () => held.filter((h) => h.conn.isOpen());
  const find = (conn: FakeConnection) => {
    const h = held.find((x) => x.conn === conn);
    if (!h) throw new Error(`connection ${conn.id} is not one of the fake's`);
    return h;
  };
  const notice = (reason: DisconnectReason) =>
    JSON.stringify({ type: 'disconnect', reason, debug_info: { host: 'fake-applink' }, connection_info: { app_id: 'A0FAKE' } });

  wss.on('connection', (ws) => {
    taken += 1;
    const id = taken;
    let closedResolve: () => void = () => {};
    const closed = new Promise<void>((resolve) => (closedResolve = resolve));
    ws.on('close', () => closedResolve());
    ws.on('error', () => undefined);
    if (open().length >= fake.maxConnections) {
      // Slack says why, then closes: the app already holds as many connections as it may.
      ws.send(notice('too_many_websockets'));
      ws.close(1008);
      return;
    }
    const h: Held = {
      ws,
      deaf: false,
      pings: 0,
      conn: { id, numConnections: open().length + 1, isOpen: () => ws.readyState === ws.OPEN, pings: () => h.pings, closed },
    };
    held.push(h);
    ws.on('ping', (data) => {
      h.pings += 1;
      if (!h.deaf) ws.pong(data);
    });
    ws.on('message', (data) => {
      const ack = { ...(JSON.parse(String(data)) as Omit<SocketAck, 'on'>), on: id };
      acks.push(ack);
      waiting.get(ack.envelope_id)?.(ack);
      waiting.delete(ack.envelope_id);
    });
    ws.send(
      JSON.stringify({
        type: 'hello',
        num_connections: h.conn.numConnections,
        debug_info: { host: 'fake-applink', build_number: 1, approximate_connection_time: 18060 },
        connection_info: { app_id: 'A0FAKE' },
      }),
    );
    greeted.set(id, h.conn);
    for (const resolve of greetWaiters.get(id) ?? []) resolve(h.conn);
    greetWaiters.delete(id);
  });

  const fake: FakeSocketMode = {
    url: `ws://127.0.0.1:${port}/link/?ticket=fake&app_id=A0FAKE`,
    acks,
    maxConnections: 10,
    connections: () => open().map((h) => h.conn),
    connection: (n) => {
      const known = greeted.get(n);
      if (known) return Promise.resolve(known);
      return new Promise((resolve) => greetWaiters.set(n, [...(greetWaiters.get(n) ?? []), resolve]));
    },
    connected: () => fake.connection(1).then(() => undefined),
    opened: () => taken,
    send(type, payload, options = {}) {
      const target = options.on ? find(options.on) : open().at(-1);
      if (!target?.conn.isOpen()) throw new Error('no Socket Mode client connected to deliver on');
      const envelope_id = randomUUID();
      const acked = new Promise<SocketAck>((resolve) => waiting.set(envelope_id, resolve));
      target.ws.send(
        JSON.stringify({
          envelope_id,
          type,
          payload,
          accepts_response_payload: type === 'slash_commands',
          ...(options.retryAttempt !== undefined
            ? { retry_attempt: options.retryAttempt, retry_reason: options.retryReason ?? 'timeout' }
            : {}),
          ...(type === 'events_api' && options.retryAttempt === undefined ? { retry_attempt: 0, retry_reason: '' } : {}),
        }),
      );
      return acked;
    },
    disconnect(on, reason) {
      const h = find(on);
      h.ws.send(notice(reason));
      if (reason === 'link_disabled' || reason === 'too_many_websockets') h.ws.close(1000);
    },
    async end(on) {
      find(on).ws.close(1000);
      await on.closed;
    },
    async drop(on) {
      find(on).ws.terminate();
      await on.closed;
    },
    deafen(on) {
      find(on).deaf = true;
    },
    async close() {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
  return fake;
}
