import { describe, expect, it } from 'vitest';
import { Lru } from '../src/slack/commands/lru.js';

describe('the /wa-error answer cache', () => {
  it('keeps recently used answers and evicts the least recently used one', () => {
    const cache = new Lru<string, number>(3);
    cache.set('2001', 1);
    cache.set('131047', 2);
    cache.set('rate limit', 3);
    // Asked again: now the most recently used.
    expect(cache.get('2001')).toBe(1);
    cache.set('470', 4);
    expect(cache.has('2001')).toBe(true);
    expect(cache.has('131047')).toBe(false);
    expect(cache.size).toBe(3);
  });

  it('never grows past its capacity', () => {
    const cache = new Lru<number, number>(256);
    for (let i = 0; i < 1000; i += 1) cache.set(i, i);
    expect(cache.size).toBe(256);
    expect(cache.has(999)).toBe(true);
    expect(cache.has(0)).toBe(false);
  });
});
