import type { App, webApi } from '@slack/bolt';
import type { HomeViewers, SlackDeps } from '../deps.js';
import { homeView } from '../views/home-view.js';

/** views.publish is Tier 4 (100+ a minute): one refresh a minute per viewer, for the most recent viewers only. */
const REFRESH_MS = 60_000;
const MAX_VIEWERS = 200;

export function createHomeViewers(deps: Pick<SlackDeps, 'monitor' | 'logger'>, now: () => number = Date.now): HomeViewers {
  /** user → when their tab was last published; insertion order is recency (oldest dropped first). */
  const viewers = new Map<string, number>();
  let lastClient: webApi.WebClient | undefined;

  const publish = async (client: webApi.WebClient, user: string) => {
    await client.views.publish({ user_id: user, view: homeView(await deps.monitor.fleet()) });
    viewers.delete(user);
    viewers.set(user, now());
    while (viewers.size > MAX_VIEWERS) viewers.delete(viewers.keys().next().value as string);
  };

  return {
    async opened(client, user) {
      lastClient = client;
      await publish(client, user);
    },
    async refresh() {
      const client = lastClient;
      if (!client) return;
      const due = [...viewers].filter(([, at]) => now() - at >= REFRESH_MS).map(([user]) => user);
      for (const user of due) await publish(client, user).catch((e: unknown) => deps.logger.warn('could not refresh a home tab', e));
    },
  };
}

/** `app_home_opened` on the Home tab: the fleet dashboard, published for that user. */
export function register(app: App, deps: Pick<SlackDeps, 'home' | 'once'>): void {
  // Bolt acks an event before any listener runs; Slack redelivers it (same event_id) when that ack came late.
  app.event('app_home_opened', async ({ event, body, client }) => {
    if (event.tab !== 'home' || !deps.home) return;
    if (!(await deps.once(body))) return;
    await deps.home.opened(client, event.user);
  });
}
