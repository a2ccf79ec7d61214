import { type Budget, EXTRA_PRIORITY_COST, type PriorityUse } from '../../core/priority-budget.js';
import type { SupportCase } from '../../core/records.js';
import { escapeClip, mention, oneLine } from './mrkdwn.js';

/** The words for support cases and the priority budget: the card, its thread, the modal and /wa-status say them alike. */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** Uses named in the budget line; a month of 50 is summed up, not listed. */
const USES_SHOWN = 8;
export const TICKET_CHARS = 80;

/** "14:02" for readers in their own zone, "14:02 UTC" where dates cannot be formatted. */
function clockTime(ms: number): string {
  const utc = `${new Date(ms).toISOString().slice(11, 16)} UTC`;
  return `<!date^${Math.floor(ms / 1000)}^{time}|${utc}>`;
}

/** "3 Dec", in UTC: the budget's months are UTC months. */
const dayOf = (ms: number): string => {
  const d = new Date(ms);
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}`;
};

/** The ticket reference as typed: user text, on one line, escaped. */
export const ticketRef = (ticket: string): string => escapeClip(oneLine(ticket), TICKET_CHARS);

/** "Escalated by <@U…> at 14:02 (ticket 12345), priority requested". */
export function caseLine(c: SupportCase, lead = 'Escalated'): string {
  const ticket = c.ticket && c.ticket.trim() !== '' ? ` (ticket ${ticketRef(c.ticket)})` : '';
  return `${lead} by ${mention(c.by)} at ${clockTime(c.at)}${ticket}${c.priority ? ', priority requested' : ''}`;
}

/**
 * The latest `count` cases as lines (the card shows a few, the modal and /wa-status a few more), and how many
 * earlier ones are left out; `lead` starts each line ("escalated" inside a list of lower-case events).
 */
export function latestCases(
  cases: readonly SupportCase[],
  count: number,
  lead?: string,
): { readonly lines: string[]; readonly earlier: number } {
  return { lines: cases.slice(-count).map((c) => caseLine(c, lead)), earlier: Math.max(0, cases.length - count) };
}

function usesList(uses: readonly PriorityUse[]): string {
  const shown = uses.slice(0, USES_SHOWN).map((u) => `${mention(u.by)}, ${dayOf(u.at)}`);
  const more = uses.length > USES_SHOWN ? [`${uses.length - USES_SHOWN} more`] : [];
  return `${uses.length} used: ${[...shown, ...more].join('; ')}`;
}

/**
 * What one more priority request means for the month's allowance; undefined when it is not tracked.
 * Over budget it still may be asked for: it costs extra, and the person decides.
 */
export function budgetLine(budget: Budget): string | undefined {
  const { limit, used } = budget;
  if (limit === undefined) return undefined;
  const list = used.length > 0 ? ` (${usesList(used)})` : '';
  if (limit === 0)
    return `Your plan includes no priority escalations${list}: each one costs ${EXTRA_PRIORITY_COST}. You can still ask for one.`;
  if (!budget.overBudget) return `A priority request uses ${used.length + 1} of your ${limit} priority escalations this month${list}.`;
  return (
    `Your ${limit} priority escalations this month are used${list}: ` +
    `a further one costs ${EXTRA_PRIORITY_COST} each. You can still ask for one.`
  );
}
