import type { Observation } from '../../src/core/observation.js';
import type { WaNumber } from '../../src/config/numbers.js';
import { createLogger } from '../../src/telemetry/log.js';
import { createWebhookIngest, type WebhookIngest } from '../../src/webhooks/ingest.js';
import { webhookRoute } from '../../src/webhooks/receiver.js';
import { close, listen } from '../fakes/http-server.js';

export interface WebhookServer {
  /** POST /webhooks/360dialog with the right secret; `query` is appended as is. */
  post(body: string, query?: string): Promise<number>;
  readonly lines: string[];
  readonly observations: Observation[];
  readonly ingest: WebhookIngest;
  close(): Promise<void>;
}

export const WEBHOOK_TEST_SECRET = 'webhook-route-secret-0123456789';

/** The real receiver and ingest behind a real loopback server, logging into `lines`: the webhook path without Slack. */
export async function startWebhookServer(numbers: readonly WaNumber[], secrets: readonly string[] = []): Promise<WebhookServer> {
  const lines: string[] = [];
  const observations: Observation[] = [];
  const logger = createLogger({ secrets, write: (line) => lines.push(line) });
  const ingest = createWebhookIngest({
    numbers,
    logger,
    debounceMs: 0,
    observe: async (o) => {
      observations.push(o);
    },
  });
  const route = webhookRoute({ secret: WEBHOOK_TEST_SECRET, logger, onEvents: (events, hint) => ingest.receive(events, hint) });
  const { server, url } = await listen(route.handler);
  return {
    lines,
    observations,
    ingest,
    async post(body, query = '') {
      const res = await fetch(`${url}/webhooks/360dialog${query}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-webhook-secret': WEBHOOK_TEST_SECRET },
        body,
      });
      await res.arrayBuffer();
      return res.status;
    },
    async close() {
      ingest.stop();
      await close(server);
    },
  };
}
