import type { App } from '@slack/bolt';
import type { Logger } from '../telemetry/log.js';
import type { Monitor } from '../monitor/service.js';
import type { WaNumber } from '../config/numbers.js';
import * as acknowledge from './actions/acknowledge.js';
import * as mute from './actions/mute.js';
import * as recheck from './actions/recheck.js';
import * as shareExplanation from './actions/share-explanation.js';
import * as waError from './commands/wa-error.js';

export interface SlackDeps {
  readonly logger: Logger;
  readonly monitor: Monitor;
  readonly numbers: readonly WaNumber[];
}

/** Every Slack surface the bot answers, in one screen. */
export function registerAll(app: App, deps: SlackDeps): void {
  waError.register(app);
  shareExplanation.register(app, deps);
  recheck.register(app, deps);
  acknowledge.register(app, deps);
  mute.register(app, deps);
}
