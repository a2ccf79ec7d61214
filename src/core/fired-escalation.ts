/** Which of the catalog's escalation rules fired, with the figures it fired on; the views put it in words. */
export type FiredRule =
  /** The catalog says to contact support on sight. */
  | { readonly kind: 'at-once' }
  /** Active for `lastedMs`, more than the rule's `minutes`. */
  | { readonly kind: 'persists'; readonly lastedMs: number; readonly minutes: number }
  /** `count` separate runs within `withinHours`, more than the rule's `moreThan`. */
  | { readonly kind: 'repeats'; readonly count: number; readonly withinHours: number; readonly moreThan: number }
  /** Still failing with an API key other than the one the run began with. */
  | { readonly kind: 'after-new-key' };

/** An escalation stored by a version that kept sentences instead of figures: shown as it was written. */
export interface LegacyFiredRule {
  readonly kind?: undefined;
  /** The rule in words: "lasts more than 10 minutes". */
  readonly rule: string;
  /** Why it fired: "1014 has lasted 11 minutes". */
  readonly reason: string;
}

/** An escalation rule of the catalog that fired for a condition of an incident. */
export type FiredEscalation = {
  readonly conditionKey: string;
  readonly code: string;
  readonly at: number;
} & (FiredRule | LegacyFiredRule);
