import type { Metrics } from '../../telemetry/metrics.js';
import type { Connection } from './socket-connection.js';

/** What /readyz and /metrics show of Socket Mode. */
export interface SocketSnapshot {
  /** Connections that said hello and are still open (two during a refresh). */
  readonly connections: number;
  /** Connections opened after the first one (refreshes, drops, deaf links). */
  readonly reconnects: number;
  /** Seconds since the newest frame (message, ping or pong) on any open connection; absent without one. */
  readonly lastFrameAgeSeconds?: number;
}

export interface SocketState {
  /** A connection said hello. */
  connected(connection: Connection): void;
  /** apps.connections.open (or the connection it handed out) failed; the receiver tries again. */
  refused(why: string): void;
  /** No further tries: a refused app token, or Socket Mode turned off for the app. */
  disable(why: string): void;
  disabled(): string | undefined;
  /** Why Slack cannot reach the bot now; empty when it can. */
  problems(): string[];
  snapshot(): SocketSnapshot;
}

export function createSocketState(now: () => number, open: () => readonly Connection[], metrics?: Metrics): SocketState {
  let greeted = 0;
  let refusal: string | undefined;
  let disabledWhy: string | undefined;
  const state: SocketState = {
    connected() {
      greeted += 1;
      refusal = undefined;
      if (greeted > 1) metrics?.inc('wa_health_slack_socket_reconnects_total');
    },
    refused(why) {
      refusal = why;
      metrics?.inc('wa_health_slack_socket_refusals_total');
    },
    disable(why) {
      disabledWhy = why;
    },
    disabled: () => disabledWhy,
    problems() {
      if (disabledWhy) return [disabledWhy];
      if (refusal) return [refusal];
      if (state.snapshot().connections === 0)
        return ['no Socket Mode connection is open (reconnecting): Slack cannot deliver commands or clicks'];
      return [];
    },
    snapshot() {
      const connections = open();
      const newest = Math.max(...connections.map((c) => c.lastFrameAt()));
      return {
        connections: connections.length,
        reconnects: Math.max(0, greeted - 1),
        ...(connections.length > 0 ? { lastFrameAgeSeconds: Math.max(0, Math.round((now() - newest) / 100) / 10) } : {}),
      };
    },
  };
  metrics?.onScrape(() => {
    const s = state.snapshot();
    metrics.set('wa_health_slack_socket_connections', s.connections);
    if (s.lastFrameAgeSeconds !== undefined) metrics.set('wa_health_slack_socket_last_frame_age_seconds', s.lastFrameAgeSeconds);
  });
  return state;
}
