import { entryById } from '../../catalog/index.js';
import { escalationText } from '../../catalog/wording.js';
import { isEmergency, SAME_CONDITION } from '../../core/grouping.js';
import type { Incident } from '../../core/records.js';
import { clip } from '../../text/clip.js';
import { escapeText } from '../escape.js';
import type { CardContext } from './card-context.js';
import { formatDuration } from './duration.js';
import { actionsBlock, budgetBlock, contactBlock, platformBlock, stepsBlock, supportCasesBlock } from './incident-blocks.js';
import { type Block, LIMITS, type SlackMessage } from './message.js';
import { conditionName, context, cutEscaped, escapeClip, isoUtc, section, when } from './mrkdwn.js';
import { canvasLine } from './timeline.js';

/** Members named on the card; the thread's first reply lists them all. */
const SHOWN = 12;
const TICKET_NUMBERS = 40;

type Group = NonNullable<Incident['group']>;

const membersOf = (group: Group) => Object.entries(group.members).sort(([, a], [, b]) => a - b);

function headline(incident: Incident, group: Group): string {
  const c = incident.conditions[0];
  const what = c ? conditionName(c) : 'The same problem';
  if (incident.status === 'resolved') return `✅ ${what}: recovered on all numbers`;
  return `🔴 ${what} on ${Object.keys(group.members).length} of ${group.watched} numbers`;
}

function verdict(incident: Incident, group: Group): Block {
  const count = Object.keys(group.members).length;
  if (isEmergency(SAME_CONDITION, count, group.watched))
    return section(
      ':rotating_light: *All or most numbers are failing: contact 360dialog support as an emergency.* ' +
        `Say it affects ${count} of your ${group.watched} numbers; the ticket below lists them.`,
    );
  const entry = entryById(incident.conditions[0]?.key ?? '');
  const own = entry ? `\n${escapeText(escalationText(entry.escalation).headline)}` : '';
  return section(
    ':warning: *Several numbers fail the same way: most likely a 360dialog or Meta problem, not yours.* ' +
      `Check 360dialog's status page; contact 360dialog support (normal priority) if it lasts.${own}`,
  );
}

function membersBlock(group: Group): Block {
  const members = membersOf(group);
  const shown = members.slice(0, SHOWN).map(([name, since]) => `• ${escapeClip(name, 80)} — since ${when(since)}`);
  const more = members.length > SHOWN ? [`… and ${members.length - SHOWN} more (every number is listed in the thread)`] : [];
  return section(`*Affected numbers*\n${[...shown, ...more].join('\n')}`);
}

function ticketText(incident: Incident, group: Group): string {
  const c = incident.conditions[0];
  const members = membersOf(group);
  const lines = [
    `Many of our WhatsApp numbers fail with the same error at once: ${c ? conditionName(c) : '(fill in)'}`,
    `Affected: ${members.length} of ${group.watched} numbers (at most ${group.peak} at once)`,
    `First seen: ${isoUtc(incident.openedAt)}`,
    '',
    'Numbers:',
    ...members.slice(0, TICKET_NUMBERS).map(([name]) => `- ${clip(name, 80)}`),
    ...(members.length > TICKET_NUMBERS ? [`- and ${members.length - TICKET_NUMBERS} more`] : []),
    '',
    'Already tried: …',
  ];
  return lines.join('\n');
}

function ticketBlock(incident: Incident, group: Group): Block {
  const heading = '*Ready-to-paste ticket*:\n';
  const room = LIMITS.sectionText - heading.length - '```\n\n```'.length;
  const body = escapeText(ticketText(incident, group).replace(/```/g, "'''"));
  return section(`${heading}\`\`\`\n${cutEscaped(body, room)}\n\`\`\``);
}

/** The card of a group incident: one condition on many numbers of one channel. */
export function groupBlocks(ctx: CardContext): SlackMessage {
  const { incident, now } = ctx;
  const group = incident.group as Group;
  const title = headline(incident, group);
  const lead = incident.conditions[0];
  const facts = [
    `Opened ${when(incident.openedAt)}`,
    incident.status === 'resolved'
      ? `*Resolved after ${formatDuration((incident.resolvedAt ?? now) - incident.openedAt)}*`
      : `*Open* for ${formatDuration(now - incident.openedAt)}`,
    `at most ${group.peak} numbers at once`,
    ...[canvasLine(incident)].filter((line) => line !== undefined),
  ];
  const blocks: Block[] = [
    { type: 'header', text: { type: 'plain_text', text: clip(title, LIMITS.headerText), emoji: true } },
    context(facts.join(' · ')),
  ];
  if (incident.status === 'open') {
    blocks.push(platformBlock(incident) ?? verdict(incident, group), membersBlock(group));
    if (lead) blocks.push(stepsBlock(lead, entryById(lead.key)));
    blocks.push(contactBlock(), ticketBlock(incident, group));
    for (const b of [budgetBlock(ctx), supportCasesBlock(incident)]) if (b) blocks.push(b);
    blocks.push(actionsBlock(ctx));
  }
  return { text: escapeClip(title, LIMITS.fallbackText - 1), blocks };
}
