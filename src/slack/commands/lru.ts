/**
 * A small least-recently-used cache: a Map keeps insertion order, so moving a key to the end on
 * every read keeps the least recently used one first, where eviction takes it.
 */
export class Lru<K, V> {
  readonly #items = new Map<K, V>();
  constructor(readonly capacity: number) {}

  get(key: K): V | undefined {
    const value = this.#items.get(key);
    if (value === undefined) return undefined;
    this.#items.delete(key);
    this.#items.set(key, value);
    return value;
  }

  set(key: K, value: V): void {
    this.#items.delete(key);
    this.#items.set(key, value);
    if (this.#items.size > this.capacity) this.#items.delete(this.#items.keys().next().value as K);
  }

  has(key: K): boolean {
    return this.#items.has(key);
  }

  get size(): number {
    return this.#items.size;
  }
}
