import { type Logger as BoltLogger, LogLevel } from '@slack/bolt';
import type { Level, Logger } from '../telemetry/log.js';

// Bolt's LogLevel values are these same strings.
const BOLT_LEVEL: Record<Level, LogLevel> = {
  debug: LogLevel.DEBUG,
  info: LogLevel.INFO,
  warn: LogLevel.WARN,
  error: LogLevel.ERROR,
};

/**
 * Bolt and its Web API clients want their own logger shape; ours keeps the secret scrubbing and the
 * format (JSON lines included). A client given no logger prints to the console in its own format.
 */
export function boltLogger(logger: Logger): BoltLogger {
  let current = logger;
  return {
    debug: (...msg) => current.debug(...msg),
    info: (...msg) => current.info(...msg),
    warn: (...msg) => current.warn(...msg),
    error: (...msg) => current.error(...msg),
    // LOG_LEVEL is the operator's: Bolt's HTTPReceiver sets its default (info) on the logger it is given,
    // which used to silence every debug line of the process. Bolt is told the level, never sets it.
    setLevel: () => {},
    getLevel: () => BOLT_LEVEL[current.level],
    setName: (name) => {
      current = logger.child(name);
    },
  };
}
