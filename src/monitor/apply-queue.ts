/**
 * Collects items as they arrive and hands them to `flush` in batches, one batch at a time: a pass
 * writes its results while it is still polling, in a few transactions rather than one per number.
 * While a batch is being written the next one grows, so a slow store gets bigger, fewer batches.
 */
export interface ApplyQueue<T> {
  add(item: T): void;
  /** Flushes what is left and resolves once every item added so far has been handed over. */
  drain(): Promise<void>;
}

export interface ApplyQueueOptions<T> {
  readonly maxBatch: number;
  /** How long a lone item waits for company before it is written. */
  readonly delayMs: number;
  /** A failed batch is reported here; the queue goes on with the next one. */
  readonly onError: (error: unknown, batch: readonly T[]) => void;
}

export function createApplyQueue<T>(flush: (batch: T[]) => Promise<void>, options: ApplyQueueOptions<T>): ApplyQueue<T> {
  let items: T[] = [];
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;

  const run = async () => {
    while (items.length > 0) {
      const batch = items.length > options.maxBatch ? items.splice(0, options.maxBatch) : items;
      if (batch === items) items = [];
      try {
        await flush(batch);
      } catch (error) {
        options.onError(error, batch);
      }
    }
  };

  const pump = (): Promise<void> => {
    clearTimeout(timer);
    timer = undefined;
    // The finally runs after `running` is assigned, and picks up what arrived during the last write.
    running ??= run().finally(() => {
      running = undefined;
      if (items.length > 0) schedule();
    });
    return running;
  };

  const schedule = () => {
    if (running) return; // picked up when the batch in flight is written
    if (items.length >= options.maxBatch) void pump();
    else timer ??= setTimeout(() => void pump(), options.delayMs);
  };

  return {
    add(item) {
      items.push(item);
      schedule();
    },
    async drain() {
      while (running || items.length > 0) await (running ?? pump());
    },
  };
}
