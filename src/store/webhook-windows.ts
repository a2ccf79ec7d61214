import type { Logger } from '../telemetry/log.js';
import { withFailover } from './failover-windows.js';
import { createMemoryWindows } from './memory-windows.js';
import type { RedisConnection } from './redis-client.js';
import { createRedisWindows } from './redis-windows.js';
import type { SharedWindows } from './shared-windows.js';

export type { SharedWindows, WindowView } from './shared-windows.js';

/**
 * The webhook windows for this replica's store: with a Redis connection, the shared windows in Redis
 * behind a failover to this replica's own; without (SQLite, memory: one process), in memory.
 */
export function createWebhookWindows(redis: RedisConnection | undefined, options: { readonly logger: Logger }): SharedWindows {
  return redis ? withFailover(createRedisWindows(redis), { logger: options.logger }) : createMemoryWindows();
}
