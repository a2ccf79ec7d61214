/**
 * A replica reduced to its lease, in its own process, so a test can kill -9 a leader.
 * Usage: lease-worker.ts <redis url> <ttl ms>. Prints "leading <token>" once it leads.
 */
import { createLease } from '../../src/cluster/lease.js';
import { openRedis } from '../../src/store/redis-client.js';

const [url = '', ttl = '3000'] = process.argv.slice(2);
const lease = createLease({
  redis: await openRedis(url),
  ttlMs: Number(ttl),
  retryMs: 100,
  onGain: () => console.log(`leading ${lease.token()}`),
  onLose: () => console.log('lost'),
});
await lease.start();
