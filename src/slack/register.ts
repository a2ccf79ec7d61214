import type { App } from '@slack/bolt';
import type { SlackDeps } from './deps.js';
import { createRoutes } from './routes.js';
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
  const routes = createRoutes();
  waError.register(routes, deps);
  waStatus.register(routes, deps);
  waMute.register(routes, deps);
  shareExplanation.register(routes, deps);
  recheck.register(routes, deps);
  acknowledge.register(routes, deps);
  mute.register(routes, deps);
  escalate.register(routes, deps);
  routes.mount(app);
  appHome.register(app, deps);
}
