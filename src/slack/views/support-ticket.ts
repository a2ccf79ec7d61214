import { GENERATION_SHORT } from '../../catalog/wording.js';
import type { FiredEscalation, Incident, LearntIds } from '../../core/records.js';
import type { SupportTriage, TriageReason } from '../../core/support-triage.js';
import { clip } from '../../text/clip.js';
import { escapeText } from '../escape.js';
import type { CardContext } from './card-context.js';
import { ordered } from './condition-order.js';
import { escalationReason } from './incident-words.js';
import { type Block, LIMITS } from './message.js';
import { conditionName, cutEscaped, isoUtc, oneLine, section, times } from './mrkdwn.js';

/** The ready-to-paste support ticket: plain text a person pastes into the Hub chat or an e-mail. */

const EVIDENCE_CHARS = 1500;
const TICKET_CONDITIONS = 6;
const TICKET_ESCALATIONS = 5;
const TICKET_MEMBERS = 40;

/**
 * What the bot knows beside the incident, for the Escalate modal's ticket: the Partner API's listing, the ids
 * the health answers taught, the status page, 360dialog's own triage. The card's ticket has only the incident.
 */
export interface TicketFacts {
  readonly channelId?: string;
  readonly clientId?: string;
  readonly partnerId?: string;
  readonly learnt?: LearntIds;
  /** What 360dialog's status page says now, in words ("no incident reported"); undefined: not watched. */
  readonly statusPage?: string;
  readonly triage?: SupportTriage;
}

/** 360dialog's triage in their own terms (docs.360dialog.com → Support → response and resolution time). */
export const TRIAGE_WHY: Record<TriageReason, string> = {
  'most-numbers': 'most of our numbers fail the same way at once (a platform-wide outage for us)',
  'several-numbers': 'several numbers fail the same way, the others work',
  'unannounced-suspension': 'the account was disabled with no warning before it',
  'one-number-down': 'one number cannot send while the others work, which 360dialog does not treat as an emergency',
  'warnings-only': 'only warnings: messages still go out',
  'our-side': "most numbers gave no answer at all, which points at the bot's own network first",
};

const SEVERITY_WORDS = { 1: 'core service down for all', 2: 'down for a subset, or badly impaired', 3: 'minor' } as const;
export const severityWords = (t: SupportTriage): string => `severity ${t.severity} (${SEVERITY_WORDS[t.severity]})`;

/**
 * Fired escalations in time order, one line per reason: one rule fired for two subjects of one entry (two
 * restriction types) reads the same, and is said once, at its first time, on the card and in the ticket alike.
 */
export function escalationLines(escalations: readonly FiredEscalation[], max: number, line: (e: FiredEscalation) => string): string[] {
  const said = new Set<string>();
  const sorted = [...escalations]
    .sort((a, b) => a.at - b.at)
    .filter((e) => {
      const reason = escalationReason(e);
      return !said.has(reason) && Boolean(said.add(reason));
    });
  const lines = sorted.slice(0, max).map(line);
  if (sorted.length > max) lines.push(`+ ${sorted.length - max} more`);
  return lines;
}

const unknown = (what: string) => `(not known to the bot: ${what})`;

/** The ids support looks the number up by; what the bot does not know says where to find it, never "(fill in)". */
function idLines(ctx: CardContext, facts: TicketFacts | undefined): string[] {
  const { number } = ctx;
  const learnt = facts?.learnt;
  // A group card names no number of its own: the affected numbers are listed below.
  if (ctx.incident.group) return ['Many of our WhatsApp numbers fail the same way at once (listed below).'];
  const lines = [
    `WhatsApp number: ${clip(number.name, 100)}`,
    `Phone: ${number.phone ? clip(number.phone, 40) : unknown('add phone: to numbers.yml')}`,
    `360dialog channel id: ${facts?.channelId ? clip(facts.channelId, 80) : unknown('see the number in the 360dialog Hub')}`,
  ];
  if (facts?.clientId) lines.push(`360dialog client id: ${clip(facts.clientId, 80)}`);
  if (facts?.partnerId) lines.push(`360dialog partner id: ${clip(facts.partnerId, 80)}`);
  if (number.api === 'cloud') {
    lines.push(`WABA id: ${learnt?.wabaId ? clip(learnt.wabaId, 40) : unknown('no health answer named it yet')}`);
    lines.push(
      `Meta phone number id: ${learnt?.phoneNumberId ? clip(learnt.phoneNumberId, 40) : unknown('no health answer named it yet')}`,
    );
  }
  lines.push(`API: ${GENERATION_SHORT[number.api]}`);
  return lines;
}

function groupLines(incident: Incident): string[] {
  const group = incident.group;
  if (!group) return [];
  const members = Object.entries(group.members).sort(([, a], [, b]) => a - b);
  return [
    `Affected: ${members.length} of ${group.watched} numbers (at most ${group.peak} at once)`,
    ...members.slice(0, TICKET_MEMBERS).map(([name]) => `- ${clip(name, 80)}`),
    ...(members.length > TICKET_MEMBERS ? [`- and ${members.length - TICKET_MEMBERS} more`] : []),
  ];
}

function conditionLines(incident: Incident): string[] {
  const conditions = ordered(incident);
  return [
    'Errors seen:',
    ...conditions
      .slice(0, TICKET_CONDITIONS)
      .map(
        (c) =>
          `- ${clip(oneLine(conditionName(c)), 160)}: ` +
          `first seen ${isoUtc(c.firstSeen)}, last seen ${isoUtc(c.lastSeen)}, seen ${times(c.count)}`,
      ),
    ...(conditions.length > TICKET_CONDITIONS
      ? [
          `- and ${conditions.length - TICKET_CONDITIONS} more: ${clip(
            conditions
              .slice(TICKET_CONDITIONS)
              .map((c) => `${c.code} ×${c.count}`)
              .join(', '),
            300,
          )}`,
        ]
      : []),
  ];
}

function traceLines(incident: Incident): string[] {
  const { traces } = incident;
  const lines: string[] = [];
  if (traces?.wamids.length) lines.push(`Example message ids (wamid): ${traces.wamids.map((w) => clip(w, 120)).join(', ')}`);
  if (traces?.fbtraceIds.length) lines.push(`fbtrace_id: ${traces.fbtraceIds.map((t) => clip(t, 60)).join(', ')}`);
  return lines.length > 0 ? ['', ...lines] : [];
}

function triageLines(facts: TicketFacts | undefined): string[] {
  const lines: string[] = [];
  if (facts?.statusPage) lines.push(`360dialog status page: ${clip(oneLine(facts.statusPage), 300)}`);
  const t = facts?.triage;
  if (t) {
    lines.push(`Severity by your definitions: ${severityWords(t)}`);
    lines.push(`Emergency by your criteria: ${t.emergency ? 'yes' : 'no'}, because ${TRIAGE_WHY[t.why]}`);
  }
  return lines.length > 0 ? ['', ...lines] : [];
}

function buildTicket(ctx: CardContext, evidenceMax: number, facts?: TicketFacts): string {
  const { incident } = ctx;
  const lines = [
    ...idLines(ctx, facts),
    `Incident: ${clip(incident.id, 150)}`,
    `Opened: ${isoUtc(incident.openedAt)}`,
    ...(incident.status === 'resolved' && incident.resolvedAt !== undefined ? [`Recovered: ${isoUtc(incident.resolvedAt)}`] : []),
    ...groupLines(incident),
    '',
    ...conditionLines(incident),
    ...traceLines(incident),
  ];
  if (incident.escalations.length > 0) {
    lines.push('', 'Why we contact you:');
    lines.push(
      ...escalationLines(incident.escalations, TICKET_ESCALATIONS, (e) => `- ${clip(oneLine(escalationReason(e)), 200)} (${isoUtc(e.at)})`),
    );
  }
  lines.push(...triageLines(facts));
  if (incident.evidence && incident.evidence.trim() !== '' && evidenceMax > 0) {
    lines.push('', 'Latest health answer (API key removed):', clip(incident.evidence.trim(), evidenceMax));
  }
  lines.push('', 'Already tried: …');
  return lines.join('\n');
}

/** A support ticket in plain text, for the operator to paste into the Hub chat or an e-mail. */
export function ticketText(ctx: CardContext, facts?: TicketFacts, evidenceMax = EVIDENCE_CHARS): string {
  return buildTicket(ctx, evidenceMax, facts);
}

/** The ticket inside a code block: nothing in it can close the block early or ping anyone. */
export function ticketBlock(
  ctx: CardContext,
  facts?: TicketFacts,
  heading = '*Ready-to-paste ticket* — fill in what you already tried:\n',
): Block {
  const room = LIMITS.sectionText - heading.length - '```\n\n```'.length;
  const fenced = (text: string) => escapeText(text.replace(/```/g, "'''"));
  let evidenceMax = EVIDENCE_CHARS;
  let body = fenced(buildTicket(ctx, evidenceMax, facts));
  // Escaping can grow the evidence; give up evidence, not the lines around it, until it fits.
  while (body.length > room && evidenceMax > 0) {
    evidenceMax = Math.max(0, evidenceMax - (body.length - room));
    body = fenced(buildTicket(ctx, evidenceMax, facts));
  }
  return section(`${heading}\`\`\`\n${cutEscaped(body, room)}\n\`\`\``);
}
