import type { Observation } from '../core/observation.js';
import type { AccountSignal } from './account-signals.js';

/** How many announced ends are remembered; the soonest-set go first (a flood of restrictions must not stay). */
const MAX_PENDING = 10_000;

export interface SignalExpiry {
  /** Remembers the ends a signal announced, for the numbers it landed on; `at` is the event's own time. */
  note(signal: AccountSignal, numbers: readonly string[], at: number): void;
  /** A clear for each announced end that has passed, forgotten once said. */
  due(now: number): Observation[];
}

/**
 * Ends Meta announces but sends no event for: an ACCOUNT_RESTRICTION's `expiration` (calling is restricted
 * "for a period of 7 days", calling/call-settings). When it passes, that restriction type alone ends. Held in
 * this replica's memory: after a restart, or on a replica that does not tick, the condition stays until a
 * reinstatement ends it.
 */
export function createSignalExpiry(): SignalExpiry {
  const pending = new Map<string, { number: string; key: string; at: number; field: string }>();
  return {
    note(signal, numbers, eventAt) {
      // An end before the event itself (Meta's own example restricts "until" two seconds before it was sent)
      // says nothing about when the restriction ends: the condition waits for a reinstatement then.
      for (const { key, at } of (signal.expires ?? []).filter((e) => e.at > eventAt))
        for (const number of numbers) {
          const id = `${number}|${key}`;
          // A later restriction of the same type moves its end.
          pending.delete(id);
          pending.set(id, { number, key, at, field: signal.field });
          if (pending.size > MAX_PENDING) pending.delete(pending.keys().next().value as string);
        }
    },
    due(now) {
      const out: Observation[] = [];
      for (const [id, p] of pending) {
        if (p.at > now) continue;
        pending.delete(id);
        const type = p.key.split('@')[1] ?? p.key;
        out.push({
          number: p.number,
          at: now,
          state: 'healthy',
          findings: [],
          clears: [p.key],
          summary: `${p.field}: restriction ${type} expired`,
          source: 'webhook',
        });
      }
      return out;
    },
  };
}
