import { createLeadership, type Leadership } from '../cluster/leadership.js';
import type { StartConfig } from '../config/config.js';
import type { NumberRecord } from '../core/records.js';
import { watchStoreFile } from '../store/file-watch.js';
import { openStore, type Store } from '../store/open.js';
import type { RecordStore } from '../store/record-store.js';
import { isRedisUrl, openRedis, type RedisConnection } from '../store/redis-client.js';
import type { Logger } from '../telemetry/log.js';
import type { ProblemSource } from './readiness.js';

export interface State {
  /** Which replica leads: with Redis, the holder of the lease; otherwise this process, always. */
  readonly leadership: Leadership;
  readonly store: Store;
  readonly records: RecordStore<NumberRecord>;
  /** Why the store is unwell now (refuses writes, its file deleted under it); empty when fine. */
  readonly problems: ProblemSource;
  /** With Redis: the command connection the store, the lease and the webhook windows share (store/redis-client.ts). */
  readonly redis?: RedisConnection;
  /** Closes the store, then the Redis connection. */
  close(): Promise<void>;
}

/** The store STORE_URL names, its writes fenced by the lease on Redis, and how readiness sees it. */
export async function openState(config: StartConfig, logger: Logger): Promise<State> {
  const redis = isRedisUrl(config.storeUrl) ? await openRedis(config.storeUrl) : undefined;
  const leadership = createLeadership(redis, (message) => logger.child('lease').info(message), config.leaseTtlMs);
  const storeLog = logger.child('store');
  const store = await openStore(config.storeUrl, {
    ...(redis ? { redis } : {}),
    ...(leadership.fence ? { fence: leadership.fence } : {}),
    log: (level, message) => storeLog[level](message),
    onMalformed: (key, error) => storeLog.error(`store row "${key}" cannot be read: skipped`, error),
  });
  const fileProblem = watchStoreFile(config.storeUrl, storeLog);
  const problems = async () => [await store.probe(), fileProblem()].filter((p): p is string => p !== undefined);
  const close = async () => {
    await store.close();
    await redis?.close();
  };
  return { leadership, store, records: store.records<NumberRecord>('number'), problems, ...(redis ? { redis } : {}), close };
}
