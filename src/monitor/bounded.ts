/**
 * Runs `fn` over `items` with at most `limit` calls in flight. Each worker's first start is
 * staggered across `staggerMs`, so a pass begins as a ramp rather than one burst.
 */
export async function mapBounded<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
  options: { staggerMs?: number; random?: () => number } = {},
): Promise<R[]> {
  const results = new Array<R>(items.length);
  const workers = Math.max(1, Math.min(limit, items.length));
  const step = (options.staggerMs ?? 0) / workers;
  const random = options.random ?? Math.random;
  let next = 0;
  const worker = async (index: number) => {
    if (step > 0 && index > 0) await new Promise((resolve) => setTimeout(resolve, (index + random() - 0.5) * step));
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: workers }, (_, i) => worker(i)));
  return results;
}
