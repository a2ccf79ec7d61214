/**
 * A separate process for the cross-process update test: bumps one counter record `count` times
 * through its own store connection, a few updates in flight at once, then exits.
 * Usage: counter-worker.ts <STORE_URL> <count>
 */
import { createStore } from '../../src/store/kv.js';
import { createRecordStore } from '../../src/store/record-store.js';

const [url = '', count = '0'] = process.argv.slice(2);
const store = await createStore(url);
const counters = createRecordStore<{ count: number }>(store, 'counter');
let left = Number(count);
const worker = async () => {
  while (left > 0) {
    left -= 1;
    await counters.update('shared', (c) => ({ count: (c?.count ?? 0) + 1 }));
  }
};
await Promise.all(Array.from({ length: 4 }, worker));
await store.close();
