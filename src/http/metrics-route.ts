import type { Metrics } from '../telemetry/metrics.js';
import type { HttpRoute } from './route.js';

/** GET /metrics in Prometheus' text format. */
export function metricsRoute(metrics: Metrics): HttpRoute {
  return {
    path: '/metrics',
    method: 'GET',
    handler: (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
      res.end(metrics.render());
    },
  };
}
