import type { WaNumber } from '../config/numbers.js';
import type { Monitor } from '../monitor/service.js';
import type { Logger } from '../telemetry/log.js';
import type { webApi } from '@slack/bolt';
import type { Once } from './once.js';
import type { PriorityLedgerStore } from './priority-ledger.js';

/** What every Slack listener may use. */
export interface SlackDeps {
  readonly logger: Logger;
  readonly monitor: Monitor;
  readonly numbers: readonly WaNumber[];
  /** True for the first delivery of an event or a click, false for Slack's repeats (slack/once.ts). */
  readonly once: Once;
  /** Who opened the App Home tab, for refreshes after passes. */
  readonly home?: HomeViewers;
  /** What the Escalate button knows beside the records; without it the ticket says what it does not know. */
  readonly support?: SupportSources;
}

/** Sources of the Escalate modal that live outside the number records (wired in wiring/support.ts). */
export interface SupportSources {
  /** The Partner API's channel id and client id of a configured number, when its listing names the number. */
  channelOf(number: string): Promise<{ readonly channelId?: string; readonly clientId?: string } | undefined>;
  /** D360_PARTNER_ID, when the Partner API is configured: support finds the partner's channels by it. */
  readonly partnerId?: string;
  /** Whether the bot watches 360dialog's status page (D360_STATUS_URL not `off`). */
  readonly statusWatched: boolean;
  /** D360_PRIORITY_ESCALATIONS; undefined: not tracked. */
  readonly priorityLimit?: number;
  /** The shared ledger; without a store nothing is counted. */
  readonly ledger?: PriorityLedgerStore;
  readonly now?: () => number;
}

/** The App Home tab's viewers (slack/events/app-home.ts). */
export interface HomeViewers {
  /** Publishes the home tab for a user who opened it, and remembers them for refreshes. */
  opened(client: webApi.WebClient, user: string): Promise<void>;
  /** After a pass: republish for the remembered viewers whose tab is older than a minute. */
  refresh(): Promise<void>;
}
