import type { HttpRoute } from './route.js';

/** Why the bot is not ready; empty when it is. */
export type ReadinessCheck = () => Promise<readonly string[]>;

/** State worth showing beside the verdict either way (Socket Mode's connections), as plain JSON. */
export type ReadinessDetails = () => Readonly<Record<string, unknown>>;

/**
 * GET /readyz for load balancers and supervisors: 200 when the store answers, Slack accepts
 * what the bot sends and can reach it (Socket Mode), and polls run on time; 503 with the reasons
 * otherwise. /healthz stays liveness: a bot that cannot post is still alive, and restarting it
 * would not help.
 */
export function readyRoute({ check, details = () => ({}) }: { check: ReadinessCheck; details?: ReadinessDetails }): HttpRoute {
  return {
    path: '/readyz',
    method: 'GET',
    handler: (_req, res) => {
      const answer = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      check().then(
        (reasons) =>
          reasons.length === 0
            ? answer(200, { status: 'ready', ...details() })
            : answer(503, { status: 'not ready', reasons, ...details() }),
        (error: unknown) => answer(503, { status: 'not ready', reasons: [`readiness check failed: ${String(error)}`], ...details() }),
      );
    },
  };
}
