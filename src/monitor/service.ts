import type { Observation } from '../d360/observation.js';
import type { Logger } from '../telemetry/log.js';
import { MONITORING, type WaNumber } from '../config/numbers.js';
import type { RecordStore } from '../store/record-store.js';
import { DEFAULT_ENGINE_OPTIONS, type EngineInput, type EngineOptions, step } from '../core/engine.js';
import type { Poller } from './poller.js';
import { emptyRecord, type NumberRecord } from '../core/records.js';

export const RECHECK_COOLDOWN_MS = 30_000;
const MUTE_MS = 60 * 60_000;
const NETWORK_BLIND = new Set(['timeout', 'refused', 'dns', 'reset', 'network']);

export type RecheckResult =
  | { readonly kind: 'checked'; readonly observation: Observation }
  | { readonly kind: 'too-soon'; readonly waitMs: number }
  | { readonly kind: 'unknown-number' };

export interface Monitor {
  /** One poll pass over every due number, then the engine on each answer. */
  runPass(): Promise<void>;
  /** Lets time-based rules and reminders fire between polls. */
  tick(): Promise<void>;
  recheck(number: string, by: string): Promise<RecheckResult>;
  /** An observation from elsewhere (360dialog webhooks) for a configured number. */
  ingest(observation: Observation): Promise<void>;
  acknowledge(number: string, by: string): Promise<boolean>;
  mute(number: string, by: string): Promise<boolean>;
}

export interface MonitorOptions {
  readonly poller: Poller;
  readonly records: RecordStore<NumberRecord>;
  readonly engine?: Partial<EngineOptions>;
  readonly now?: () => number;
  readonly logger: Logger;
  /** Told the name of every record that may have new Slack effects to deliver. */
  readonly onChange: (number: string) => void;
}

/**
 * When most numbers give no answer in the same pass, the problem is almost surely on our side
 * (network, DNS): one "monitoring degraded" card says so, instead of one card per number.
 */
export function isStorm(observations: readonly Observation[]): boolean {
  const blind = observations.filter((o) => o.blindSpot && NETWORK_BLIND.has(o.blindSpot.kind)).length;
  return observations.length >= 3 && blind * 2 >= observations.length;
}

function stormObservation(observations: readonly Observation[], storm: boolean, at: number): Observation {
  if (!storm) return { number: MONITORING, at, state: 'healthy', findings: [], summary: 'most numbers answer', source: 'poll' };
  const byKind = new Map<string, number>();
  for (const o of observations) if (o.blindSpot) byKind.set(o.blindSpot.kind, (byKind.get(o.blindSpot.kind) ?? 0) + 1);
  const blind = [...byKind.values()].reduce((a, b) => a + b, 0);
  const detail = `${blind} of ${observations.length} numbers gave no answer (${[...byKind].map(([k, n]) => `${k} ×${n}`).join(', ')}): check this host's network, DNS and proxy, and status.360dialog.com`;
  return {
    number: MONITORING,
    at,
    state: 'unknown',
    findings: [],
    blindSpot: { kind: 'monitoring', detail },
    summary: detail,
    source: 'poll',
  };
}

export function createMonitor(options: MonitorOptions): Monitor {
  const now = options.now ?? Date.now;
  const engine: EngineOptions = { ...DEFAULT_ENGINE_OPTIONS, ...options.engine };
  const { records, poller, logger } = options;
  const known = new Set([...poller.numbers.map((n: WaNumber) => n.name), MONITORING]);

  // Numbers with an open incident: the only ones a tick can change. Filled from the store on the first tick.
  let open: Set<string> | undefined;

  const apply = async (number: string, input: EngineInput, at: number) => {
    const after = await records.update(number, (current) => step(current ?? emptyRecord(number), input, at, engine));
    if (after?.incident?.status === 'open') open?.add(number);
    else open?.delete(number);
    if (after && after.outbox.length > 0) options.onChange(number);
    return after;
  };

  return {
    async runPass() {
      const observations = await poller.pollAll();
      if (observations.length === 0) return;
      const storm = isStorm(observations);
      if (storm) logger.warn(`most numbers gave no answer: reporting "monitoring degraded" instead of one card per number`);
      for (const o of observations) {
        // In a storm, a number's silence says nothing about the number: neither a problem nor a recovery.
        if (storm && o.blindSpot && NETWORK_BLIND.has(o.blindSpot.kind)) continue;
        await apply(o.number, { kind: 'observation', observation: o }, o.at);
      }
      await apply(MONITORING, { kind: 'observation', observation: stormObservation(observations, storm, now()) }, now());
    },

    async tick() {
      if (!open) {
        open = new Set();
        for (const number of await records.ids()) if ((await records.get(number))?.incident?.status === 'open') open.add(number);
      }
      const at = now();
      for (const number of [...open]) if (known.has(number)) await apply(number, { kind: 'tick' }, at);
    },

    async recheck(number, by) {
      if (!poller.numbers.some((n) => n.name === number)) return { kind: 'unknown-number' };
      const at = now();
      // Claim the slot before polling, so a double click cannot start two checks.
      let waitMs = 0;
      await records.update(number, (current) => {
        const record = current ?? emptyRecord(number);
        const since = at - (record.lastRecheckAt ?? Number.NEGATIVE_INFINITY);
        if (since < RECHECK_COOLDOWN_MS) {
          waitMs = RECHECK_COOLDOWN_MS - since;
          return record;
        }
        return { ...record, lastRecheckAt: at };
      });
      if (waitMs > 0) return { kind: 'too-soon', waitMs };
      const observation = await poller.checkOne(number);
      if (!observation) return { kind: 'unknown-number' };
      await apply(number, { kind: 'observation', observation, by }, observation.at);
      return { kind: 'checked', observation };
    },

    async ingest(observation) {
      if (!known.has(observation.number)) return;
      await apply(observation.number, { kind: 'observation', observation }, observation.at);
    },

    async acknowledge(number, by) {
      const after = await apply(number, { kind: 'acknowledge', by }, now());
      return after?.incident?.acknowledged?.by === by;
    },

    async mute(number, by) {
      const after = await apply(number, { kind: 'mute', by, forMs: MUTE_MS }, now());
      return after?.incident?.mutedBy === by;
    },
  };
}
