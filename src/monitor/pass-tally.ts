import type { Logger } from '../telemetry/log.js';
import type { Metrics } from '../telemetry/metrics.js';
import { MONITORING } from '../config/numbers.js';
import type { HealthState, Observation } from '../core/observation.js';

const CHECK_OUR_SIDE = "check this host's network, DNS and proxy, and status.360dialog.com";
const NETWORK_BLIND = new Set(['timeout', 'refused', 'dns', 'reset', 'network']);

/** No answer at all: in a storm such silence says nothing about the number. */
export const isNetworkBlind = (o: Observation): boolean => o.blindSpot !== undefined && NETWORK_BLIND.has(o.blindSpot.kind);

/**
 * What a pass has seen so far, counted as results arrive, so the pass need not keep them all:
 * how many by state, and how many gave no answer, by kind.
 */
export interface PassTally {
  add(observation: Observation): void;
  readonly total: number;
  readonly byState: ReadonlyMap<HealthState, number>;
  /**
   * When most numbers give no answer in the same pass, the problem is almost surely on our side
   * (network, DNS): one "monitoring degraded" card says so, instead of one card per number.
   */
  isStorm(): boolean;
  /** The pass as one observation of the monitoring pseudo-number: degraded in a storm, else healthy. */
  monitoringObservation(at: number): Observation;
}

export function createPassTally(): PassTally {
  const byState = new Map<HealthState, number>();
  const blindByKind = new Map<string, number>();
  let total = 0;
  let networkBlind = 0;
  const isStorm = () => total >= 3 && networkBlind * 2 >= total;
  return {
    add(o) {
      total += 1;
      byState.set(o.state, (byState.get(o.state) ?? 0) + 1);
      if (o.blindSpot) blindByKind.set(o.blindSpot.kind, (blindByKind.get(o.blindSpot.kind) ?? 0) + 1);
      if (isNetworkBlind(o)) networkBlind += 1;
    },
    get total() {
      return total;
    },
    byState,
    isStorm,
    monitoringObservation(at) {
      if (!isStorm()) return { number: MONITORING, at, state: 'healthy', findings: [], summary: 'most numbers answer', source: 'poll' };
      const blind = [...blindByKind.values()].reduce((a, b) => a + b, 0);
      const kinds = [...blindByKind].map(([k, n]) => `${k} ×${n}`).join(', ');
      const detail = `${blind} of ${total} numbers gave no answer (${kinds}): ${CHECK_OUR_SIDE}`;
      return {
        number: MONITORING,
        at,
        state: 'unknown',
        findings: [],
        blindSpot: { kind: 'monitoring', detail },
        summary: detail,
        source: 'poll',
      };
    },
  };
}

const STATES = ['healthy', 'degraded', 'down', 'unknown'] as const;

/** One INFO line and the pass metrics: numbers polled, how long it took, how many in each state. */
export function reportPass(tally: PassTally, ms: number, storm: boolean, logger: Logger, metrics: Metrics | undefined): void {
  const states = STATES.filter((s) => tally.byState.get(s)).map((s) => `${s} ${tally.byState.get(s)}`);
  logger.info(`pass: ${tally.total} number(s) polled in ${(ms / 1000).toFixed(1)} s: ${states.join(', ')}${storm ? ' (storm)' : ''}`);
  metrics?.set('wa_health_pass_duration_seconds', ms / 1000);
  for (const state of STATES) metrics?.set('wa_health_pass_numbers', tally.byState.get(state) ?? 0, { state });
}
