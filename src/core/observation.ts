import type { Severity } from '../catalog/types.js';

/** On-Premise health is cached by 360dialog and refreshed every 5 minutes: an answer may be that old. */
export const ONPREM_CACHE_MS = 5 * 60_000;

/** healthy: can send. degraded: works with restrictions. down: cannot send. unknown: we could not tell. */
export type HealthState = 'healthy' | 'degraded' | 'down' | 'unknown';

/** One documented condition seen in an answer, tied to its catalog entry. */
export interface Finding {
  readonly entryId: string;
  readonly code: string;
  /** The entry's severity, or less where the context says so (a standby node disconnected). */
  readonly severity: Severity;
  /** What upstream said, redacted and cut short. */
  readonly detail?: string;
  /** For codes no catalog entry documents: the title upstream gave. */
  readonly title?: string;
  /** How many events this finding stands for (failed messages from webhooks); 1 if unset. */
  readonly count?: number;
  /**
   * The condition it raises, when one entry can hold several at once: `<entryId>@<what>` (a template
   * paused is its own condition per template). The entry id when unset.
   */
  readonly key?: string;
  /** What the condition is about, said after the entry's title on the card and in the thread (a template's name). */
  readonly subject?: string;
  /** Message ids (wamids) of a few failed messages it stands for: support asks for examples. */
  readonly samples?: readonly string[];
}

/** Why the monitor could not read the number's health. */
export type BlindSpot =
  | { readonly kind: 'timeout' | 'refused' | 'dns' | 'reset' | 'network'; readonly detail: string }
  /** Most numbers unreachable at once: our side, most likely (network, DNS, proxy). */
  | { readonly kind: 'monitoring'; readonly detail: string }
  | { readonly kind: 'garbage'; readonly detail: string }
  /** A redirect to another origin, refused so the key is not sent there; the detail names the base URL to check. */
  | { readonly kind: 'redirect'; readonly detail: string }
  /** An answer over the size limit (after decompression), cut off unread. */
  | { readonly kind: 'too-large'; readonly detail: string }
  | { readonly kind: 'unexpected-status'; readonly status: number; readonly detail: string };

export interface Observation {
  readonly number: string;
  readonly at: number;
  readonly state: HealthState;
  readonly findings: readonly Finding[];
  readonly blindSpot?: BlindSpot;
  /** One line for people: what was seen. Redacted. */
  readonly summary: string;
  readonly httpStatus?: number;
  /** The health answer as received (keys removed, cut to a few KB), for support tickets. */
  readonly evidence?: string;
  /** On-Premise health is cached upstream for up to 5 minutes: the answer may be that old. */
  readonly cachedUpToMs?: number;
  /** Meta's id of the phone number, from a Cloud health answer: how webhooks name the number. */
  readonly phoneNumberId?: string;
  /** Hash of the key used, to tell whether a 401 survived a key change; never the key. */
  readonly keyFingerprint?: string;
  readonly source: 'poll' | 'recheck' | 'webhook';
  /**
   * Set (even empty) on a single-event webhook observation (an account signal): entry ids the source
   * now reports as fine. Such an observation adds what it shows and ends only what it names here.
   */
  readonly clears?: readonly string[];
  /** Meta's WABA id, from the WABA entity of a Cloud health answer: how account webhooks name the number. */
  readonly wabaId?: string;
}
