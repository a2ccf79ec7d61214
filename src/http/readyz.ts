import type { HttpRoute } from './route.js';

/** Why the bot is not ready; empty when it is. */
export type ReadinessCheck = () => Promise<readonly string[]>;

/**
 * GET /readyz for load balancers and supervisors: 200 when the store answers, Slack accepts
 * what the bot sends and polls run on time; 503 with the reasons otherwise. /healthz stays
 * liveness: a bot that cannot post is still alive, and restarting it would not help.
 */
export function readyRoute(check: ReadinessCheck): HttpRoute {
  return {
    path: '/readyz',
    method: 'GET',
    handler: (_req, res) => {
      const answer = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      check().then(
        (reasons) => (reasons.length === 0 ? answer(200, { status: 'ready' }) : answer(503, { status: 'not ready', reasons })),
        (error: unknown) => answer(503, { status: 'not ready', reasons: [`readiness check failed: ${String(error)}`] }),
      );
    },
  };
}
