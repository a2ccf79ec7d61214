import type { FleetEntry, FleetSnapshot, FleetState } from '../../monitor/fleet.js';
import { clip, cutEscaped } from '../../text/clip.js';
import { discoveredBlocks, incidentIcon } from './discovered-blocks.js';
import { conditionTitle, escalationReason } from './incident-words.js';
import { latestCases, ticketRef } from './escalation-words.js';
import { type Block, LIMITS, type SlackMessage } from './message.js';
import { context, escapeClip, joinWithin, mention, oneLine, section, when } from './mrkdwn.js';

/** A card's link in Slack: the archives URL works in every client without knowing the workspace. */
export const cardUrl = (card: { channel: string; ts: string }) => `https://slack.com/archives/${card.channel}/p${card.ts.replace('.', '')}`;

const ICON: Record<FleetState, string> = { open: '🔴', acknowledged: '🟠', muted: '🔕', healthy: '✅', unchecked: '⚪' };
const LABEL: Record<FleetState, string> = {
  open: 'open',
  acknowledged: 'acknowledged',
  muted: 'muted',
  healthy: 'healthy',
  unchecked: 'not checked yet',
};
/** Incidents told one section each; the rest of them share sections, a line each. */
const INCIDENT_SECTIONS = 15;

export function ago(ms: number, at: number): string {
  const s = Math.max(0, Math.round((at - ms) / 1000));
  if (s < 90) return `${s} s ago`;
  if (s < 90 * 60) return `${Math.round(s / 60)} min ago`;
  if (s < 36 * 3600) return `${Math.round(s / 3600)} h ago`;
  return `${Math.round(s / 86400)} days ago`;
}

const nameOf = (e: FleetEntry) => `*${escapeClip(e.name, 80)}*${e.phone ? ` (${escapeClip(e.phone, 30)})` : ''}`;
const codes = (e: FleetEntry) => e.conditions.map((c) => `\`${escapeClip(c.code, 20)}\``).join(' ');
const link = (e: FleetEntry) => (e.card ? ` · <${cardUrl(e.card)}|card>` : '');

/** An open escalation: whoever looks at /wa-status sees 360dialog has the case, and under which reference. */
function escalatedPart(e: FleetEntry): string {
  const last = e.supportCases?.at(-1);
  if (!last) return '';
  const more = (e.supportCases?.length ?? 0) > 1 ? ` +${(e.supportCases?.length ?? 0) - 1} earlier` : '';
  return ` · :outbox_tray: escalated by ${mention(last.by)}${last.ticket ? ` (ticket ${ticketRef(last.ticket)})` : ''}${more}`;
}

export function incidentLine(e: FleetEntry): string {
  const since = e.openedAt !== undefined ? ` since ${when(e.openedAt)}` : '';
  const ack = e.acknowledgedBy ? ` · acknowledged by ${mention(e.acknowledgedBy)}` : '';
  return `${incidentIcon(e, ICON[e.state])} ${nameOf(e)} ${codes(e)}${since}${ack}${escalatedPart(e)}${link(e)}`;
}

export function mutedLine(e: FleetEntry): string {
  const until = e.mutedUntil !== undefined ? ` until ${when(e.mutedUntil)}` : '';
  const by = e.mutedBy ? ` by ${mention(e.mutedBy)}` : '';
  const why = e.muteReason ? `: ${escapeClip(oneLine(e.muteReason), 120)}` : '';
  return `${ICON.muted} ${nameOf(e)} ${codes(e)}${until}${by}${why}${escalatedPart(e)}${link(e)}`;
}

export function countsLine(s: FleetSnapshot): string {
  const states: FleetState[] = ['open', 'acknowledged', 'muted', 'healthy', 'unchecked'];
  return (
    states
      .filter((st) => s.counts[st] > 0)
      .map((st) => `${ICON[st]} ${s.counts[st]} ${LABEL[st]}`)
      .join(' · ') || 'no numbers watched'
  );
}

/** Lines shared out over as many sections as the budget allows, each within Slack's section limit. */
function linesIn(lines: readonly string[], budget: number, separator = '\n', onCut?: () => void): Block[] {
  const blocks: Block[] = [];
  let rest = lines;
  while (rest.length > 0 && blocks.length < budget) {
    const last = blocks.length === budget - 1;
    let text = '';
    let used = 0;
    for (const line of rest) {
      const next = text === '' ? line : `${text}${separator}${line}`;
      if (next.length > LIMITS.sectionText - 40) break;
      text = next;
      used += 1;
    }
    if (used === 0) used = 1;
    if (last && used < rest.length) {
      text = joinWithin(rest, separator, LIMITS.sectionText - 40);
      onCut?.();
    }
    blocks.push(section(text || (rest[0] ?? '')));
    rest = last ? [] : rest.slice(used);
  }
  return blocks;
}

export interface DashboardOptions {
  /** 50 for a message, 100 for App Home. */
  readonly maxBlocks?: number;
  /** Extra blocks per incident (App Home's Re-check buttons). */
  readonly incidentExtras?: (e: FleetEntry) => Block[];
}

/** The fleet at a glance: counts, open incidents first with their cards, muted ones, then every other number by name. */
export function dashboard(s: FleetSnapshot, options: DashboardOptions = {}): SlackMessage {
  const max = options.maxBlocks ?? LIMITS.blocks;
  const checked = s.lastCheckAt !== undefined ? `last check ${ago(s.lastCheckAt, s.at)} (${when(s.lastCheckAt)})` : 'no check yet';
  const blocks: Block[] = [
    { type: 'header', text: { type: 'plain_text', text: clip(`WhatsApp fleet: ${s.entries.length} numbers`, LIMITS.headerText) } },
    section(countsLine(s)),
    context(checked),
  ];
  let cut = false;
  const onCut = () => {
    cut = true;
  };
  const room = () => max - blocks.length - 1;
  const incidents = s.entries.filter((e) => e.state === 'open' || e.state === 'acknowledged');
  const muted = s.entries.filter((e) => e.state === 'muted');
  const others = s.entries.filter((e) => e.state === 'healthy' || e.state === 'unchecked');
  const extras = options.incidentExtras;
  const perIncident = 1 + (extras ? 1 : 0);
  const single = Math.min(incidents.length, INCIDENT_SECTIONS, Math.floor((room() - 4) / perIncident));
  for (const e of incidents.slice(0, Math.max(0, single))) blocks.push(section(incidentLine(e)), ...(extras?.(e) ?? []));
  if (incidents.length > single)
    blocks.push(...linesIn(incidents.slice(Math.max(0, single)).map(incidentLine), Math.max(1, room() - 3), '\n', onCut));
  if (muted.length > 0) blocks.push(...linesIn(muted.map(mutedLine), Math.max(1, Math.min(5, room() - 2)), '\n', onCut));
  blocks.push(...discoveredBlocks(s.discovered ?? [], Math.min(2, room() - 2)));
  if (others.length > 0) {
    const names = others.map((e) => `${ICON[e.state]} ${escapeClip(e.name, 80)}`);
    blocks.push(...linesIn(names, Math.max(1, room()), ' · ', onCut));
  }
  const pages = cut ? ` · every number by name: \`/wa-status page 2\` (of ${rollPageCount(s, max)})` : '';
  blocks.push(context(`\`/wa-status <name or phone>\` for one number in detail${pages}`));
  const counts = (Object.keys(LABEL) as FleetState[]).map((st) => `${s.counts[st]} ${LABEL[st]}`).join(', ');
  const plainCheck = s.lastCheckAt !== undefined ? `last check ${ago(s.lastCheckAt, s.at)}` : 'no check yet';
  return { text: `WhatsApp fleet: ${s.entries.length} numbers: ${counts}; ${plainCheck}`, blocks: blocks.slice(0, max) };
}

/** Every number of the fleet as one compact line each, in the dashboard's order, cut into section-sized chunks. */
function rollChunks(s: FleetSnapshot): string[] {
  const order: FleetState[] = ['open', 'acknowledged', 'muted', 'unchecked', 'healthy'];
  const lines = order.flatMap((st) =>
    s.entries.filter((e) => e.state === st).map((e) => `${ICON[st]} ${escapeClip(e.name, 80)}${e.conditions.length ? ` ${codes(e)}` : ''}`),
  );
  const chunks: string[] = [];
  let text = '';
  for (const line of lines) {
    if (text !== '' && text.length + 3 + line.length > LIMITS.sectionText - 40) {
      chunks.push(text);
      text = '';
    }
    text = text === '' ? line : `${text} · ${line}`;
  }
  if (text !== '') chunks.push(text);
  return chunks;
}

/** Sections a roll page holds: all but its header and footer. */
const perRollPage = (max: number) => max - 2;
const rollPageCount = (s: FleetSnapshot, max: number) => 1 + Math.max(1, Math.ceil(rollChunks(s).length / perRollPage(max)));

/**
 * `/wa-status page N` (N ≥ 2): every number by name when the first page could not name them all —
 * 10,000 numbers take two or three pages within Slack's 50 blocks each.
 */
export function rollPage(s: FleetSnapshot, page: number, max: number = LIMITS.blocks): SlackMessage {
  const chunks = rollChunks(s);
  const total = rollPageCount(s, max);
  const shown = Math.min(Math.max(2, page), total);
  const per = perRollPage(max);
  const slice = chunks.slice((shown - 2) * per, (shown - 1) * per);
  const title = `WhatsApp fleet: ${s.entries.length} numbers, page ${shown} of ${total}`;
  const next = shown < total ? `\`/wa-status page ${shown + 1}\` for more · ` : '';
  const blocks: Block[] = [
    { type: 'header', text: { type: 'plain_text', text: clip(title, LIMITS.headerText) } },
    ...slice.map((chunk) => section(chunk)),
    context(`${next}\`/wa-status\` for the overview`),
  ];
  return { text: title, blocks };
}

/** One number in detail: state, the last answer, open conditions, recent history. */
/** Support cases in a number's detail. */
const DETAIL_CASES = 5;

export function numberDetail(e: FleetEntry, at: number): SlackMessage {
  const lines = [`${ICON[e.state]} ${LABEL[e.state]}${e.severity ? ` (${e.severity})` : ''}${link(e)}`];
  if (e.lastPolledAt !== undefined) lines.push(`Last answer ${ago(e.lastPolledAt, at)} (${when(e.lastPolledAt)})`);
  const blocks: Block[] = [
    { type: 'header', text: { type: 'plain_text', text: escapeClip(`${e.name}${e.phone ? ` (${e.phone})` : ''}`, LIMITS.headerText) } },
    section(lines.join('\n')),
  ];
  if (e.lastCheck)
    blocks.push(section(`*Last check* (${e.lastCheck.source}, ${when(e.lastCheck.at)}): ${escapeClip(e.lastCheck.summary, 500)}`));
  if (e.conditions.length > 0) {
    const detail = (c: FleetEntry['conditions'][number]) => (c.lastDetail ? ` — ${escapeClip(c.lastDetail, 200)}` : '');
    const conds = e.conditions.map((c) => `• \`${escapeClip(c.code, 20)}\` ${escapeClip(conditionTitle(c), 120)}${detail(c)}`);
    blocks.push(section(`*Open conditions*\n${joinWithin(conds, '\n', LIMITS.sectionText - 40)}`));
  }
  const history: string[] = [];
  if (e.openedAt !== undefined) history.push(`• opened ${when(e.openedAt)}`);
  for (const fired of e.escalations) history.push(`• escalated: ${escapeClip(escalationReason(fired), 200)}`);
  // The latest few: every case of a long-escalated incident would push the lines after it past the section's limit.
  const cases = latestCases(e.supportCases ?? [], DETAIL_CASES, 'escalated');
  for (const line of cases.lines) history.push(`• ${line}`);
  if (cases.earlier > 0) history.push(`• and ${cases.earlier} earlier case(s), in the card's thread`);
  if (e.acknowledgedBy) history.push(`• acknowledged by ${mention(e.acknowledgedBy)}`);
  if (e.mutedUntil !== undefined) history.push(`• muted until ${when(e.mutedUntil)}${e.mutedBy ? ` by ${mention(e.mutedBy)}` : ''}`);
  if (e.resolvedAt !== undefined) history.push(`• resolved ${when(e.resolvedAt)}`);
  if (history.length > 0) blocks.push(section(`*Recent history*\n${joinWithin(history, '\n', LIMITS.sectionText - 40)}`));
  const codeList = e.conditions.map((c) => escapeClip(c.code, 20)).join(', ');
  return {
    text: cutEscaped(`${escapeClip(e.name, 80)}: ${LABEL[e.state]}${codeList ? ` (${codeList})` : ''}`, 300),
    blocks,
  };
}
