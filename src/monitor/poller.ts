import { ONPREM_CACHE_MS } from '../core/observation.js';
import { classify } from '../d360/classify.js';
import type { D360Client } from '../d360/client.js';
import type { Observation } from '../core/observation.js';
import { fields, type Logger } from '../telemetry/log.js';
import type { Metrics } from '../telemetry/metrics.js';
import type { WaNumber } from '../config/numbers.js';
import { type Backoff, backoffMs } from '../timing/backoff.js';
import { mapBounded } from './bounded.js';

export interface PollerOptions {
  readonly numbers: readonly WaNumber[];
  readonly client: D360Client;
  /** Health calls in flight at most. */
  readonly concurrency: number;
  /** A pass ramps up over this long instead of firing every worker at once. */
  readonly staggerMs?: number;
  readonly now?: () => number;
  readonly logger?: Logger;
  readonly metrics?: Metrics;
  /** Called with every observation as soon as it is made. */
  readonly onObservation?: (observation: Observation) => Promise<void> | void;
}

export interface Poller {
  /** Polls every number that is due; resolves with the observations of this pass. */
  pollAll(): Promise<Observation[]>;
  /**
   * The same, each observation handed to `each` as it is made and then let go: a caller acting on results
   * while the pass goes on needs no array of 30,000 observations kept until the pass ends.
   */
  pollAll(each: (observation: Observation) => void): Promise<void>;
  /** Polls one number now, schedule or not (the Re-check button). Undefined for an unknown name. */
  checkOne(name: string): Promise<Observation | undefined>;
  readonly numbers: readonly WaNumber[];
  readonly metrics?: Metrics;
}

/** How long a pass takes to ramp up to full concurrency: enough to avoid one burst, small beside a pass. */
export const DEFAULT_STAGGER_MS = 500;
/**
 * A number 360dialog throttles waits up to a minute, then up to twice as long each time it is still
 * throttled, at most half an hour; jittered, so numbers throttled in the same pass come back apart.
 */
const THROTTLED: Backoff = { firstMs: 60_000, maxMs: 30 * 60_000 };

interface Pace {
  lastPolledAt?: number;
  backoffUntil?: number;
  /** Answers in a row that said "throttled". */
  throttled?: number;
}

const isThrottled = (o: Observation) => o.findings.some((f) => f.entryId === '360dialog-400-call-limit');

/**
 * One closure, longer than most: each number's poll state (when polled, backoff, throttled answers) and the
 * concurrency gate are shared by pollAll and pollOne; each step inside is short.
 */
export function createPoller(options: PollerOptions): Poller {
  const now = options.now ?? Date.now;
  const pace = new Map<string, Pace>(options.numbers.map((n) => [n.name, {}]));
  const byName = new Map(options.numbers.map((n) => [n.name, n]));

  /**
   * On-Premise health is cached upstream for 5 minutes, so asking sooner learns nothing;
   * a number 360dialog is throttling waits out its backoff.
   */
  const isDue = (number: WaNumber, at: number): boolean => {
    const p = pace.get(number.name) ?? {};
    if (p.backoffUntil !== undefined && at < p.backoffUntil) return false;
    if (number.api === 'onprem' && p.lastPolledAt !== undefined && at - p.lastPolledAt < ONPREM_CACHE_MS) return false;
    return true;
  };

  const poll = async (number: WaNumber, source: Observation['source']): Promise<Observation> => {
    const started = performance.now();
    const answer = await options.client.health(number);
    options.metrics?.observe('wa_health_d360_request_duration_seconds', (performance.now() - started) / 1000, { api: number.api });
    const at = now();
    const observation = classify(number, answer, at, source);
    const code = observation.findings[0]?.code ?? observation.blindSpot?.kind;
    if (observation.state !== 'healthy')
      options.logger?.debug(`${number.name}: ${observation.state}`, fields({ number: number.name, ...(code ? { code } : {}) }));
    options.metrics?.inc('wa_health_polls_total', { state: observation.state });
    const p = pace.get(number.name) ?? {};
    p.lastPolledAt = at;
    if (isThrottled(observation)) {
      p.throttled = (p.throttled ?? 0) + 1;
      const waitMs = backoffMs(THROTTLED, p.throttled);
      p.backoffUntil = at + waitMs;
      options.logger?.warn(
        `${number.name}: 360dialog is throttling health calls; next try in ${Math.round(waitMs / 1000)} s`,
        fields({ number: number.name }),
      );
    } else {
      delete p.throttled;
      delete p.backoffUntil;
    }
    pace.set(number.name, p);
    try {
      await options.onObservation?.(observation);
    } catch (error) {
      options.logger?.error(`handling the observation of ${number.name} failed`, error, fields({ number: number.name }));
    }
    return observation;
  };

  return {
    numbers: options.numbers,
    ...(options.metrics ? { metrics: options.metrics } : {}),
    pollAll: (async (each?: (observation: Observation) => void) => {
      const at = now();
      const due = options.numbers.filter((n) => isDue(n, at));
      const stagger = { staggerMs: options.staggerMs ?? DEFAULT_STAGGER_MS };
      if (!each) return mapBounded(due, options.concurrency, (n) => poll(n, 'poll'), stagger);
      await mapBounded(due, options.concurrency, async (n) => void each(await poll(n, 'poll')), stagger);
    }) as Poller['pollAll'],
    async checkOne(name) {
      const number = byName.get(name);
      return number ? poll(number, 'recheck') : undefined;
    },
  };
}
