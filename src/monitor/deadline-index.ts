/**
 * When each record next needs a tick, as a binary min-heap: a tick pops only what is due instead of
 * visiting every open incident. Entries are never updated in place; a newer deadline for the same id
 * is pushed and the old entry is skipped when it surfaces (checked against `current`).
 */
export interface DeadlineIndex {
  /** The record's next deadline; undefined removes it (no tick can change it). */
  set(id: string, at: number | undefined): void;
  /** Removes and returns every id whose deadline is at or before `now`, earliest first. */
  takeDue(now: number): Array<{ readonly id: string; readonly at: number }>;
  get(id: string): number | undefined;
  readonly size: number;
}

type Entry = readonly [at: number, id: string];

/** The heap's helpers share its array: one closure, a screen long. */
export function createDeadlineIndex(): DeadlineIndex {
  const current = new Map<string, number>();
  let heap: Entry[] = [];

  const less = (i: number, j: number) => (heap[i] as Entry)[0] < (heap[j] as Entry)[0];
  const swap = (i: number, j: number) => {
    [heap[i], heap[j]] = [heap[j] as Entry, heap[i] as Entry];
  };
  const up = (start: number) => {
    for (let i = start; i > 0 && less(i, (i - 1) >> 1); i = (i - 1) >> 1) swap(i, (i - 1) >> 1);
  };
  const down = (start: number) => {
    for (let i = start; ; ) {
      const [l, r] = [2 * i + 1, 2 * i + 2];
      let smallest = i;
      if (l < heap.length && less(l, smallest)) smallest = l;
      if (r < heap.length && less(r, smallest)) smallest = r;
      if (smallest === i) return;
      swap(i, smallest);
      i = smallest;
    }
  };
  const push = (entry: Entry) => {
    heap.push(entry);
    up(heap.length - 1);
  };
  const pop = (): Entry | undefined => {
    const top = heap[0];
    const last = heap.pop();
    if (heap.length > 0 && last) {
      heap[0] = last;
      down(0);
    }
    return top;
  };

  return {
    set(id, at) {
      if (current.get(id) === at) return;
      if (at === undefined) current.delete(id);
      else {
        current.set(id, at);
        push([at, id]);
      }
      // Stale entries pile up when deadlines move often: rebuild once they outnumber the live ones.
      if (heap.length > 2 * current.size + 1024) {
        heap = [...current].map(([key, value]) => [value, key] as const).sort((x, y) => x[0] - y[0]);
      }
    },
    takeDue(now) {
      const due: Array<{ id: string; at: number }> = [];
      while (heap.length > 0 && (heap[0] as Entry)[0] <= now) {
        const [at, id] = pop() as Entry;
        if (current.get(id) !== at) continue;
        current.delete(id);
        due.push({ id, at });
      }
      return due;
    },
    get: (id) => current.get(id),
    get size() {
      return current.size;
    },
  };
}
