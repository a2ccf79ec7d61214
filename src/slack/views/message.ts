import type { types } from '@slack/bolt';

export type Block = types.KnownBlock;

/** What every view returns: blocks, and the plain `text` Slack shows in notifications and previews. */
export interface SlackMessage {
  readonly text: string;
  readonly blocks: Block[];
}

// Limits from Slack's Block Kit reference.
export const LIMITS = {
  blocks: 50,
  sectionText: 3000,
  headerText: 150,
  contextElements: 10,
  buttonText: 75,
  buttonValue: 2000,
  fallbackText: 3000,
} as const;
