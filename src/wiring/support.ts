import type { StartConfig } from '../config/config.js';
import type { PartnerChannel } from '../d360/partner-client.js';
import type { ChannelSnapshot, PartnerWatch } from '../monitor/partner.js';
import type { SupportSources } from '../slack/deps.js';
import { createPriorityLedger } from '../slack/priority-ledger.js';
import type { Store } from '../store/open.js';
import { PARTNER_LISTING_KEY } from './outside-watches.js';

const digits = (s: string) => s.replace(/\D/g, '');

/**
 * What the Escalate modal reads beside the records: the Partner API's ids of a number (the leader's listing
 * in memory; a follower reads the listing the leader kept, which has channel ids but no client ids), whether
 * the status page is watched, and the fleet's priority ledger in the shared store.
 */
export function createSupportSources(
  config: StartConfig,
  partner: PartnerWatch | undefined,
  store: Store,
  now?: () => number,
): SupportSources {
  const kept = store.document<Record<string, ChannelSnapshot>>(PARTNER_LISTING_KEY);
  const listing = async (): Promise<readonly PartnerChannel[]> => {
    const listed = partner?.channels() ?? [];
    if (listed.length > 0 || !partner) return listed;
    return Object.entries((await kept.read()) ?? {}).map(([id, c]) => ({ ...c, id }));
  };
  return {
    async channelOf(name) {
      const phone = config.numbers.find((n) => n.name === name)?.phone;
      if (!phone || !partner) return undefined;
      const channel = (await listing()).find((c) => c.phone !== undefined && digits(c.phone) === digits(phone));
      return channel ? { channelId: channel.id, ...(channel.clientId ? { clientId: channel.clientId } : {}) } : undefined;
    },
    statusWatched: config.statusPage.url !== undefined,
    ...(config.priorityEscalations !== undefined ? { priorityLimit: config.priorityEscalations } : {}),
    ledger: createPriorityLedger(store),
    ...(now ? { now } : {}),
  };
}
