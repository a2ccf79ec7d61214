import type { webApi } from '@slack/bolt';
import type { Incident, OutboxItem } from '../core/records.js';
import { CARD_EVENT, REPLY_EVENT } from './views/card-metadata.js';

/**
 * After a crash, an item marked in flight may or may not have reached Slack: the bot died
 * between the call and storing its answer. Before sending it again, look for it where it would
 * be, by the metadata every card and reply carries.
 */
export type Found = { readonly kind: 'found'; readonly ts: string } | { readonly kind: 'absent' };

/** How far before the in-flight mark to look: generous, since the wall clock may have stepped. */
const LOOKBACK_S = 60 * 60;
const PAGES = 5;

interface Message {
  ts?: string;
  metadata?: { event_type?: string; event_payload?: Record<string, unknown> };
}
type Page = { messages?: Message[]; response_metadata?: { next_cursor?: string } };

async function search(list: (cursor: string | undefined) => Promise<Page>, match: (m: Message) => boolean): Promise<Found> {
  let cursor: string | undefined;
  for (let page = 0; page < PAGES; page += 1) {
    const res = await list(cursor);
    const hit = (res.messages ?? []).find(match);
    if (hit?.ts) return { kind: 'found', ts: hit.ts };
    cursor = res.response_metadata?.next_cursor || undefined;
    if (!cursor) break;
  }
  return { kind: 'absent' };
}

/** Whether the post or reply this item stands for is already in Slack. Edits are never looked for: sending one twice is harmless. */
export async function findDelivered(client: webApi.WebClient, item: OutboxItem, incident: Incident, channel: string): Promise<Found> {
  const oldest = String(Math.max(0, Math.floor((item.inFlightSince ?? 0) / 1000) - LOOKBACK_S));
  switch (item.effect.kind) {
    case 'post-card':
      return search(
        (cursor) =>
          client.conversations.history({
            channel,
            oldest,
            limit: 200,
            include_all_metadata: true,
            ...(cursor ? { cursor } : {}),
          }) as Promise<Page>,
        (m) => m.metadata?.event_type === CARD_EVENT && m.metadata.event_payload?.incident_id === incident.id,
      );
    case 'reply':
    case 'timeline': {
      const card = incident.card;
      if (!card) return { kind: 'absent' };
      return search(
        (cursor) =>
          client.conversations.replies({
            channel: card.channel,
            ts: card.ts,
            oldest,
            limit: 200,
            include_all_metadata: true,
            ...(cursor ? { cursor } : {}),
          }) as Promise<Page>,
        (m) =>
          m.metadata?.event_type === REPLY_EVENT &&
          m.metadata.event_payload?.incident_id === incident.id &&
          Number(m.metadata.event_payload?.seq) === item.seq,
      );
    }
    case 'update-card':
      return { kind: 'absent' };
  }
}
