import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { HttpRoute } from '../../http/route.js';

export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * Our plain routes (webhooks, /healthz, /readyz, /metrics) are literal paths: one map lookup, before
 * anything of Slack's. The query string is not part of the match (`?number=NAME` on webhooks).
 */
export function ownRoutes(routes: readonly HttpRoute[]): (req: IncomingMessage, res: ServerResponse) => boolean {
  const own = new Map(routes.map((r) => [`${r.method} ${r.path}`, r.handler]));
  return (req, res) => {
    const handler = own.get(`${req.method?.toUpperCase()} ${pathOf(req)}`);
    if (!handler) return false;
    handler(req, res);
    return true;
  };
}

export function pathOf(req: IncomingMessage): string {
  const url = req.url ?? '/';
  const query = url.indexOf('?');
  return query < 0 ? url : url.slice(0, query);
}

/**
 * Listens on `port` (0: any free one); rejects with the server's own error (EADDRINUSE) when it cannot.
 * A later server error (an accept that fails for want of file descriptors) is reported, never thrown:
 * an unheard 'error' event would end the process.
 */
export function listen(port: number, handler: Handler, onError: (error: Error) => void): Promise<Server> {
  const server = createServer(handler);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => {
      server.off('error', reject);
      server.on('error', onError);
      resolve(server);
    });
  });
}

/** Stops taking connections and ends idle keep-alive ones, so a stop does not wait for a client to hang up. */
export async function close(server: Server | undefined): Promise<void> {
  if (!server?.listening) return;
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  await closed;
}

export function answer(res: ServerResponse, status: number): void {
  if (!res.headersSent) res.writeHead(status).end();
}
