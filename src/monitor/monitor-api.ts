import type { NumberRecord, PlatformNote, SupportCase } from '../core/records.js';
import type { Observation } from '../core/observation.js';
import type { FleetSnapshot } from './fleet.js';
import type { OpenCode } from './groups.js';

/** What the rest of the bot asks of the monitor: passes, ticks, people's clicks, webhooks, status. */
export type RecheckResult =
  | { readonly kind: 'checked'; readonly observation: Observation }
  | { readonly kind: 'too-soon'; readonly waitMs: number }
  | { readonly kind: 'unknown-number' };

export interface Monitor {
  /** One poll pass over every due number; each answer goes through the engine as it arrives. */
  runPass(): Promise<void>;
  /** Lets time-based rules and reminders fire between polls, for the records whose time has come. */
  tick(): Promise<void>;
  recheck(number: string, by: string): Promise<RecheckResult>;
  /** An observation from elsewhere (360dialog webhooks) for a configured number. */
  ingest(observation: Observation): Promise<void>;
  acknowledge(number: string, by: string): Promise<boolean>;
  /** The card's "Mute 1 h", or (with a window) /wa-mute: a maintenance window, kept even with no incident open. */
  mute(number: string, by: string, window?: { readonly forMs: number; readonly reason?: string }): Promise<boolean>;
  /** Ends a maintenance window or a mute; false when there was none. */
  unmute(number: string, by: string): Promise<boolean>;
  /** A number's (or group's) record as stored now: what the Escalate modal is drawn from. */
  record(number: string): Promise<NumberRecord | undefined>;
  /**
   * Records a support case on the incident, once per `supportCase.ref` (a CAS write of the record, so
   * two replicas or a redelivery record it once). True when the incident holds it now (recorded by this call or
   * an earlier one); false when that incident is no longer the number's.
   */
  recordSupportCase(number: string, incidentId: string, supportCase: SupportCase): Promise<boolean>;
  /** Numbers on which a code is open now (from memory: cheap enough for every /wa-error). */
  openNow(code: string): OpenCode[];
  /** What 360dialog's status page reports now (undefined: all clear): shown on every open card. */
  platform(note: PlatformNote | undefined): Promise<void>;
  /** Every watched number's state, for /wa-status and App Home (one store scan, cached a few seconds). */
  fleet(): Promise<FleetSnapshot>;
  /** The notifier's word that Slack took a card: where it lives. */
  cardPosted(number: string, card: { readonly channel: string; readonly ts: string }): void;
}
