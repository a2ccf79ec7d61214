import { isMuted } from '../../core/records.js';
import type { CardContext } from './card-context.js';
import { type Block, LIMITS, type SlackMessage } from './message.js';
import { section } from './mrkdwn.js';
import { cutEscaped } from '../../text/clip.js';

/**
 * On-call mentions: only ids that look like Slack ids become pings (a user group as `<!subteam^S…>`,
 * a user as `<@U…>`); anything else is dropped, so no configuration can make the bot ping `@channel`.
 */
export function oncallMention(id: string): string | undefined {
  if (/^S[A-Z0-9]{2,}$/.test(id)) return `<!subteam^${id}>`;
  if (/^[UW][A-Z0-9]{2,}$/.test(id)) return `<@${id}>`;
  return undefined;
}

/** The mentions for this card now, or '' — nobody while it is muted or in maintenance, or once it is over. */
export function oncallLine(ctx: CardContext): string {
  if (ctx.incident.status !== 'open' || isMuted(ctx.incident, ctx.now)) return '';
  return (ctx.oncall ?? [])
    .map(oncallMention)
    .filter((m) => m !== undefined)
    .join(' ');
}

/** The card as first posted: the on-call people named in its fallback text and first section. Edits draw the card without them. */
export function withOncall(message: SlackMessage, ctx: CardContext): SlackMessage {
  const line = oncallLine(ctx);
  if (line === '') return message;
  const [first, ...rest] = message.blocks;
  const blocks: Block[] = first && message.blocks.length < LIMITS.blocks ? [first, section(`${line} on call`), ...rest] : message.blocks;
  return { text: cutEscaped(`${line} ${message.text}`, LIMITS.fallbackText), blocks };
}
