/** Its own file: records.ts and events.ts both name it, and neither may import the other. */

/** One support case opened with 360dialog, as the person recorded it. */
export interface SupportCase {
  readonly at: number;
  /** Slack user id of who recorded it. */
  readonly by: string;
  /** 360dialog's ticket reference (user text: escaped when shown). */
  readonly ticket?: string;
  /** They also asked 360dialog for a priority escalation (counted against D360_PRIORITY_ESCALATIONS). */
  readonly priority: boolean;
  /** The Slack view it was submitted from: a submission delivered twice (or to two replicas) records once. */
  readonly ref?: string;
}
