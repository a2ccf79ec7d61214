import { entryById } from '../../catalog/index.js';
import { support } from '../../catalog/support.js';
import type { CatalogEntry } from '../../catalog/types.js';
import { escalationText, GENERATION_SHORT } from '../../catalog/wording.js';
import { ONPREM_CACHE_MS } from '../../d360/classify.js';
import { formatDuration } from './duration.js';
import type { Condition, Escalation, Incident } from '../../core/records.js';
import { clip, escapeText } from '../escape.js';
import { ids } from '../ids.js';
import { type Block, LIMITS, type SlackMessage } from './message.js';

export interface CardContext {
  readonly incident: Incident;
  readonly number: { readonly name: string; readonly phone?: string; readonly api: 'cloud' | 'onprem' };
  readonly now: number;
}

type Severity = Condition['severity'];
type ActionElement = Extract<Block, { type: 'actions' }>['elements'][number];

/** Conditions rendered in full; each is one block, and the card must stay far below Slack's 50. */
const FULL_CONDITIONS = 8;
/** Enough of an upstream message to recognise it; the ticket carries the evidence in full. */
const DETAIL_CHARS = 500;
const EVIDENCE_CHARS = 1500;
const TICKET_CONDITIONS = 6;
const TICKET_ESCALATIONS = 5;
const CARD_ESCALATIONS = 10;

const SEVERITY_RANK: Record<Severity, number> = { critical: 3, warning: 2, info: 1 };
const HEADER_LOOK: Record<Severity, { icon: string; verb: string }> = {
  critical: { icon: '🔴', verb: 'is down' },
  warning: { icon: '🟠', verb: 'is degraded' },
  info: { icon: '🟡', verb: 'needs attention' },
};
const CONDITION_ICON: Record<Severity, string> = {
  critical: ':red_circle:',
  warning: ':large_orange_circle:',
  info: ':large_yellow_circle:',
};
const VERDICT_ICON = { now: ':rotating_light:', if: ':warning:', no: ':white_check_mark:' } as const;

const section = (text: string): Block => ({ type: 'section', text: { type: 'mrkdwn', text: clip(text, LIMITS.sectionText) } });
const context = (text: string): Block => ({ type: 'context', elements: [{ type: 'mrkdwn', text: clip(text, LIMITS.sectionText) }] });

/**
 * Escapes, then cuts to `max` characters of escaped text, never through the middle of an
 * entity: clipping before escaping could overshoot the limit fivefold (`<` is four characters).
 */
function escapeClip(text: string, max: number): string {
  return cutEscaped(escapeText(text), max);
}

function cutEscaped(escaped: string, max: number): string {
  if (escaped.length <= max) return escaped;
  return `${escaped.slice(0, Math.max(0, max - 1)).replace(/&[a-z]{0,3}$/, '')}…`;
}

/** Upstream text on one line: a newline would end the quote it is shown in. */
const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

/** A Slack id only when it looks like one: anything else is shown, never linked. */
function mention(user: string): string {
  return /^[UW][A-Z0-9]+$/.test(user) ? `<@${user}>` : escapeClip(user, 40);
}

function isoUtc(ms: number): string {
  return Number.isFinite(ms) ? new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z') : 'unknown time';
}

/** Each reader sees their own time zone; the fallback is for clients that cannot format dates. */
function when(ms: number): string {
  if (!Number.isFinite(ms)) return 'an unknown time';
  const fallback = `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  return `<!date^${Math.floor(ms / 1000)}^{date_short_pretty} {time}|${fallback}>`;
}

function times(count: number): string {
  return count === 1 ? 'once' : `${count} times`;
}

/** Adds items while they fit, then says how many did not. */
function joinWithin(items: readonly string[], separator: string, max: number): string {
  let out = '';
  for (const [i, item] of items.entries()) {
    const next = out === '' ? item : `${out}${separator}${item}`;
    const left = items.length - i - 1;
    if (next.length + (left > 0 ? 12 : 0) > max) return `${out === '' ? '' : `${out}${separator}`}… ${items.length - i} more`;
    out = next;
  }
  return out;
}

const isActive = (incident: Incident, c: Condition) => incident.status === 'open' && c.activeSince !== undefined;

const escalatedKeys = (incident: Incident) => new Set(incident.escalations.map((e) => e.conditionKey));

/** Worst first: by severity, then the escalated one, then the longest-standing. */
function byConcern(incident: Incident): (a: Condition, b: Condition) => number {
  const escalated = escalatedKeys(incident);
  return (a, b) =>
    SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] ||
    Number(escalated.has(b.key)) - Number(escalated.has(a.key)) ||
    a.firstSeen - b.firstSeen;
}

/** Active conditions first, worst first; then the ones no longer seen, most recent first. */
function ordered(incident: Incident): Condition[] {
  const active = incident.conditions.filter((c) => isActive(incident, c)).sort(byConcern(incident));
  const earlier = incident.conditions.filter((c) => !isActive(incident, c)).sort((a, b) => b.lastSeen - a.lastSeen);
  return [...active, ...earlier];
}

/** The condition the card is about: the worst one seen now, or, when none is, the worst one seen at all. */
function leadCondition(incident: Incident): Condition | undefined {
  const active = incident.conditions.filter((c) => isActive(incident, c));
  return [...(active.length > 0 ? active : incident.conditions)].sort(byConcern(incident))[0];
}

const isMuted = (ctx: CardContext) => ctx.incident.status === 'open' && (ctx.incident.mutedUntil ?? 0) > ctx.now;
const isEscalatedNow = (ctx: CardContext) => ctx.incident.status === 'open' && ctx.incident.escalations.length > 0;

function headerBlock(ctx: CardContext, lead: Condition | undefined): Block {
  const look = ctx.incident.status === 'resolved' ? { icon: '✅', verb: 'recovered' } : HEADER_LOOK[lead?.severity ?? 'warning'];
  const room = LIMITS.headerText - look.icon.length - look.verb.length - 2;
  return {
    type: 'header',
    text: { type: 'plain_text', text: `${look.icon} ${escapeClip(ctx.number.name, room)} ${look.verb}`, emoji: true },
  };
}

function statusText(ctx: CardContext): string {
  const { incident, now } = ctx;
  if (incident.status === 'resolved') return `*Resolved after ${formatDuration((incident.resolvedAt ?? now) - incident.openedAt)}*`;
  const parts = [`*Open* for ${formatDuration(now - incident.openedAt)}`];
  if (incident.acknowledged) parts.push(`*Acknowledged* by ${mention(incident.acknowledged.by)}`);
  if (isMuted(ctx))
    parts.push(`*Muted* until ${when(incident.mutedUntil ?? now)}${incident.mutedBy ? ` by ${mention(incident.mutedBy)}` : ''}`);
  return parts.join(' · ');
}

function contextBlock(ctx: CardContext): Block {
  const { incident, number } = ctx;
  const parts = [
    ...(number.phone ? [escapeClip(number.phone, 40)] : []),
    GENERATION_SHORT[number.api],
    `Opened ${when(incident.openedAt)}`,
    statusText(ctx),
    ...(incident.relapses > 0 ? [`Came back ${times(incident.relapses)}`] : []),
  ];
  return context(parts.join(' · '));
}

function conditionBlock(incident: Incident, c: Condition, now: number): Block {
  const active = isActive(incident, c);
  const marker = active ? '' : incident.status === 'resolved' ? ' — _cleared_' : ' — _earlier, not seen now_';
  const icon = active ? CONDITION_ICON[c.severity] : ':heavy_check_mark:';
  const running = active && c.activeSince !== undefined ? ` · ongoing for ${formatDuration(now - c.activeSince)}` : '';
  const lines = [
    `${icon} *${escapeClip(c.code, 40)}* ${escapeClip(c.title, 200)}${marker}`,
    `First seen ${when(c.firstSeen)} · last seen ${when(c.lastSeen)} · seen ${times(c.count)}${running}`,
  ];
  if (c.lastDetail && c.lastDetail.trim() !== '') lines.push(`> ${escapeClip(oneLine(c.lastDetail), DETAIL_CHARS)}`);
  return section(lines.join('\n'));
}

function restBlock(rest: readonly Condition[]): Block {
  const items = rest.map((c) => `${escapeClip(c.code, 40)} ×${c.count}`);
  return section(`+ ${rest.length} more: ${joinWithin(items, ', ', LIMITS.sectionText - 40)}`);
}

function blindAdvice(c: Condition): Block {
  return section(
    `*What to do about ${escapeClip(c.code, 40)}*\n` +
      'The monitor cannot reach 360dialog for this number, so it cannot tell whether the number works.\n' +
      "1. Check the bot's own network and DNS: can the machine it runs on resolve and reach 360dialog's API host?\n" +
      "2. Check the number's `baseUrl` in the numbers file: a typo or an old host gives exactly this.\n" +
      `3. Check <${support.statusPage.url}|360dialog's status page> for an outage.`,
  );
}

function stepsBlock(c: Condition, entry: CatalogEntry | undefined): Block {
  if (c.key.startsWith('blind:')) return blindAdvice(c);
  if (!entry)
    return section(
      `*What to do about ${escapeClip(c.code, 40)}*\nThis code is not in the catalog: look it up with \`/wa-error ${escapeClip(c.code, 40)}\`.`,
    );
  const steps = entry.steps.map((step, i) => `${i + 1}. ${escapeText(step)}`).join('\n');
  return section(`*What to do about ${escapeText(entry.code)}*\n${steps}`);
}

/** Before any rule fired: what the catalog says about calling support, so nobody calls too early or waits too long. */
function verdictBlock(c: Condition, entry: CatalogEntry | undefined): Block | undefined {
  if (c.key.startsWith('blind:')) {
    return section(
      ':warning: *Contact 360dialog support if the bot can reach other numbers or hosts but not this one* — ' +
        'or if their status page shows an incident that does not clear.',
    );
  }
  if (!entry) return undefined;
  const { verdict } = entry.escalation;
  const { headline, detail } = escalationText(entry.escalation);
  const tracked = verdict === 'if' && (entry.escalation.rule.kind === 'persists' || entry.escalation.rule.kind === 'repeats');
  const rest = tracked ? ' — the bot will say so here when it does.' : `\n${escapeText(detail)}`;
  return section(`${VERDICT_ICON[verdict]} *${escapeText(headline)}*${rest}`);
}

function escalationLines(escalations: readonly Escalation[], max: number, line: (e: Escalation) => string): string[] {
  const sorted = [...escalations].sort((a, b) => a.at - b.at);
  const lines = sorted.slice(0, max).map(line);
  if (sorted.length > max) lines.push(`+ ${sorted.length - max} more`);
  return lines;
}

function contactBlock(): Block {
  return context(
    `<${support.hubChat.url}|${support.hubChat.label}>: ${support.hubChat.how} (first answer: ${support.responseTargets}) · ` +
      `${support.email.label}: <mailto:${support.email.address}|${support.email.address}> (${support.email.how}) · ` +
      `<${support.statusPage.url}|status page>`,
  );
}

/** The ticket inside a code block: nothing in it can close the block early or ping anyone. */
function ticketBlock(ctx: CardContext): Block {
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

function escalationBlocks(ctx: CardContext, lead: Condition | undefined, entry: CatalogEntry | undefined): Block[] {
  const { incident } = ctx;
  if (incident.escalations.length === 0) {
    const verdict = incident.status === 'open' && lead ? verdictBlock(lead, entry) : undefined;
    return verdict ? [verdict] : [];
  }
  const lines = escalationLines(incident.escalations, CARD_ESCALATIONS, (e) => `• ${escapeClip(oneLine(e.reason), 300)} — ${when(e.at)}`);
  if (incident.status === 'resolved')
    return [section(`:rotating_light: *Escalated to 360dialog support during this incident*\n${lines.join('\n')}`)];
  return [section(`:rotating_light: *Escalate to 360dialog support now*\n${lines.join('\n')}`), contactBlock(), ticketBlock(ctx)];
}

function lastCheckBlock(ctx: CardContext): Block | undefined {
  const check = ctx.incident.lastCheck;
  const parts: string[] = [];
  if (check) {
    const who = check.by
      ? ` — re-checked by ${mention(check.by)}`
      : check.source === 'recheck'
        ? ' — re-checked'
        : check.source === 'webhook'
          ? ' — from a webhook'
          : '';
    parts.push(`Last checked ${when(check.at)} (${check.state})${who}`);
    if (check.summary.trim() !== '') parts.push(escapeClip(oneLine(check.summary), 300));
  }
  if (ctx.number.api === 'onprem') {
    parts.push(
      `360dialog caches On-Premise health for up to ${formatDuration(check?.cachedUpToMs ?? ONPREM_CACHE_MS)}, so an answer may be that old`,
    );
  }
  return parts.length > 0 ? context(parts.join(' · ')) : undefined;
}

function actionsBlock(ctx: CardContext): Block {
  // The value is what the listener looks the number up by; escaped, so a name can never carry a broadcast.
  const value = escapeClip(ctx.number.name, LIMITS.buttonValue);
  const button = (actionId: string, text: string, primary = false): ActionElement => ({
    type: 'button',
    action_id: actionId,
    text: { type: 'plain_text', text },
    value,
    ...(primary ? { style: 'primary' as const } : {}),
  });
  const elements = [
    button(ids.recheck, 'Re-check', true),
    ...(ctx.incident.acknowledged ? [] : [button(ids.acknowledge, 'Acknowledge')]),
    ...(isMuted(ctx) ? [] : [button(ids.mute, 'Mute 1 h')]),
  ];
  return { type: 'actions', block_id: ids.incidentActions, elements };
}

function fallbackText(ctx: CardContext, lead: Condition | undefined): string {
  const { incident, number, now } = ctx;
  const name = escapeClip(number.name, 200);
  if (incident.status === 'resolved')
    return `✅ ${name} recovered after ${formatDuration((incident.resolvedAt ?? now) - incident.openedAt)}`;
  const look = HEADER_LOOK[lead?.severity ?? 'warning'];
  const others = incident.conditions.filter((c) => c !== lead && isActive(incident, c)).length;
  const what = lead ? `: ${escapeClip(lead.code, 40)} ${escapeClip(lead.title, 200)}${others > 0 ? ` (+${others} more)` : ''}` : '';
  const escalate = isEscalatedNow(ctx) ? ' — escalate to 360dialog now' : '';
  return clip(`${look.icon} ${name} ${look.verb}${what}${escalate}`, LIMITS.fallbackText - 1);
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
          `- ${clip(c.code, 40)} ${clip(oneLine(c.title), 120)}: first seen ${isoUtc(c.firstSeen)}, last seen ${isoUtc(c.lastSeen)}, seen ${times(c.count)}`,
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
    lines.push(...escalationLines(incident.escalations, TICKET_ESCALATIONS, (e) => `- ${clip(oneLine(e.reason), 200)} (${isoUtc(e.at)})`));
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

/** The incident card: one per broken number, edited in place as the incident changes. */
export function incidentBlocks(ctx: CardContext): SlackMessage {
  const { incident, now } = ctx;
  const lead = leadCondition(incident);
  const entry = lead ? entryById(lead.key) : undefined;
  const conditions = ordered(incident);

  const blocks: Block[] = [headerBlock(ctx, lead), contextBlock(ctx)];
  blocks.push(...conditions.slice(0, FULL_CONDITIONS).map((c) => conditionBlock(incident, c, now)));
  if (conditions.length > FULL_CONDITIONS) blocks.push(restBlock(conditions.slice(FULL_CONDITIONS)));
  const below = [
    ...(incident.status === 'open' && lead ? [stepsBlock(lead, entry)] : []),
    ...escalationBlocks(ctx, lead, entry),
    ...[lastCheckBlock(ctx)].filter((b) => b !== undefined),
    ...(incident.status === 'open' ? [actionsBlock(ctx)] : []),
  ];
  if (below.length > 0) blocks.push({ type: 'divider' }, ...below);
  return { text: fallbackText(ctx, lead), blocks };
}
