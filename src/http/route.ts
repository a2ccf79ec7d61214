import type { IncomingMessage, ServerResponse } from 'node:http';

/** A plain HTTP route served beside Slack's endpoint (health, metrics, 360dialog webhooks). */
export interface HttpRoute {
  readonly path: string;
  readonly method: 'GET' | 'POST';
  readonly handler: (req: IncomingMessage, res: ServerResponse) => void;
}
