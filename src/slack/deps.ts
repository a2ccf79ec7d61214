import type { WaNumber } from '../config/numbers.js';
import type { Monitor } from '../monitor/service.js';
import type { Logger } from '../telemetry/log.js';
import type { webApi } from '@slack/bolt';
import type { Once } from './once.js';

/** What every Slack listener may use. */
export interface SlackDeps {
  readonly logger: Logger;
  readonly monitor: Monitor;
  readonly numbers: readonly WaNumber[];
  /** True for the first delivery of an event or a click, false for Slack's repeats (slack/once.ts). */
  readonly once: Once;
  /** Who opened the App Home tab, for refreshes after passes. */
  readonly home?: HomeViewers;
}

/** The App Home tab's viewers (slack/events/app-home.ts). */
export interface HomeViewers {
  /** Publishes the home tab for a user who opened it, and remembers them for refreshes. */
  opened(client: webApi.WebClient, user: string): Promise<void>;
  /** After a pass: republish for the remembered viewers whose tab is older than a minute. */
  refresh(): Promise<void>;
}
