import { webApi } from '@slack/bolt';
import type { Logger } from '../telemetry/log.js';
import { boltLogger } from './bolt-logger.js';
import type { Incident, OutboxItem } from '../core/records.js';
import type { CardContext } from './views/card-context.js';
import { cardMetadata, REPLY_EVENT } from './views/card-metadata.js';
import { groupBlocks } from './views/group-blocks.js';
import { compactIncidentBlocks, incidentBlocks } from './views/incident-blocks.js';
import { oncallLine, withOncall } from './views/oncall.js';
import { partnerWarningMessage } from './views/partner-warning-blocks.js';
import { threadReplyText } from './views/thread-reply.js';
import { compactTimeline, timelineBlocks } from './views/timeline.js';
import { cutEscaped } from '../text/clip.js';

/** The Web API method each effect is delivered with, for the metrics. */
export const METHOD_OF = {
  'post-card': 'chat.postMessage',
  'update-card': 'chat.update',
  reply: 'chat.postMessage',
  timeline: 'chat.postMessage',
} as const;

/** What one outbox item becomes in Slack: the single Web API call it takes. */
export async function deliver(
  client: webApi.WebClient,
  item: OutboxItem,
  incident: Incident,
  ctx: CardContext,
  channel: string,
): Promise<{ ts?: string }> {
  // A Partner API warning is its own message (no number, no buttons, no on-call mention), delivered as cards are.
  if (incident.partner) return deliverPartnerWarning(client, item, incident, channel);
  // Only a card's post or edit draws the card.
  const card = () => (incident.group ? groupBlocks(ctx) : item.compact ? compactIncidentBlocks(ctx) : incidentBlocks(ctx));
  switch (item.effect.kind) {
    case 'post-card': {
      const message = card();
      const res = await client.chat.postMessage({
        channel,
        // Only the post pings the on-call people; edits never do.
        ...withOncall(message, ctx),
        unfurl_links: false,
        unfurl_media: false,
        // What the card says to machines; a refused card goes again compact, with only what a restart needs.
        metadata: cardMetadata(ctx, item.compact),
      });
      return res.ts ? { ts: res.ts } : {};
    }
    case 'update-card': {
      const { channel: at, ts } = incident.card as NonNullable<Incident['card']>;
      // Edits replace the metadata too: the card's state stays readable by workflows and other tools.
      await client.chat.update({ channel: at, ts, ...card(), metadata: cardMetadata(ctx, item.compact) });
      return {};
    }
    case 'reply': {
      const card = incident.card as NonNullable<Incident['card']>;
      const escalated = item.effect.events.some((e) => e.kind === 'escalated');
      const text = threadReplyText(item.effect.events, escalated ? oncallLine(ctx) : '');
      await client.chat.postMessage({
        channel: card.channel,
        thread_ts: card.ts,
        // A reply Slack refused as too long goes out cut short rather than not at all.
        text: item.compact ? cutEscaped(text, 1000) : text,
        reply_broadcast: item.effect.broadcast === true,
        unfurl_links: false,
        unfurl_media: false,
        metadata: { event_type: REPLY_EVENT, event_payload: { incident_id: incident.id, seq: item.seq } },
      });
      return {};
    }
    case 'timeline':
      await postTimeline(client, item, incident, ctx);
      return {};
  }
}

/** The story of a resolved incident, one reply in its card's thread (the canvas, when written, linked). */
async function postTimeline(client: webApi.WebClient, item: OutboxItem, incident: Incident, ctx: CardContext): Promise<void> {
  const card = incident.card as NonNullable<Incident['card']>;
  const story = item.compact ? compactTimeline(ctx) : timelineBlocks(ctx, incident.timelineCanvas?.url);
  await client.chat.postMessage({
    channel: card.channel,
    thread_ts: card.ts,
    text: story.text,
    ...(story.blocks.length > 0 ? { blocks: story.blocks } : {}),
    unfurl_links: false,
    unfurl_media: false,
    // Found by this after a crash, as every reply is (reconcile.ts): never told twice.
    metadata: { event_type: REPLY_EVENT, event_payload: { incident_id: incident.id, seq: item.seq } },
  });
}

/** The post, or an edit, of a Partner API warning; it takes no thread replies. */
async function deliverPartnerWarning(
  client: webApi.WebClient,
  item: OutboxItem,
  incident: Incident,
  channel: string,
): Promise<{ ts?: string }> {
  const message = partnerWarningMessage(incident.partner as NonNullable<Incident['partner']>, incident.id);
  if (item.effect.kind === 'post-card') {
    const res = await client.chat.postMessage({ channel, ...message, unfurl_links: false, unfurl_media: false });
    return res.ts ? { ts: res.ts } : {};
  }
  if (item.effect.kind === 'update-card' && incident.card)
    await client.chat.update({ channel: incident.card.channel, ts: incident.card.ts, ...message });
  return {};
}

/** The client deliveries use. The outbox is the retry mechanism: the client must report 429s and failures, not hide them. */
export function createDeliveryClient(token: string, apiUrl: string, logger: Logger): webApi.WebClient {
  return new webApi.WebClient(token, {
    slackApiUrl: apiUrl,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: 15_000,
    logger: boltLogger(logger.child('web-api')),
  });
}
