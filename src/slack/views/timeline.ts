import { type Condition, type Incident, SCHEDULED_BY } from '../../core/records.js';
import type { StoryEntry } from '../../core/story.js';
import { escapeText } from '../escape.js';
import type { CardContext } from './card-context.js';
import { formatDuration } from './duration.js';
import { escalationReason } from './incident-words.js';
import { type Block, LIMITS, type SlackMessage } from './message.js';
import { conditionName, cutEscaped, isoUtc, mention, oneLine, section, when } from './mrkdwn.js';

/**
 * The story of an incident once it resolved, in order: opened, each condition (first and last seen, how
 * often), the escalation rules that fired, support cases opened with 360dialog, what people did (core/story.ts),
 * the status page, relapses, recovery; then how long it lasted and how long until someone acknowledged it.
 * Two renderings of the same moments: Slack mrkdwn for the thread reply, markdown for the canvas.
 */

/** How a rendering writes times, people, user text and emphasis. */
interface Style {
  time(ms: number): string;
  person(id: string): string;
  /** User or upstream text, on one line, made harmless and cut to `max`. */
  text(raw: string, max: number): string;
  bold(s: string): string;
}

const SLACK_USER = /^[UW][A-Z0-9]{2,}$/;

const MRKDWN: Style = {
  time: when,
  person: mention,
  text: (raw, max) => cutEscaped(escapeText(oneLine(raw)), max),
  bold: (s) => `*${s}*`,
};

/** Canvas markdown: a backslash before every character markdown (or a mention) could read. */
const escapeMarkdown = (raw: string) => raw.replace(/[\\`*_~[\]()#!<>|]/g, (c) => `\\${c}`);
const MARKDOWN: Style = {
  time: (ms) =>
    isoUtc(ms)
      .replace('T', ' ')
      .replace(/:\d\dZ$/, ' UTC'),
  // A canvas mentions a user as an image-link to their id; anything else is only text.
  person: (id) => (SLACK_USER.test(id) ? `![](@${id})` : escapeMarkdown(id.slice(0, 40))),
  text: (raw, max) => escapeMarkdown(oneLine(raw).slice(0, max)),
  bold: (s) => `**${s}**`,
};

/** One line of the story, at its time. */
interface Moment {
  readonly at: number;
  readonly text: string;
}

/** What a condition's count counts: numbers for a group, failed messages for webhooks, checks for polls. */
function countWords(incident: Incident, c: Condition): string {
  if (incident.group) return `on up to ${c.count} numbers at once`;
  if (c.source === 'webhook') return `${c.count} failed message${c.count === 1 ? '' : 's'}`;
  return `seen ${c.count === 1 ? 'once' : `${c.count} times`}`;
}

function conditionMoment(incident: Incident, c: Condition, s: Style): Moment {
  const name = s.text(conditionName(c), 200);
  const last = c.lastSeen > c.firstSeen ? `, last seen ${s.time(c.lastSeen)}` : '';
  return { at: c.firstSeen, text: `${s.bold(name)} first seen${last}, ${countWords(incident, c)}` };
}

function storyMoment(e: StoryEntry, s: Style): Moment {
  switch (e.kind) {
    case 'acknowledged':
      return { at: e.at, text: `Acknowledged by ${s.person(e.by)}` };
    case 'muted': {
      const by = e.by === SCHEDULED_BY ? 'from numbers.yml' : `by ${s.person(e.by)}`;
      const why = e.reason ? `: ${s.text(e.reason, 200)}` : '';
      return { at: e.at, text: `${e.window ? 'Maintenance window' : 'Muted'} ${by} until ${s.time(e.until)}${why}` };
    }
    case 'unmuted':
      return { at: e.at, text: e.by ? `Unmuted by ${s.person(e.by)}` : 'The maintenance window ended' };
    case 'rechecked':
      return { at: e.at, text: `Re-checked by ${s.person(e.by)}` };
    case 'platform':
      return {
        at: e.at,
        text: e.summary
          ? `360dialog's status page reported: ${s.text(e.summary, 300)}`
          : "360dialog's status page no longer reported a problem",
      };
    case 'relapsed':
      return { at: e.at, text: `${s.bold('Came back')} ${formatDuration(e.afterMs)} after recovering` };
    case 'recovered':
      return { at: e.at, text: s.bold('Recovered') };
  }
}

/** Every moment of the incident, oldest first (moments at the same time keep the order they are listed in). */
function timelineMoments(incident: Incident, s: Style = MRKDWN): Moment[] {
  const moments: Moment[] = [{ at: incident.openedAt, text: s.bold('Opened') }];
  moments.push(...incident.conditions.map((c) => conditionMoment(incident, c, s)));
  for (const e of incident.escalations)
    moments.push({ at: e.at, text: `${s.bold('Escalation rule fired')}: ${s.text(escalationReason(e), 400)}` });
  for (const c of incident.supportCases ?? []) {
    const ticket = c.ticket ? `ticket ${s.text(c.ticket, 80)}` : 'no ticket reference';
    const priority = c.priority ? ', priority escalation asked' : '';
    moments.push({ at: c.at, text: `${s.bold('Escalated to 360dialog')} by ${s.person(c.by)} (${ticket}${priority})` });
  }
  const story = incident.story ?? [];
  moments.push(...story.map((e) => storyMoment(e, s)));
  return moments
    .map((m, i) => ({ m, i }))
    .sort((a, b) => a.m.at - b.m.at || a.i - b.i)
    .map(({ m }) => m);
}

/** What the incident was, as the timeline names it: the number, or the group's condition and reach. */
function subject(ctx: CardContext, s: Style): string {
  const { incident } = ctx;
  const lead = incident.conditions[0];
  if (incident.group && lead) return `${s.text(conditionName(lead), 200)} on ${incident.group.peak} numbers`;
  return s.text(ctx.number.name, 200);
}

/** How long it lasted, and how long until someone acknowledged it. */
function timelineSummary(incident: Incident, s: Style = MRKDWN): string {
  const end = incident.resolvedAt ?? incident.openedAt;
  const ack = incident.acknowledged;
  const parts = [
    `Lasted ${formatDuration(end - incident.openedAt)}`,
    ack ? `acknowledged after ${formatDuration(ack.at - incident.openedAt)} by ${s.person(ack.by)}` : 'never acknowledged',
    ...(incident.relapses > 0 ? [`came back ${incident.relapses === 1 ? 'once' : `${incident.relapses} times`}`] : []),
  ];
  return parts.join(' · ');
}

const dropped = (incident: Incident) => (incident.storyDropped ? [`(${incident.storyDropped} earlier actions on it were not kept)`] : []);

/** Lines packed into sections of at most Slack's section length, one line never split. */
function packSections(lines: readonly string[], maxSections: number): { blocks: Block[]; left: number } {
  const blocks: Block[] = [];
  let current = '';
  for (const [i, line] of lines.entries()) {
    const next = current === '' ? line : `${current}\n${line}`;
    if (next.length <= LIMITS.sectionText) {
      current = next;
      continue;
    }
    blocks.push(section(current));
    if (blocks.length === maxSections) return { blocks, left: lines.length - i };
    current = line;
  }
  if (current !== '') blocks.push(section(current));
  return { blocks, left: 0 };
}

/**
 * Sections of story per reply: far under Slack's 50 blocks, and 12 × 3000 characters stay under the 40,000
 * Slack takes in a message's text — a story longer than that is for the canvas (or the "more" note says so).
 */
const MAX_STORY_SECTIONS = 12;
const MAX_LINE = 700;

/** The thread reply: the story, then the figures; a long one stays within Slack's limits and says what it left out. */
export function timelineBlocks(ctx: CardContext, canvasUrl?: string): SlackMessage {
  const { incident } = ctx;
  const title = `Timeline of ${subject(ctx, MRKDWN)}`;
  const summary = timelineSummary(incident);
  const lines = [...dropped(incident), ...timelineMoments(incident).map((m) => cutEscaped(`${when(m.at)} — ${m.text}`, MAX_LINE))];
  const { blocks: story, left } = packSections(lines, MAX_STORY_SECTIONS);
  const blocks: Block[] = [section(`:scroll: *${title}*\n${summary}`), ...story];
  if (left > 0) blocks.push(section(`… and ${left} more line${left === 1 ? '' : 's'}${canvasUrl ? ': the canvas has them all' : ''}.`));
  const link = safeCanvasUrl(canvasUrl);
  if (link) {
    const text = `The same timeline as a canvas: <${link}|open it>`;
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text }] });
  }
  return { text: cutEscaped(`${title}: ${summary}`, LIMITS.fallbackText), blocks };
}

/** For a reply Slack refused as drawn: the heading and figures only, as text. */
export function compactTimeline(ctx: CardContext): SlackMessage {
  return { text: cutEscaped(`Timeline of ${subject(ctx, MRKDWN)}: ${timelineSummary(ctx.incident)}`, 1000), blocks: [] };
}

/** The canvas: a title and the same story as markdown (a canvas holds far more than a message). */
export function timelineMarkdown(ctx: CardContext): { title: string; markdown: string } {
  const { incident } = ctx;
  // A canvas title is plain text: nothing in it is read as markdown.
  const title = `Timeline: ${subject(ctx, { ...MARKDOWN, text: (raw, max) => oneLine(raw).slice(0, max) })}`.slice(0, 150);
  const lines = [
    `# Timeline of ${subject(ctx, MARKDOWN)}`,
    '',
    timelineSummary(incident, MARKDOWN),
    '',
    ...dropped(incident),
    ...timelineMoments(incident, MARKDOWN).map((m) => `- ${MARKDOWN.time(m.at)}: ${m.text}`),
  ];
  return { title, markdown: lines.join('\n') };
}

/**
 * A canvas address as a link target: Slack-made, and still checked and escaped — a store edited by hand must not
 * smuggle a mention or another scheme in.
 */
function safeCanvasUrl(url: string | undefined): string | undefined {
  return url && /^https:\/\/\S+$/.test(url) ? escapeText(url) : undefined;
}

/** The resolved card's pointer to the timeline's canvas: a link when its address is known, else its id. */
export function canvasLine(incident: Incident): string | undefined {
  const canvas = incident.timelineCanvas;
  if (!canvas) return undefined;
  const link = safeCanvasUrl(canvas.url);
  return link ? `:scroll: <${link}|Timeline canvas>` : `:scroll: Timeline canvas ${escapeText(canvas.id)}`;
}
