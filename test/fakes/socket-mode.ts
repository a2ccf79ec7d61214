import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';

export interface SocketAck {
  readonly envelope_id: string;
  readonly payload?: Record<string, unknown>;
}

/**
 * Slack's Socket Mode side: the client connects to the URL apps.connections.open handed out,
 * gets `hello`, then envelopes; it answers each with an ack carrying the same envelope_id.
 */
export interface FakeSocketMode {
  readonly url: string;
  connected(): Promise<void>;
  /** Sends one envelope and resolves with the client's ack. */
  send(type: 'slash_commands' | 'interactive' | 'events_api', payload: unknown): Promise<SocketAck>;
  close(): Promise<void>;
}

export async function startFakeSocketMode(): Promise<FakeSocketMode> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  const { port } = wss.address() as AddressInfo;
  const waiting = new Map<string, (ack: SocketAck) => void>();
  let socket: WebSocket | undefined;
  let onConnect: (() => void) | undefined;

  wss.on('connection', (ws) => {
    socket = ws;
    ws.on('message', (data) => {
      const ack = JSON.parse(String(data)) as SocketAck;
      waiting.get(ack.envelope_id)?.(ack);
      waiting.delete(ack.envelope_id);
    });
    ws.send(JSON.stringify({ type: 'hello', num_connections: 1, debug_info: { host: 'fake' }, connection_info: { app_id: 'A0FAKE' } }));
    onConnect?.();
  });

  return {
    url: `ws://127.0.0.1:${port}/link/?ticket=fake`,
    connected: () => (socket ? Promise.resolve() : new Promise<void>((resolve) => (onConnect = resolve))),
    send(type, payload) {
      if (!socket) throw new Error('no Socket Mode client connected');
      const envelope_id = randomUUID();
      const acked = new Promise<SocketAck>((resolve) => waiting.set(envelope_id, resolve));
      socket.send(JSON.stringify({ envelope_id, type, payload, accepts_response_payload: type === 'slash_commands' }));
      return acked;
    },
    async close() {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
