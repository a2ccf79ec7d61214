import { entryById } from '../../catalog/index.js';
import { support } from '../../catalog/support.js';
import type { CatalogEntry } from '../../catalog/types.js';
import { escalationText, GENERATION_SHORT } from '../../catalog/wording.js';
import { ONPREM_CACHE_MS } from '../../core/observation.js';
import type { Severity } from '../../catalog/types.js';
import { type Condition, type FiredEscalation, type Incident, isMuted } from '../../core/records.js';
import { cutEscaped } from '../../text/clip.js';
import { escapeText } from '../escape.js';
import { ids } from '../ids.js';
import { isActive, leadCondition, ordered } from './condition-order.js';
import { formatDuration } from './duration.js';
import { conditionTitle, escalationReason } from './incident-words.js';
import { type Block, LIMITS, type SlackMessage } from './message.js';
import { conditionName, context, escapeClip, isWordCode, joinWithin, mention, oneLine, section, times, when } from './mrkdwn.js';
import { escalationLines, ticketBlock } from './support-ticket.js';
import type { CardContext } from './card-context.js';
import { budgetLine, latestCases } from './escalation-words.js';
import { canvasLine } from './timeline.js';

type ActionElement = Extract<Block, { type: 'actions' }>['elements'][number];

/** Conditions rendered in full; each is one block, and the card must stay far below Slack's 50. */
const FULL_CONDITIONS = 8;
/** Enough of an upstream message to recognise it; the ticket carries the evidence in full. */
const DETAIL_CHARS = 500;
const CARD_ESCALATIONS = 10;

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
const VERDICT_ICON = { now: ':rotating_light:', if: ':warning:', no: ':white_check_mark:', meta: ':information_source:' } as const;

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
  if (isMuted(ctx.incident, ctx.now))
    parts.push(
      `*${incident.muteReason ? 'In maintenance' : 'Muted'}* until ${when(incident.mutedUntil ?? now)}` +
        `${incident.mutedBy ? ` by ${mention(incident.mutedBy)}` : ''}` +
        `${incident.muteReason ? `: ${escapeClip(oneLine(incident.muteReason), 200)}` : ''}`,
    );
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
    ...[canvasLine(incident)].filter((line) => line !== undefined),
  ];
  return context(parts.join(' · '));
}

function conditionBlock(incident: Incident, c: Condition, now: number): Block {
  const active = isActive(incident, c);
  const marker = active ? '' : incident.status === 'resolved' ? ' — _cleared_' : ' — _earlier, not seen now_';
  const icon = active ? CONDITION_ICON[c.severity] : ':heavy_check_mark:';
  const running = active && c.activeSince !== undefined ? ` · ongoing for ${formatDuration(now - c.activeSince)}` : '';
  const lines = [
    `${icon} ${isWordCode(c.code) ? '' : `*${escapeClip(c.code, 40)}* `}${escapeClip(conditionTitle(c), 200)}${marker}`,
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
  if (c.code === 'monitoring')
    return section(
      '*What to do*\n' +
        'The monitor cannot reach 360dialog for most numbers at once, so it cannot tell whether they work. ' +
        'With so many at once, the cause is rarely the numbers:\n' +
        "1. Check the bot's own network, DNS and proxy: can the machine it runs on reach 360dialog's API host?\n" +
        `2. Check <${support.statusPage.url}|360dialog's status page> for an outage.\n` +
        '3. Until it clears, the per-number cards stay quiet: silence from 360dialog says nothing about a number.',
    );
  return section(
    '*What to do*\n' +
      'The monitor cannot reach 360dialog for this number, so it cannot tell whether the number works.\n' +
      "1. Check the bot's own network and DNS: can the machine it runs on resolve and reach 360dialog's API host?\n" +
      "2. Check the number's `baseUrl` in the numbers file: a typo or an old host gives exactly this.\n" +
      `3. Check <${support.statusPage.url}|360dialog's status page> for an outage.`,
  );
}

export function stepsBlock(c: Condition, entry: CatalogEntry | undefined): Block {
  if (c.key.startsWith('blind:')) return blindAdvice(c);
  if (!entry)
    return section(
      `*What to do about ${escapeClip(c.code, 40)}*\n` +
        `This code is not in the catalog: look it up with \`/wa-error ${escapeClip(c.code, 40)}\`.`,
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

export function contactBlock(): Block {
  return context(
    `<${support.hubChat.url}|${support.hubChat.label}>: ${support.hubChat.how} (first answer: ${support.responseTargets}) · ` +
      `${support.email.label}: <mailto:${support.email.address}|${support.email.address}> (${support.email.how}) · ` +
      `<${support.statusPage.url}|status page>`,
  );
}

function escalationBlocks(ctx: CardContext, lead: Condition | undefined, entry: CatalogEntry | undefined): Block[] {
  const { incident } = ctx;
  if (incident.escalations.length === 0) {
    const verdict = incident.status === 'open' && lead ? verdictBlock(lead, entry) : undefined;
    return verdict ? [verdict] : [];
  }
  const line = (e: FiredEscalation) => `• ${escapeClip(oneLine(escalationReason(e)), 300)} — ${when(e.at)}`;
  const lines = escalationLines(incident.escalations, CARD_ESCALATIONS, line);
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
  // A scheduled poll since the click replaced the last check: who pressed Re-check still shows.
  const asked = ctx.incident.recheckedBy;
  if (asked && !(check?.by === asked.by && check.at === asked.at)) parts.push(`re-checked by ${mention(asked.by)} ${when(asked.at)}`);
  if (ctx.number.api === 'onprem') {
    parts.push(
      `360dialog caches On-Premise health for up to ${formatDuration(check?.cachedUpToMs ?? ONPREM_CACHE_MS)}, ` +
        'so an answer may be that old',
    );
  }
  return parts.length > 0 ? context(parts.join(' · ')) : undefined;
}

/** 360dialog's status page reports a problem: they know, and the card says so above everything else. */
export function platformBlock(incident: Incident): Block | undefined {
  if (incident.status !== 'open' || !incident.platform) return undefined;
  const since = incident.platform.since !== undefined ? ` since ${when(incident.platform.since)}` : '';
  return section(
    `:information_source: *360dialog already knows:* their status page reports ${escapeClip(incident.platform.summary, 300)}${since}. ` +
      `No ticket needed: follow <${support.statusPage.url}|the status page>.`,
  );
}

/** Cases shown on the card; the thread has every one. */
const CARD_CASES = 3;

/** "Escalated by <@U…> at 14:02 (ticket 12345)": whoever is on call next sees it was done, and under which reference. */
export function supportCasesBlock(incident: Incident): Block | undefined {
  const cases = incident.supportCases ?? [];
  if (cases.length === 0) return undefined;
  const { lines, earlier } = latestCases(cases, CARD_CASES);
  const more = earlier > 0 ? [`${earlier} earlier case(s) in the thread`] : [];
  return context([...lines.map((line) => `:outbox_tray: ${line}`), ...more].join('\n'));
}

/** Under the verdict of a card that offers Escalate: what a priority request would use of the month's allowance. */
export function budgetBlock(ctx: CardContext): Block | undefined {
  const line = ctx.budget && offersEscalate(ctx) ? budgetLine(ctx.budget) : undefined;
  return line ? context(`:moneybag: ${line}`) : undefined;
}

/**
 * The Escalate button: on cards whose verdict says to contact 360dialog (a rule fired, or the catalog says "now"
 * or "if …"), on blind spots (their verdict says when to), on group cards, and wherever a case was recorded already.
 */
export function offersEscalate(ctx: CardContext): boolean {
  const { incident } = ctx;
  if (incident.status !== 'open') return false;
  if (incident.group || incident.escalations.length > 0 || (incident.supportCases?.length ?? 0) > 0) return true;
  const lead = leadCondition(incident);
  if (!lead || lead.code === 'monitoring') return false;
  if (lead.key.startsWith('blind:')) return true;
  const verdict = entryById(lead.key)?.escalation.verdict;
  return verdict === 'now' || verdict === 'if';
}

export function actionsBlock(ctx: CardContext): Block {
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
    ...(isMuted(ctx.incident, ctx.now) ? [] : [button(ids.mute, 'Mute 1 h')]),
    ...(offersEscalate(ctx) ? [button(ids.escalate, 'Escalate')] : []),
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
  const what = lead ? `: ${escapeClip(conditionName(lead), 240)}${others > 0 ? ` (+${others} more)` : ''}` : '';
  const escalate = isEscalatedNow(ctx) ? ' — escalate to 360dialog now' : '';
  return cutEscaped(`${look.icon} ${name} ${look.verb}${what}${escalate}`, LIMITS.fallbackText - 1);
}

/** The incident card: one per broken number, edited in place as the incident changes. */
export function incidentBlocks(ctx: CardContext): SlackMessage {
  const { incident, now } = ctx;
  const lead = leadCondition(incident);
  const entry = lead ? entryById(lead.key) : undefined;
  const conditions = ordered(incident);

  const blocks: Block[] = [headerBlock(ctx, lead), contextBlock(ctx)];
  const platform = platformBlock(incident);
  if (platform) blocks.push(platform);
  blocks.push(...conditions.slice(0, FULL_CONDITIONS).map((c) => conditionBlock(incident, c, now)));
  if (conditions.length > FULL_CONDITIONS) blocks.push(restBlock(conditions.slice(FULL_CONDITIONS)));
  const below = [
    ...(incident.status === 'open' && lead ? [stepsBlock(lead, entry)] : []),
    ...escalationBlocks(ctx, lead, entry),
    ...[budgetBlock(ctx), supportCasesBlock(incident)].filter((b) => b !== undefined),
    ...[lastCheckBlock(ctx)].filter((b) => b !== undefined),
    ...(incident.status === 'open' ? [actionsBlock(ctx)] : []),
  ];
  if (below.length > 0) blocks.push({ type: 'divider' }, ...below);
  return { text: fallbackText(ctx, lead), blocks };
}

/**
 * The smallest card that still does its job, for when Slack refuses the full one as too long or
 * malformed: what is wrong, how bad, and the buttons. Edits keep using it once it was needed.
 */
export function compactIncidentBlocks(ctx: CardContext): SlackMessage {
  const lead = leadCondition(ctx.incident);
  const text = cutEscaped(fallbackText(ctx, lead), 500);
  const blocks: Block[] = [headerBlock(ctx, lead), section(text), contextBlock(ctx)];
  if (ctx.incident.status === 'open') blocks.push(actionsBlock(ctx));
  return { text, blocks };
}
