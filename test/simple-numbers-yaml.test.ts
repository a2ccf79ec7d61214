import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readSimpleNumbersYaml } from '../src/config/simple-numbers-yaml.js';

/** What the yaml package makes of a text: its data, or 'error' when it refuses it. */
function viaYaml(text: string): unknown {
  try {
    return parse(text, { uniqueKeys: true, maxAliasCount: 50 });
  } catch {
    return 'error';
  }
}

const piece = fc.constantFrom(
  'Line 1',
  'D360_KEY',
  'C0123456789',
  'acme',
  'true',
  'null',
  'False',
  'yes',
  'x',
  "O'Brien",
  'a, b',
  'a - b',
  'x:y',
  'a #b',
  '"quoted # text"',
  "'single: quoted'",
  '"esc\\"aped"',
  '+4915123',
  '4915123',
  '0x1F',
  '.inf',
  'https://x.test',
  'a ',
  '',
  ' ',
  '- x',
  '#x',
  'a#b',
  'a: b',
  '[a]',
  '{a: 1}',
  '&anchor a',
  '*alias',
  '!tag a',
  '|',
  '>',
  '@at',
  '`tick',
  '%p',
  '~',
);
const safe = fc.constantFrom('Line 1', 'D360_KEY', 'acme', "'x'", '"y z"');
const key = fc.constantFrom('name', 'apiKeyEnv', 'channel', 'client', 'phone', 'api', '__proto__', 'constructor', 'a b', '-x');
// Mostly words it reads, so most texts take the short way and are compared; one odd piece in a few.
const value = fc.oneof({ weight: 6, arbitrary: safe }, { weight: 1, arbitrary: piece });
const item = fc.array(fc.tuple(key, value), { minLength: 1, maxLength: 4 });
const layout = fc.record({ indent: fc.constantFrom(0, 2, 4), fieldIndent: fc.constantFrom(0, 1, 2, 3), comment: fc.boolean() });

function render(items: [string, string][][], l: { indent: number; fieldIndent: number; comment: boolean }): string {
  const pad = ' '.repeat(l.indent);
  const lines = ['numbers:'];
  for (const fields of items) {
    for (const [i, [k, v]] of fields.entries()) lines.push(i === 0 ? `${pad}- ${k}: ${v}` : `${pad}${' '.repeat(l.fieldIndent)}${k}: ${v}`);
    if (l.comment) lines.push(`${pad}# a comment`);
  }
  return `${lines.join('\n')}\n`;
}

describe('numbers.yml read without the yaml package', () => {
  it('reads the usual file: a numbers list of flat mappings of words and quoted strings', () => {
    const text = 'numbers:\n  - name: Support line\n    apiKeyEnv: D360_KEY_1\n    channel: "C0123456789"\n\n  - name: \'Sales\'\n';
    expect(readSimpleNumbersYaml(text)).toEqual({
      numbers: [{ name: 'Support line', apiKeyEnv: 'D360_KEY_1', channel: 'C0123456789' }, { name: 'Sales' }],
    });
  });

  it('leaves to the yaml package what it cannot read the same way (numbers, booleans, nesting, other keys)', () => {
    for (const text of [
      'numbers:\n  - name: 123\n',
      'numbers:\n  - name: true\n',
      'numbers:\n  - name: a\n    oncall:\n      - U1\n',
      'clients:\n  - name: a\nnumbers:\n  - name: b\n',
      'numbers:\n  - name: a\n    name: b\n',
      'numbers:\r\n  - name: a\r\n',
    ]) {
      expect(readSimpleNumbersYaml(text), text).toBeUndefined();
    }
  });

  it('answers exactly what the yaml package answers, whenever it answers', () => {
    let answered = 0;
    fc.assert(
      fc.property(fc.array(item, { minLength: 1, maxLength: 4 }), layout, (items, l) => {
        const text = render(items, l);
        const fast = readSimpleNumbersYaml(text);
        if (fast !== undefined) {
          answered += 1;
          expect(fast, text).toEqual(viaYaml(text));
        }
      }),
      { numRuns: 3000 },
    );
    expect(answered).toBeGreaterThan(100);
  });
});
