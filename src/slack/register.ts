import type { App } from '@slack/bolt';
import type { SlackDeps } from './deps.js';
import * as acknowledge from './actions/acknowledge.js';
import * as escalate from './actions/escalate.js';
import * as mute from './actions/mute.js';
import * as recheck from './actions/recheck.js';
import * as shareExplanation from './actions/share-explanation.js';
import * as waError from './commands/wa-error.js';
import * as appHome from './events/app-home.js';
import * as waMute from './commands/wa-mute.js';
import * as waStatus from './commands/wa-status.js';

/** Every Slack surface the bot answers, in one screen. */
export function registerAll(app: App, deps: SlackDeps): void {
  waError.register(app, deps);
  waStatus.register(app, deps);
  waMute.register(app, deps);
  appHome.register(app, deps);
  shareExplanation.register(app, deps);
  recheck.register(app, deps);
  acknowledge.register(app, deps);
  mute.register(app, deps);
  escalate.register(app, deps);
}
