import { describe, expect, it } from 'vitest';
import { readNumbers } from '../src/config/numbers.js';

const read = (yaml: string) => {
  const problems: string[] = [];
  const numbers = readNumbers({ KEY_A: 'key-a-0123456789', KEY_B: 'key-b-0123456789' }, { readFile: () => yaml }, problems);
  return { numbers, problems };
};

describe('routing cards by client (numbers.yml client: and clients:)', () => {
  it("sends a number's cards to its client's channel unless the number names its own", () => {
    const { numbers, problems } = read(
      [
        'clients:',
        '  Acme: { channel: C0ACME00001 }',
        'numbers:',
        '  - { name: A, apiKeyEnv: KEY_A, client: acme }',
        '  - { name: B, apiKeyEnv: KEY_B, client: Acme, channel: C0OWN000001 }',
      ].join('\n'),
    );
    expect(problems).toEqual([]);
    expect(numbers.map((n) => [n.name, n.client, n.channel])).toEqual([
      ['A', 'acme', 'C0ACME00001'],
      ['B', 'Acme', 'C0OWN000001'],
    ]);
  });

  it('names the client and the fix when its channel is not a channel id', () => {
    const { problems } = read(['clients:', '  Acme: { channel: general, colour: red }', 'numbers: []'].join('\n'));
    expect(problems).toEqual([
      'numbers.yml client "Acme" has unknown field(s) colour: only channel is allowed.',
      'numbers.yml client "Acme" needs channel: <a channel ID like C0123456789>.',
    ]);
  });
});
