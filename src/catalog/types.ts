/**
 * The shape of one documented error condition. The catalog is data: adding a code is
 * adding one `CatalogEntry` to one of the tables beside this file.
 */

/** Which WhatsApp Business API generation produces the code. */
export type Generation =
  /** Meta's retired On-Premise client (the source table's era, sunset October 2025). */
  | 'onprem'
  /** Meta's Cloud API, what live numbers speak today. */
  | 'cloud'
  /** 360dialog's own gateway/proxy errors, seen on both generations. */
  | '360dialog';

/** Where an operator meets the code. */
export type Surface = 'api-response' | 'webhook' | 'health-check' | 'hub';

/** How bad it is for the number when the monitor sees it. */
export type Severity = 'critical' | 'warning' | 'info';

/** Whether retrying the same request can help. */
export type Retry = 'backoff' | 'later' | 'no';

/**
 * A condition the monitor evaluates against what it has seen of a number.
 * `judgement` is the escape hatch for conditions only a person can decide
 * ("the number was disabled in error"): shown to people, never fired by the monitor.
 */
export type EscalationRule =
  | { readonly kind: 'persists'; readonly minutes: number }
  | { readonly kind: 'repeats'; readonly moreThan: number; readonly withinHours: number }
  | { readonly kind: 'after-new-key' }
  | { readonly kind: 'judgement' };

export type Escalation =
  /** Contact 360dialog support as soon as this is seen. */
  | { readonly verdict: 'now'; readonly why: string }
  /** Contact support only when `rule` holds; `when` says it in words ("if it lasts more than 10 minutes"). */
  | { readonly verdict: 'if'; readonly rule: EscalationRule; readonly when: string }
  /** Nothing 360dialog can do: the fix is on the operator's side. */
  | { readonly verdict: 'no'; readonly why: string }
  /**
   * Only Meta can decide (an integrity review, a suspended group, a feature Meta withholds): ask Meta through
   * WhatsApp Manager or Meta's support; 360dialog can pass a ticket on but not decide it.
   */
  | { readonly verdict: 'meta'; readonly why: string };

/** Rows of the original 360dialog "Error Messages" page, by the table they sit in. */
export type SeedTable = 'api' | 'webhook' | 'hub';

export interface CatalogEntry {
  /** Stable, unique: `<generation>-<code>[-<variant>]`, e.g. `onprem-1016-webhook`, `360dialog-400-disabled`. */
  readonly id: string;
  /** The code as operators type it: a number ("131047") or a gateway status word ("unregistered"). */
  readonly code: string;
  /** For entries that stand for a range of codes (Meta's 200–299 permission errors). */
  readonly range?: readonly [number, number];
  readonly generation: Generation;
  readonly surfaces: readonly Surface[];
  /** HTTP status the API answers with, where documented. */
  readonly httpStatus?: number;
  readonly title: string;
  /** What it means, in one or two plain sentences. */
  readonly meaning: string;
  /** What to do, as concrete steps in order. */
  readonly steps: readonly string[];
  readonly escalation: Escalation;
  readonly severity: Severity;
  readonly retry: Retry;
  /**
   * Seen once, it is already certain (401, 403, 502, unregistered …): the monitor opens an
   * incident at once instead of waiting for a second poll.
   */
  readonly opensAtOnce?: boolean;
  /** Ids of the same condition in the other generation; the reverse direction is derived. */
  readonly equivalents?: readonly string[];
  /**
   * Ids of a condition in the other generation that looks the same but that no source confirms is
   * the same (1011 and 133010): shown as "similar to", never as fact. The reverse is derived.
   */
  readonly similar?: readonly string[];
  /** Ids of codes worth reading next; the reverse direction is derived. */
  readonly related?: readonly string[];
  /** Extra words people search with ("rate limit", "wacore", "payment"). */
  readonly keywords?: readonly string[];
  /**
   * Lower-case fragments of the upstream error message that tell apart entries sharing one code
   * (the three kinds of 360dialog 400).
   */
  readonly messageHints?: readonly string[];
  /** One of the codes operators meet most: ranked a little higher when searching by words. */
  readonly common?: boolean;
  /** Set on the rows of the original 360dialog error table. */
  readonly seed?: SeedTable;
}
