import { GENERATION_SHORT } from '../../catalog/wording.js';
import type { FiredEscalation } from '../../core/records.js';
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

export function escalationLines(escalations: readonly FiredEscalation[], max: number, line: (e: FiredEscalation) => string): string[] {
  const sorted = [...escalations].sort((a, b) => a.at - b.at);
  const lines = sorted.slice(0, max).map(line);
  if (sorted.length > max) lines.push(`+ ${sorted.length - max} more`);
  return lines;
}

function buildTicket(ctx: CardContext, evidenceMax: number): string {
  const { incident, number } = ctx;
  const conditions = ordered(incident);
  const lines = [
    `WhatsApp number: ${clip(number.name, 100)}`,
    `Phone: ${number.phone ? clip(number.phone, 40) : '(fill in)'}`,
    '360dialog channel id: (fill in)',
    `API: ${GENERATION_SHORT[number.api]}`,
    `Incident: ${clip(incident.id, 150)}`,
    `Opened: ${isoUtc(incident.openedAt)}`,
    ...(incident.status === 'resolved' && incident.resolvedAt !== undefined ? [`Recovered: ${isoUtc(incident.resolvedAt)}`] : []),
    '',
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
  if (incident.escalations.length > 0) {
    lines.push('', 'Why we contact you:');
    lines.push(
      ...escalationLines(incident.escalations, TICKET_ESCALATIONS, (e) => `- ${clip(oneLine(escalationReason(e)), 200)} (${isoUtc(e.at)})`),
    );
  }
  if (incident.evidence && incident.evidence.trim() !== '' && evidenceMax > 0) {
    lines.push('', 'Latest health answer (API key removed):', clip(incident.evidence.trim(), evidenceMax));
  }
  lines.push('', 'Already tried: …');
  return lines.join('\n');
}

/** A support ticket in plain text, for the operator to paste into the Hub chat or an e-mail. */
export function ticketText(ctx: CardContext): string {
  return buildTicket(ctx, EVIDENCE_CHARS);
}

/** The ticket inside a code block: nothing in it can close the block early or ping anyone. */
export function ticketBlock(ctx: CardContext): Block {
  const heading = '*Ready-to-paste ticket* — fill in what you already tried:\n';
  const room = LIMITS.sectionText - heading.length - '```\n\n```'.length;
  const fenced = (text: string) => escapeText(text.replace(/```/g, "'''"));
  let evidenceMax = EVIDENCE_CHARS;
  let body = fenced(buildTicket(ctx, evidenceMax));
  // Escaping can grow the evidence; give up evidence, not the lines around it, until it fits.
  while (body.length > room && evidenceMax > 0) {
    evidenceMax = Math.max(0, evidenceMax - (body.length - room));
    body = fenced(buildTicket(ctx, evidenceMax));
  }
  return section(`${heading}\`\`\`\n${cutEscaped(body, room)}\n\`\`\``);
}
