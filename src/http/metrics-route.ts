import type { Metrics } from '../telemetry/metrics.js';
import type { HttpRoute } from './route.js';

/** GET /metrics in Prometheus' text format. */
export function metricsRoute(metrics: Metrics): HttpRoute {
  return {
    path: '/metrics',
    method: 'GET',
    handler: (_req, res) => {
      metrics.render().then(
        (text) => {
          res.writeHead(200, { 'content-type': metrics.contentType });
          res.end(text);
        },
        // A scrape-time collector failed (the store did not answer): Prometheus records the scrape as failed.
        (error: unknown) => {
          res.writeHead(500, { 'content-type': 'text/plain' });
          res.end(`metrics unavailable: ${error instanceof Error ? error.message : String(error)}\n`);
        },
      );
    },
  };
}
