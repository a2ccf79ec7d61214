import { isClosed, type PartnerDrop, type PartnerWarning } from '../../core/records.js';
import { CARD_EVENT, type CardMetadata } from './card-metadata.js';
import { WARNING_ICON } from './discovered-blocks.js';
import { type Block, LIMITS, type SlackMessage } from './message.js';
import { context, escapeClip, joinWithin, section, when } from './mrkdwn.js';

const ROOM = LIMITS.sectionText - 40;
/** Lines drawn at most: a listing of thousands of channels that all dropped is still one readable message. */
const MAX_LINES = 40;
const WHAT: Record<PartnerDrop['kind'], string> = { quality: 'quality rating', limit: 'messaging limit' };

function line(d: PartnerDrop): string {
  const who = `*${escapeClip(d.name, 80)}*${d.phone ? ` (${escapeClip(d.phone, 30)})` : ''}`;
  const change = `${WHAT[d.kind]} ${escapeClip(d.from, 30)} → ${escapeClip(d.to, 30)}`;
  if (d.recoveredAt !== undefined)
    return `✅ ${who}: ~${change}~ — back to ${escapeClip(d.recoveredTo ?? d.from, 30)} ${when(d.recoveredAt)}`;
  if (d.goneAt !== undefined) return `➖ ${who}: ~${change}~ — no longer listed outside numbers.yml ${when(d.goneAt)}`;
  return `${WARNING_ICON} ${who}: ${change}`;
}

/**
 * The one warning a Partner API listing posts for channels in no numbers.yml entry whose quality rating or
 * messaging limit dropped: every drop a line, struck through with the value it came back to once a later listing
 * shows it recovered (the message is edited in place). No buttons and no on-call mention: these channels have
 * no card and no key here; adding one to numbers.yml gives it both.
 */
export function partnerWarningMessage(warning: PartnerWarning, incidentId: string): SlackMessage & { metadata: CardMetadata } {
  const open = warning.drops.filter((d) => !isClosed(d));
  const head =
    open.length > 0
      ? `${WARNING_ICON} *Partner API: ${open.length} drop(s) on channels not in numbers.yml*`
      : warning.drops.every((d) => d.recoveredAt !== undefined)
        ? '✅ *Partner API: every drop of this listing has recovered*'
        : '✅ *Partner API: nothing of this listing is left open* (recovered, or no longer outside numbers.yml)';
  const lines = [...open, ...warning.drops.filter(isClosed)].slice(0, MAX_LINES).map(line);
  const more = warning.drops.length - lines.length;
  const blocks: Block[] = [
    section(head),
    section(joinWithin(lines, '\n', ROOM)),
    context(
      `Listed ${when(warning.listedAt)}${more > 0 ? ` · ${more} more not shown` : ''} · ` +
        'these channels get no card: add one to numbers.yml to watch it. /wa-status lists them all.',
    ),
  ];
  const text =
    open.length > 0 ? `Partner API: ${open.length} drop(s) on channels not in numbers.yml` : 'Partner API: the drops have recovered';
  // The card event lets a restart find a post it never saw the answer of (slack/reconcile.ts).
  return { text, blocks, metadata: { event_type: CARD_EVENT, event_payload: { incident_id: incidentId, kind: 'partner_warning' } } };
}
