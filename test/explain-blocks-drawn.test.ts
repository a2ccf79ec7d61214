import { describe, expect, it } from 'vitest';
import { explain } from '../src/catalog/lookup.js';
import { explainBlocks } from '../src/slack/views/explain-blocks.js';

/**
 * Issue 25: an uncached `/wa-error` draws only its own few blocks; each catalog entry's blocks are
 * drawn once and shared, frozen, by every answer that shows the entry (what `bench/wa-error.ts` times).
 */
describe('explain blocks drawn once per entry', () => {
  it('shares one frozen drawing of an entry between different answers', () => {
    const alone = explainBlocks(explain('131047')).blocks;
    const inProse = explainBlocks(explain('got 131047 on a send')).blocks;
    const header = alone.find((b) => b.type === 'header');
    expect(header).toBeDefined();
    // The same object in both answers: drawn once, not re-escaped per query.
    expect(inProse).toContain(header);
    expect(Object.isFrozen(header)).toBe(true);
    expect(Object.isFrozen((header as { text: object }).text)).toBe(true);
  });

  it('keeps what each answer says its own', () => {
    const first = explainBlocks(explain('131047'));
    const second = explainBlocks(explain('131047'), { sharedBy: 'U0SHARER' });
    // The per-answer parts differ (shared-by line, no Share button); the entry's own blocks are the same.
    expect(JSON.stringify(second.blocks)).toContain('U0SHARER');
    expect(JSON.stringify(first.blocks)).not.toContain('U0SHARER');
    expect(first.blocks.some((b) => b.type === 'actions')).toBe(true);
    expect(second.blocks.some((b) => b.type === 'actions')).toBe(false);
  });
});
