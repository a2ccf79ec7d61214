import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { explain } from '../src/catalog/lookup.js';
import { explainBlocks } from '../src/slack/views/explain-blocks.js';
import { blockKitProblems, visibleText } from './support/block-kit.js';

/** What an attacker or a careless paste puts in a command: pings, links, entities, controls, codes and words. */
const HOSTILE = ['<!channel>', '<!here>', '<!everyone>', '<@U0123ABC>', '<!subteam^S0123|@oncall>', '<https://evil.example|click>'];
const PARTS = [
  ...HOSTILE,
  '&lt;!channel&gt;',
  '&amp;',
  '2001',
  '131047',
  '(#131050)',
  'rate limit',
  'template paused',
  '24 hours',
  '`',
  '*',
  '\n',
];

const texts = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.array(fc.constantFrom(...PARTS), { maxLength: 12 }).map((parts) => parts.join(' ')),
  fc.tuple(fc.string({ maxLength: 40 }), fc.constantFrom(...HOSTILE), fc.string({ maxLength: 40 })).map((p) => p.join('')),
);

describe('/wa-error under fuzzing (seeded)', () => {
  it('always answers valid Block Kit with no live mention, broadcast or link from the text', () => {
    fc.assert(
      fc.property(texts, (text) => {
        const message = explainBlocks(explain(text));
        expect(blockKitProblems(message)).toEqual([]);
        const shown = JSON.stringify(message);
        for (const ping of HOSTILE) expect(shown).not.toContain(ping);
        expect(visibleText(message)).not.toMatch(/<https?:\/\/evil/);
      }),
      { seed: 20261130, numRuns: 1500 },
    );
  });
});
