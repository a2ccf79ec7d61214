import type { Observation } from '../core/observation.js';
import { tierSize } from '../core/tiers.js';
import type { AccountSignal } from './account-signals.js';
import { createSignalExpiry } from './signal-expiry.js';

/** How many change hashes are remembered to drop redeliveries; the oldest go first. */
const SEEN_MAX = 10_000;

export interface SignalRouter {
  /** The observations one signal makes: one per number it is about, none for a redelivery. */
  route(signal: AccountSignal, at: number, hint: string | undefined): Observation[];
  /** A number's WABA id, learnt from its health answers: account fields name only the WABA. */
  learnWaba(number: string, wabaId: string): void;
  /** Clears for the announced ends (a restriction's expiration) that have passed (signal-expiry.ts). */
  due(now: number): Observation[];
}

/**
 * Sorts account signals to numbers: `?number=NAME`, the payload's phone number, the WABA (every
 * configured number under it: a WABA-level ban is news for each), or the only number there is. A little
 * long: one closure holds the WABA map, the redelivery memory and the last portfolio limits its methods share.
 */
export function createSignalRouter(options: {
  readonly byName: ReadonlyMap<string, string>;
  readonly byPhone: ReadonlyMap<string, string>;
  readonly only: string | undefined;
  /** Told when a signal matches no configured number, with what it named (phone or WABA id). */
  readonly onUnmatched?: (who: string) => void;
}): SignalRouter {
  const byWaba = new Map<string, Set<string>>();
  const wabaOf = new Map<string, string>();
  const seen = new Set<string>();
  const portfolioLimit = new Map<string, string>();
  const expiry = createSignalExpiry();

  const numbersOf = (signal: AccountSignal, hint: string | undefined): string[] => {
    if (hint) return [options.byName.get(hint.toLowerCase())].filter((n): n is string => n !== undefined);
    const byPhone = signal.phoneDigits ? options.byPhone.get(signal.phoneDigits) : undefined;
    if (byPhone) return [byPhone];
    const underWaba = signal.wabaId ? byWaba.get(signal.wabaId) : undefined;
    if (underWaba && underWaba.size > 0) return [...underWaba];
    return options.only ? [options.only] : [];
  };

  /** business_capability_update carries only the new limit: compare it with the last one seen. */
  const capability = (signal: AccountSignal): Pick<AccountSignal, 'findings' | 'clears'> => {
    const key = signal.wabaId ?? '';
    const before = portfolioLimit.get(key);
    if (signal.portfolioLimit) portfolioLimit.set(key, signal.portfolioLimit);
    const [now, then] = [tierSize(signal.portfolioLimit), tierSize(before)];
    if (now === undefined || then === undefined || now === then) return { findings: [], clears: [] };
    if (now > then) return { findings: [], clears: ['signal-limit-lowered'] };
    const detail = `business messaging limit ${before} → ${signal.portfolioLimit}`;
    return { findings: [{ entryId: 'signal-limit-lowered', code: 'DOWNGRADE', severity: 'warning', detail }], clears: [] };
  };

  return {
    route(signal, at, hint) {
      if (seen.has(signal.hash)) return [];
      seen.add(signal.hash);
      if (seen.size > SEEN_MAX) seen.delete(seen.values().next().value as string);
      const { findings, clears } = signal.portfolioLimit ? capability(signal) : signal;
      if (findings.length === 0 && clears.length === 0) return [];
      const critical = findings.some((f) => f.severity === 'critical');
      // A change that only ends conditions says what happened, not which condition keys it names.
      const summary = findings.length
        ? findings.map((f) => `${f.code}: ${f.detail ?? ''}`).join('; ')
        : `${signal.field}: ${signal.note ?? 'reported fine again'}`;
      const numbers = numbersOf(signal, hint);
      if (numbers.length === 0) {
        const who = hint ? `?number=${hint}` : signal.phoneDigits ? `phone ${signal.phoneDigits}` : `WABA ${signal.wabaId ?? '(none)'}`;
        options.onUnmatched?.(`${signal.field} for ${who}`);
      }
      expiry.note(signal, numbers, at);
      return numbers.map(
        (number): Observation => ({
          number,
          at,
          state: critical ? 'down' : findings.length ? 'degraded' : 'healthy',
          findings,
          clears,
          summary,
          source: 'webhook',
        }),
      );
    },
    learnWaba(number, wabaId) {
      // Called on every health answer: cheap when nothing changed.
      const before = wabaOf.get(number);
      if (before === wabaId) return;
      if (before) byWaba.get(before)?.delete(number);
      wabaOf.set(number, wabaId);
      byWaba.set(wabaId, (byWaba.get(wabaId) ?? new Set()).add(number));
    },
    due: (now) => expiry.due(now),
  };
}
