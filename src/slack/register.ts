import type { App } from '@slack/bolt';
import type { Logger } from '../log.js';
import * as shareExplanation from './actions/share-explanation.js';
import * as waError from './commands/wa-error.js';

export interface SlackDeps {
  readonly logger: Logger;
}

/** Every Slack surface the bot answers, in one screen. */
export function registerAll(app: App, deps: SlackDeps): void {
  waError.register(app);
  shareExplanation.register(app, deps);
}
