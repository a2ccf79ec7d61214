import type { Digest, DigestItem } from '../../monitor/digest.js';
import { formatDuration } from './duration.js';
import { type Block, LIMITS, type SlackMessage } from './message.js';
import { escapeClip, joinWithin, section, when } from './mrkdwn.js';
import { cardUrl } from './status-blocks.js';

const line = (i: DigestItem, at: number) =>
  `• *${escapeClip(i.number, 80)}* ${i.codes.map((c) => `\`${escapeClip(c, 20)}\``).join(' ')} ` +
  `${i.resolvedAt !== undefined ? `lasted ${formatDuration(i.resolvedAt - i.openedAt)}` : `open ${formatDuration(at - i.openedAt)}`}` +
  `${i.card ? ` · <${cardUrl(i.card)}|card>` : ''}`;

const part = (title: string, items: readonly DigestItem[], at: number): Block[] =>
  items.length === 0
    ? []
    : [
        section(
          `*${title}* (${items.length})\n${joinWithin(
            items.map((i) => line(i, at)),
            '\n',
            LIMITS.sectionText - 60,
          )}`,
        ),
      ];

/** One channel's digest message: opened and resolved since the last one, still open, muted, the longest running. */
export function digestMessage(d: Digest): SlackMessage {
  const counts = `${d.opened.length} opened, ${d.resolved.length} resolved`;
  const blocks: Block[] = [
    { type: 'header', text: { type: 'plain_text', text: 'WhatsApp numbers: digest' } },
    section(`Since ${when(d.since)}: ${counts}; now ${d.stillOpen.length} open, ${d.muted.length} muted.`),
    ...part('Opened', d.opened, d.at),
    ...part('Resolved', d.resolved, d.at),
    ...part('Still open', d.stillOpen, d.at),
    ...part('Muted', d.muted, d.at),
    ...(d.longest ? [section(`*Longest running:* ${line(d.longest, d.at).slice(2)}`)] : []),
  ];
  const text = `Digest: ${counts}, ${d.stillOpen.length} still open, ${d.muted.length} muted`;
  return { text, blocks };
}
