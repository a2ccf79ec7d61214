/**
 * 360dialog's partner plans ration priority escalations of support cases: Growth 2 a month, Premium 5,
 * each further one 25 $/€; unused ones do not carry over (partner programme page → Plan Benefits →
 * Support Chat Escalation). Opening a case is not an escalation; asking for top priority is. The
 * ledger counts the priority requests recorded across the fleet, per calendar month in UTC.
 */
export interface PriorityUse {
  readonly at: number;
  /** Slack user id of who asked. */
  readonly by: string;
  readonly number: string;
  readonly incidentId: string;
  /** The Slack view it was asked from: the same submission on two replicas counts once. */
  readonly ref?: string;
}

export interface PriorityLedger {
  /** `YYYY-MM`, UTC. */
  readonly month: string;
  readonly uses: readonly PriorityUse[];
}

/** What a further priority request costs beyond the plan's allowance. */
export const EXTRA_PRIORITY_COST = '25 $/€';

export const monthOf = (at: number): string => new Date(at).toISOString().slice(0, 7);

export interface Budget {
  /** The month's allowance (D360_PRIORITY_ESCALATIONS); undefined: not tracked. */
  readonly limit?: number;
  readonly used: readonly PriorityUse[];
  /** The next request is beyond the allowance (and costs EXTRA_PRIORITY_COST). */
  readonly overBudget: boolean;
}

/** The month's budget as of `now`: a ledger of another month counts nothing. */
export function budgetOf(ledger: PriorityLedger | undefined, limit: number | undefined, now: number): Budget {
  const used = ledger && ledger.month === monthOf(now) ? ledger.uses : [];
  return { ...(limit !== undefined ? { limit } : {}), used, overBudget: limit !== undefined && used.length >= limit };
}

/**
 * The ledger with one more use. Idempotent on the submission (`ref`), else on the incident and the moment
 * asked (a redelivered submission records once); a ledger of an earlier month starts the month afresh.
 */
export function recordUse(ledger: PriorityLedger | undefined, use: PriorityUse): PriorityLedger {
  const month = monthOf(use.at);
  const uses = ledger && ledger.month === month ? ledger.uses : [];
  const same = (u: PriorityUse) =>
    use.ref !== undefined ? u.ref === use.ref : u.incidentId === use.incidentId && u.at === use.at && u.by === use.by;
  if (uses.some(same)) return { month, uses };
  return { month, uses: [...uses, use] };
}
