import type { HttpRoute } from './route.js';

/** GET /healthz for load balancers and container probes: the process is up and serving. */
export function healthRoute(info: { numbers: number }): HttpRoute {
  return {
    path: '/healthz',
    method: 'GET',
    handler: (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ status: 'ok', numbers: info.numbers }));
    },
  };
}
