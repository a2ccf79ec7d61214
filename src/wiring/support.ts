import type { StartConfig } from '../config/config.js';
import { type Budget, budgetOf } from '../core/priority-budget.js';
import { isOpen, type Incident } from '../core/records.js';
import type { PartnerChannel } from '../d360/partner-client.js';
import type { ChannelSnapshot, PartnerWatch } from '../monitor/partner.js';
import type { SupportSources } from '../slack/deps.js';
import { createPriorityLedger } from '../slack/priority-ledger.js';
import type { Store } from '../store/open.js';
import { PARTNER_LISTING_KEY } from './outside-watches.js';

const digits = (s: string) => s.replace(/\D/g, '');

/**
 * The month's budget for drawing an open card (its verdict says what a priority request would use), read
 * from the shared ledger at each drawing: a request made on another replica shows on the next edit.
 */
export function createBudgetReader(config: StartConfig, store: Store, now: () => number) {
  const limit = config.priorityEscalations;
  if (limit === undefined) return undefined;
  const ledger = createPriorityLedger(store);
  return async (incident: Incident): Promise<Budget | undefined> =>
    isOpen(incident) ? budgetOf(await ledger.read(), limit, now()) : undefined;
}

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
    ...(config.partner ? { partnerId: config.partner.partnerId } : {}),
    ...(config.priorityEscalations !== undefined ? { priorityLimit: config.priorityEscalations } : {}),
    ledger: createPriorityLedger(store),
    ...(now ? { now } : {}),
  };
}
