import type { types } from '@slack/bolt';
import type { Budget } from '../../core/priority-budget.js';
import type { SupportTriage } from '../../core/support-triage.js';
import { ids } from '../ids.js';
import type { CardContext } from './card-context.js';
import { budgetLine, latestCases, TICKET_CHARS } from './escalation-words.js';
import type { Block } from './message.js';
import { context, escapeClip, section } from './mrkdwn.js';
import { contactBlock } from './incident-blocks.js';
import { severityWords, type TicketFacts, ticketBlock, TRIAGE_WHY } from './support-ticket.js';

/**
 * The Escalate modal: the complete ticket to paste into 360dialog's Hub chat, 360dialog's own triage of it,
 * the month's priority budget, a field for their ticket reference and the priority request. Slack's modal
 * limits (docs.slack.dev → reference → views; surfaces/modals): title, submit and close ≤ 24 characters,
 * ≤ 100 blocks, private_metadata ≤ 3000, input labels ≤ 2000, option texts ≤ 75.
 */

export type ModalView = types.ModalView;

/** Where the submission records the case: the record (number or group) and the incident it was opened on. */
export interface ModalMeta {
  readonly number: string;
  readonly incidentId: string;
  /** The card's channel, to answer the person privately if the case cannot be recorded. */
  readonly channel?: string;
}

export const MODAL_LIMITS = { title: 24, blocks: 100, privateMetadata: 3000, label: 2000, option: 75 } as const;

const TITLE = 'Escalate to 360dialog';
const CASES_SHOWN = 5;
const plain = (text: string) => ({ type: 'plain_text' as const, text, emoji: true });

function metaText(meta: ModalMeta): string {
  return JSON.stringify({ n: meta.number, i: meta.incidentId, ...(meta.channel ? { c: meta.channel } : {}) });
}

/** The metadata back from a submission; anything else (a forged or older payload) reads as nothing. */
export function parseMeta(text: string | undefined): ModalMeta | undefined {
  try {
    const raw = JSON.parse(text ?? '') as { n?: unknown; i?: unknown; c?: unknown };
    if (typeof raw.n !== 'string' || typeof raw.i !== 'string') return undefined;
    return { number: raw.n, incidentId: raw.i, ...(typeof raw.c === 'string' ? { channel: raw.c } : {}) };
  } catch {
    return undefined;
  }
}

/** Opened at once from the click alone, inside Slack's 3-second trigger window; the full ticket replaces it. */
export function loadingModal(name: string): ModalView {
  return {
    type: 'modal',
    callback_id: ids.escalationModal,
    title: plain(TITLE),
    close: plain('Close'),
    blocks: [section(`Gathering everything the bot knows about *${escapeClip(name, 200)}* for the ticket…`)],
  };
}

/** Nothing to escalate any more (the number left the configuration, the incident was replaced). */
export function noticeModal(text: string): ModalView {
  return { type: 'modal', title: plain(TITLE), close: plain('Close'), blocks: [section(text)] };
}

function triageBlock(triage: SupportTriage): Block {
  const urgency = triage.emergency
    ? "*Emergency by 360dialog's criteria: yes* — they triage emergencies within 30 minutes."
    : "*Emergency by 360dialog's criteria: no* — they downgrade cases sent as emergencies that are not.";
  return section(`*360dialog ${severityWords(triage)}*\n${urgency}\nWhy: ${TRIAGE_WHY[triage.why]}.`);
}

function againBlocks(ctx: CardContext): Block[] {
  const cases = ctx.incident.supportCases ?? [];
  if (cases.length === 0) return [];
  const input: Block = {
    type: 'input',
    block_id: ids.againInput,
    label: plain('Record another case?'),
    element: {
      type: 'checkboxes',
      action_id: ids.againValue,
      options: [{ text: plain('Yes, I opened a further case'), value: 'again' }],
    },
  };
  // The latest few: a section cut short could split a mention or a date in half.
  const { lines, earlier } = latestCases(cases, CASES_SHOWN);
  const more = earlier > 0 ? [`and ${earlier} earlier (in the card's thread)`] : [];
  return [section(`:warning: *This incident was escalated already*\n${[...lines, ...more].join('\n')}`), input];
}

function priorityBlock(triage: SupportTriage): Block {
  const advice = triage.emergency
    ? "Recommended: 360dialog's emergency criteria apply"
    : 'Not recommended: their emergency criteria do not apply';
  return {
    type: 'input',
    block_id: ids.priorityInput,
    optional: true,
    label: plain('Priority'),
    element: {
      type: 'checkboxes',
      action_id: ids.priorityValue,
      options: [{ text: plain('Also request priority escalation'), description: plain(advice), value: 'priority' }],
    },
    // The budget is said in the context block just above: a plain_text hint would show <@U…> as typed.
  };
}

export interface EscalationModalInput {
  readonly ctx: CardContext;
  readonly facts: TicketFacts;
  readonly triage: SupportTriage;
  readonly budget: Budget;
  readonly meta: ModalMeta;
}

/** The full modal: what was seen, 360dialog's triage, the ticket, then the two inputs. */
export function escalationModal(input: EscalationModalInput): ModalView {
  const { ctx, facts, triage, budget, meta } = input;
  const budgetText = budgetLine(budget);
  const blocks: Block[] = [
    ...againBlocks(ctx),
    triageBlock(triage),
    ticketBlock(ctx, { ...facts, triage }, '*Copy this into the Hub chat or an e-mail* — add what you already tried:\n'),
    contactBlock(),
    ...(budgetText ? [context(`:moneybag: ${budgetText}`)] : []),
    {
      type: 'input',
      block_id: ids.ticketInput,
      optional: true,
      label: plain("360dialog's ticket reference"),
      hint: plain('As 360dialog gave it (e.g. 12345): the card shows it, so nobody escalates the same incident again.'),
      element: { type: 'plain_text_input', action_id: ids.ticketValue, max_length: TICKET_CHARS },
    },
    priorityBlock(triage),
  ];
  return {
    type: 'modal',
    callback_id: ids.escalationModal,
    title: plain(TITLE),
    submit: plain('Record escalation'),
    close: plain('Cancel'),
    private_metadata: metaText(meta),
    blocks,
  };
}
