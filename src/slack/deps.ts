import type { WaNumber } from '../config/numbers.js';
import type { Monitor } from '../monitor/service.js';
import type { Logger } from '../telemetry/log.js';

/** What every Slack listener may use. */
export interface SlackDeps {
  readonly logger: Logger;
  readonly monitor: Monitor;
  readonly numbers: readonly WaNumber[];
}
